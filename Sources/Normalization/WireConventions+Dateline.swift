import Foundation

/// Datelines (`LONDON, Aug 30 (Reuters) - `, `新华社北京2月5日电`) and the place and date they name.
extension WireConventions {
    struct DatelineMatch {
        var length: Int   // scalars consumed, including the separator and following space
        var dateline: String
        var agency: String?
        var date: DateParser.Parsed?
        var strong: Bool
        var capsLocation: Bool
    }

    /// Matches `PLACE[, Region][, Date][ (Agency)] - ` at the start of `text`.
    static func datelineMatch(_ text: String) -> DatelineMatch? {
        let s = Normalizer.scalarArray(text, limit: 160)
        var i = 0
        let n = s.count
        func isUpper(_ c: Unicode.Scalar) -> Bool { c.value < 128 ? (c.value >= 65 && c.value <= 90) : c.properties.isUppercase }
        func isLetter(_ c: Unicode.Scalar) -> Bool { c.value < 128 ? ((c.value | 0x20) >= 97 && (c.value | 0x20) <= 122) : c.properties.isAlphabetic }
        // Location: an all-caps segment ("NEW YORK"), or capitalised words ("New York") — the latter only
        // counts when a date or an agency follows.
        let locStart = i
        var letters = 0
        var allCaps = true
        var words = 0
        var atWordStart = true
        while i < n {
            let c = s[i]
            if c == " " || c == "." || c == "-" || c == "'" || c.value == 0x2019 {
                if c == " " { atWordStart = true }
                i += 1
                continue
            }
            guard isLetter(c) else { break }
            if atWordStart {
                guard isUpper(c), words < 5 else { break }
                words += 1
                atWordStart = false
            } else if !isUpper(c) {
                allCaps = false
            }
            letters += 1
            i += 1
        }
        // Stop at the end of the last whole word.
        while i > locStart, s[i - 1] == " " || (allCaps == false && s[i - 1] == "-") { i -= 1 }
        guard letters >= 2, i > locStart else { return nil }
        if i < n, isLetter(s[i]) { return nil }
        var location = String(scalarSlice: s[locStart..<i])
        // Optional ", Region" segments (capitalised words) and ", Date".
        var datePart: String?
        var parsedDate: DateParser.Parsed?
        var segments = 0
        while i + 2 < n, s[i] == ",", s[i + 1] == " ", segments < 3 {
            var j = i + 2
            let segStart = j
            while j < n, s[j] != ",", s[j] != "(", s[j] != "-", s[j].value != 0x2013, s[j].value != 0x2014, j - segStart < 40,
                  !(s[j] == "." && j + 1 < n && s[j + 1] == " " && j > segStart && s[j - 1].properties.isLowercase && !isUpperInitialWord(s, segStart, j)) { j += 1 }
            var segEnd = j
            while segEnd > segStart, s[segEnd - 1] == " " { segEnd -= 1 }
            let segment = String(scalarSlice: s[segStart..<segEnd])
            guard !segment.isEmpty, let firstScalar = segment.unicodeScalars.first, isUpper(firstScalar) || firstScalar.properties.numericType != nil else { break }
            if let d = monthDay(segment) {
                datePart = segment
                parsedDate = d.parsed
                i = segEnd
                // "Aug 30, 2026" continues with a year segment.
                if i + 2 < n, s[i] == ",", s[i + 1] == " " {
                    var k = i + 2
                    var digits = 0
                    while k < n, s[k].properties.numericType != nil, digits < 4 { k += 1; digits += 1 }
                    if digits == 4, let full = DateParser.parse(segment + ", " + String(scalarSlice: s[(i + 2)..<k])) {
                        datePart = segment + ", " + String(scalarSlice: s[(i + 2)..<k])
                        parsedDate = full; i = k
                    }
                }
                break
            }
            let words = segment.split(separator: " ")
            guard words.count <= 4, words.allSatisfy({ $0.first?.isUppercase ?? false }) else { break }
            location += ", " + segment
            i = segEnd
            segments += 1
        }
        // Optional "(Agency)".
        var agency: String?
        var k = i
        while k < n, s[k] == " " { k += 1 }
        if k < n, s[k] == "(" {
            var j = k + 1
            while j < n, s[j] != ")", j - k < 40 { j += 1 }
            if j < n, s[j] == ")" {
                let name = String(scalarSlice: s[(k + 1)..<j]).trimmingSpaces()
                let words = name.split(separator: " ")
                if !name.isEmpty, words.count <= 4, let f = name.unicodeScalars.first, isLetter(f), !(name.lowercased().hasPrefix("update")) {
                    agency = name
                    i = j + 1
                }
            }
        }
        // Separator.
        k = i
        while k < n, s[k] == " " { k += 1 }
        guard k < n else { return nil }
        var sepEnd = k
        if s[k] == "-" {
            sepEnd = k + 1
            if sepEnd < n, s[sepEnd] == "-" { sepEnd += 1 }
        } else if s[k].value == 0x2013 || s[k].value == 0x2014 || s[k].value == 0x2015 {
            sepEnd = k + 1
        } else if s[k] == ".", k + 1 < n, s[k + 1] == "-" || s[k + 1].value == 0x2013 || s[k + 1].value == 0x2014 {
            // Spanish agencies: "MADRID, 5 feb (EFE).- "
            sepEnd = k + 2
        } else if s[k] == ".", agency == nil, datePart != nil, k + 3 < n, s[k + 1] == " ", s[k + 2] == "/",
                  let close = (k + 3..<min(n, k + 30)).first(where: { s[$0] == "/" }), close + 1 < n, s[close + 1] == "." {
            // Russian agencies: "МОСКВА, 5 февраля. /ТАСС/. "
            let name = String(scalarSlice: s[(k + 3)..<close]).trimmingSpaces()
            guard !name.isEmpty else { return nil }
            agency = name
            sepEnd = close + 2
        } else {
            return nil
        }
        // Separator must be followed by a space (not a hyphenated word).
        guard sepEnd < n, s[sepEnd] == " " else { return nil }
        while sepEnd < n, s[sepEnd] == " " { sepEnd += 1 }
        let locWords = location.split(separator: " ")
        guard locWords.count <= 8 else { return nil }
        var dateline = location
        if let d = datePart { dateline += ", " + d }
        if !allCaps && datePart == nil && agency == nil { return nil }
        return DatelineMatch(
            length: sepEnd, dateline: dateline, agency: agency, date: parsedDate,
            strong: agency != nil || datePart != nil, capsLocation: allCaps && letters >= 3
        )
    }

