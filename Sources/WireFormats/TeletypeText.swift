/// The transmission envelope shared by the teletype formats (ANPA-1312, IPTC 7901): control characters split a
/// file into header (before `STX`), text (`STX` to `ETX`) and trailer (after `ETX`, up to `EOT`); `DEL` and other
/// padding is dropped.
struct TeletypeText {
    static let soh: Character = "\u{01}", stx: Character = "\u{02}", etx: Character = "\u{03}", eot: Character = "\u{04}"

    /// Everything before the first `STX` (nil when there is none).
    var header: String?
    /// Between `STX` and `ETX` (the whole text when there is no `STX`).
    var text: String
    /// After `ETX`.
    var trailer: String

    init(_ raw: String) {
        let withoutPadding = String(String.UnicodeScalarView(raw.unicodeScalars.filter { $0 != "\u{7F}" && $0 != "\u{00}" }))
        var body = Substring(withoutPadding)
        if let s = body.firstIndex(of: Self.stx) {
            header = String(body[..<s])
            body = body[body.index(after: s)...]
            while body.first == Self.stx { body = body.dropFirst() }
        }
        if let e = body.firstIndex(of: Self.etx) {
            text = String(body[..<e])
            trailer = String(body[body.index(after: e)...])
        } else {
            text = String(body)
            trailer = ""
        }
    }

    /// Lines with `\r` removed and control characters other than tab dropped.
    static func lines(_ text: String) -> [String] {
        // by scalars: "\r\n" is one Character, and teletype files mix CR, CR CR LF and LF
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(String.UnicodeScalarView(line.filter { $0 == "\t" || $0.value >= 0x20 }))
        }
    }

    /// A line with only spaces/tabs (or nothing).
    static func isBlank(_ line: String) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" } }

    static func trimmed(_ line: String) -> String { WireText.collapseWhitespace(line) }

    /// An IPTC 7901 header line: service+number, priority digit, category letters, word count (`eca100 3 s 586 …`).
    static func isIPTC7901Header(_ line: String) -> Bool {
        let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{01}" })
        guard tokens.count >= 4 else { return false }
        let id = tokens[0]
        guard (4...14).contains(id.count), id.first?.isLetter == true, id.contains(where: \.isNumber),
            id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return false }
        guard tokens[1].count == 1, tokens[1].first?.isNumber == true else { return false }
        guard (1...3).contains(tokens[2].count), tokens[2].allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return tokens[3].allSatisfy(\.isNumber)
    }

    /// Paragraphs from lines: blank lines separate paragraphs, lines within one are joined with a space.
    static func paragraphs(_ lines: [String]) -> String {
        var paragraphs: [String] = []
        var current: [String] = []
        for line in lines {
            if isBlank(line) {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")); current = [] }
            } else {
                current.append(trimmed(line))
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        return paragraphs.joined(separator: "\n\n")
    }

    /// `Munich (dpa) - …` / `BUENOS AIRES, Argentina (AP) _ …`: the place before the agency credit.
    static func dateline(_ firstParagraph: String) -> String? {
        guard let open = firstParagraph.firstIndex(of: "("), firstParagraph.distance(from: firstParagraph.startIndex, to: open) <= 60,
            let close = firstParagraph[open...].firstIndex(of: ")")
        else { return nil }
        let after = firstParagraph[firstParagraph.index(after: close)...].drop { $0 == " " }
        guard let dash = after.first, "-_–—".contains(dash) else { return nil }
        let place = firstParagraph[..<open].trimmingSpaces()
        return place.isEmpty ? nil : String(place)
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return s
    }
}
