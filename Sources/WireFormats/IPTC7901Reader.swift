/// IPTC 7901 (dpa, ATS/SDA, APA … teletype): `SOH` header line (`eca062 4 i 211 ccccb dpa 061`) and keyword line,
/// `STX`, a heading block (status lines such as `REFILE` or `1ST LEAD`, the headline, a byline; its last line ends
/// ` =`), the body, `ETX`, a trailer with the time (`131137 GMT Nov 13`: day 13, 11:37 GMT, Nov 2013), `EOT`.
/// Without `STX` the heading block is not delimited: the first line is taken as the headline and the rest as body.
enum IPTC7901Reader {
    static func read(_ raw: String) -> WireStory {
        let envelope = TeletypeText(raw)
        var s = WireStory()
        if let header = envelope.header {
            let headerLines = TeletypeText.lines(header).map(TeletypeText.trimmed).filter { !$0.isEmpty }
            if let first = headerLines.first {
                let tokens = first.split(separator: " ")
                if tokens.count >= 6, tokens.last?.allSatisfy(\.isNumber) == true { s.source = String(tokens[tokens.count - 2]) }
            }
            let lines = TeletypeText.lines(envelope.text)
            var k = 0
            while k < lines.count && TeletypeText.isBlank(lines[k]) { k += 1 }
            var block: [String] = []
            while k < lines.count && !TeletypeText.isBlank(lines[k]) && block.count < 8 {
                let line = TeletypeText.trimmed(lines[k])
                block.append(line)
                k += 1
                if line.hasSuffix("=") { break }
            }
            let (title, byline) = heading(block)
            s.title = title
            s.byline = byline
            s.body = TeletypeText.paragraphs(Array(lines[k...]))
        } else {
            let lines = TeletypeText.lines(envelope.text)
            let start = lines.firstIndex { !TeletypeText.isBlank($0) } ?? lines.count
            s.title = start < lines.count ? TeletypeText.trimmed(lines[start]) : nil
            s.body = start < lines.count ? TeletypeText.paragraphs(Array(lines[(start + 1)...])) : ""
        }
        s.dateline = s.body?.split(separator: "\n").first.flatMap { TeletypeText.dateline(String($0)) }
        s.publishedAt = trailerTime(envelope.trailer)
        return s
    }

    /// The headline is the last line of the heading block that is neither a status line (no lower-case letter,
    /// or in parentheses) nor a byline; ` =` stripped.
    static func heading(_ block: [String]) -> (String?, String?) {
        func strip(_ line: String) -> String {
            var t = Substring(line)
            while t.last == "=" || t.last == " " { t = t.dropLast() }
            return String(t)
        }
        let isByline = { (line: String) in
            let l = line.lowercased()
            return l.hasPrefix("by ") || l.hasPrefix("von ") || l.hasPrefix("de ") || l.hasPrefix("par ")
        }
        let bylineLine = block.first(where: isByline)
        let candidates = block.filter { !isByline($0) }.map(strip).filter { !$0.isEmpty }
        let isStatus = { (line: String) in !line.contains(where: \.isLowercase) || (line.hasPrefix("(") && line.hasSuffix(")")) }
        let title = candidates.last(where: { !isStatus($0) }) ?? candidates.last
        let byline = bylineLine.map { String(strip($0).split(separator: " ", maxSplits: 1).last ?? "") }
        return (title, byline)
    }

    /// `071341 GMT Okt 15` → `2015-10-07T13:41:00Z`; without a zone the time stays naive.
    static func trailerTime(_ trailer: String) -> String? {
        let tokens = trailer.split(whereSeparator: { $0 == " " || $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true })
        guard let k = tokens.firstIndex(where: { $0.count == 6 && $0.allSatisfy(\.isNumber) }), let v = Int(tokens[k]) else { return nil }
        var rest = tokens[(k + 1)...]
        var offset: Int?
        if let zone = rest.first, let o = WireDate.zoneOffsets[zone.uppercased()] {
            offset = o
            rest = rest.dropFirst()
        }
        guard rest.count >= 2, let month = WireDate.monthNumber(String(rest[rest.startIndex])), let yy = Int(rest[rest.startIndex + 1]) else { return nil }
        var stamp = WireDate.Stamp(year: yy < 100 ? 2000 + yy : yy, month: month, day: v / 10000, hour: v / 100 % 100, minute: v % 100)
        stamp.offset = offset
        return stamp.string
    }
}