    /// Whether the word ending at `end` is a capitalised abbreviation like "Va" or "Fla" (kept with its period).
    static func isUpperInitialWord(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
        var w = end
        while w > start, s[w - 1] != " " { w -= 1 }
        return w < end && s[w].properties.isUppercase && end - w <= 5
    }

    /// Lines of a paragraph (split on LF bytes, no empty lines).
    static func splitLines(_ paragraph: String) -> [String] {
        guard paragraph.containsByte(10) else { return paragraph.isEmpty ? [] : [paragraph] }
        return paragraph.utf8.split(separator: 10).map { String(Substring($0)) }
    }

    /// Whether the text after `offset` scalars starts like a sentence (capital, digit or opening quote).
    static func startsSentence(_ text: String, at offset: Int) -> Bool {
        guard let c = text.unicodeScalars.dropFirst(offset).first else { return false }
        return c.properties.isUppercase || c.properties.numericType != nil || "\"'\u{201C}\u{2018}\u{00AB}(".unicodeScalars.contains(c)
    }

    /// An all-caps place name alone on a line: 1–4 words of capitals (with `.`/`,`/`-`), no digits.
    static func barePlace(_ line: String) -> String? {
        let t = line.trimmingSpaces()
        guard t.utf8.count >= 3, t.utf8.count <= 40 else { return nil }
        var letters = 0
        for c in t.unicodeScalars {
            if c.properties.isAlphabetic {
                guard c.properties.isUppercase else { return nil }
                letters += 1
            } else if !(c == " " || c == "." || c == "," || c == "'") {
                return nil
            }
        }
        guard letters >= 3, t.split(separator: " ").count <= 4 else { return nil }
        return t
    }

    /// "新华社北京2月5日电 " → dateline "北京2月5日", agency "新华社"; "（记者 …）" reporter notes stay in the text.
    static func chineseDateline(_ paragraph: String) -> (dateline: String, agency: String?, rest: String)? {
        let s = Array(paragraph.unicodeScalars.prefix(40))
        guard let dian = (0..<s.count).first(where: { $0 >= 4 && s[$0] == "电" && s[$0 - 1] == "日" }) else { return nil }
        let head = String(scalarSlice: s[0..<(dian - 0)])
        guard head.unicodeScalars.contains("月"), !head.unicodeScalars.contains(where: { $0 == "，" || $0 == "。" || $0 == " " }) else { return nil }
        var agency: String?
        var place = head
        if let she = head.firstIndex(of: "社") {
            agency = String(head[...she])
            place = String(head[head.index(after: she)...])
        }
        guard !place.isEmpty else { return nil }
        var rest = paragraph.unicodeScalars.dropFirst(dian + 1)
        while let f = rest.first, f == " " || f.value == 0x3000 { rest = rest.dropFirst() }
        return (place, agency, String(String.UnicodeScalarView(rest)))
    }

    /// "Aug 30", "August 30", "30 August", optionally with a year; the day is only trusted with a year.
    static func monthDay(_ segment: String) -> (parsed: DateParser.Parsed?, ok: Bool)? {
        let tokens = DateParser.tokenize(segment)
        guard tokens.count >= 2, tokens.count <= 6 else { return nil }
        let words = tokens.filter { $0.kind == .word }
        let numbers = tokens.filter { $0.kind == .number }
        guard let w = words.first, DateParser.months[w.text] != nil || DateParser.months[w.text.replacingOccurrences(of: ".", with: "")] != nil,
              let d = numbers.first, d.digits <= 2, d.value >= 1, d.value <= 31 else { return nil }
        return (DateParser.parse(segment), true)
    }
}
