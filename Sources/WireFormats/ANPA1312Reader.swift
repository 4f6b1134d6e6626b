/// ANPA-1312 (AP's teletype format): `SYN SYN SOH` header, `STX` text `ETX`, trailer with the time
/// (`AP-WF-11-13-13 1509GMT`). In the text, the first line is the slug line; a caret (`^`) line right after it is
/// the headline (Kyodo: an unmarked line ended by `+`); further caret lines are notes and the byline; the story
/// runs from the first indented line to `ETX`. Alerts and tables have no headline.
enum ANPA1312Reader {
    static func read(_ raw: String) -> WireStory {
        let envelope = TeletypeText(raw)
        var lines = TeletypeText.lines(envelope.text)
        while let first = lines.first, TeletypeText.isBlank(first) { lines.removeFirst() }
        var s = WireStory()
        let isIndented = { (line: String) in (line.hasPrefix("\t") || line.hasPrefix("  ")) && !TeletypeText.isBlank(line) }
        let bodyStart = lines.firstIndex(where: isIndented) ?? lines.count
        let preamble = lines[..<bodyStart].filter { !TeletypeText.isBlank($0) }
        // preamble[0] is the slug line; the headline follows it
        if preamble.count >= 2 {
            let candidate = preamble[1]
            let marked = candidate.hasPrefix("^")
            let text = cleanCaretLine(candidate)
            if !text.lowercased().hasPrefix("by ") && (marked || candidate.hasSuffix("+")) { s.title = text }
        }
        s.byline = preamble.dropFirst(2).first { cleanCaretLine($0).lowercased().hasPrefix("by ") }.map(cleanCaretLine)
            .map { String($0.dropFirst(3)) }
        let bodyLines = Array(lines[bodyStart...])
        let body = bodyLines.map(TeletypeText.trimmed).filter { !$0.isEmpty }.joined(separator: "\n\n")
        s.body = body
        s.dateline = body.split(separator: "\n").first.flatMap { TeletypeText.dateline(String($0)) }
        (s.publishedAt, s.source) = trailer(envelope.trailer.isEmpty ? String(envelope.text.suffix(200)) : envelope.trailer)
        return s
    }

    /// A caret line without its `^` and its `<`/`=`/`+` end marker.
    static func cleanCaretLine(_ line: String) -> String {
        var t = Substring(TeletypeText.trimmed(line))
        while t.first == "^" { t = t.dropFirst() }
        while let last = t.last, last == "<" || last == "=" || last == "+" { t = t.dropLast() }
        return String(t.trimmingSpaces())
    }

    /// `AP-WF-11-13-13 1509GMT` → (`2013-11-13T15:09:00Z`, `AP`).
    static func trailer(_ text: String) -> (String?, String?) {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "<" || $0.asciiValue.map { $0 < 0x20 } == true })
        for (k, token) in tokens.enumerated() where k + 1 < tokens.count {
            let parts = token.split(separator: "-")
            guard parts.count >= 3, let yy = Int(parts[parts.count - 1]), let dd = Int(parts[parts.count - 2]), let mm = Int(parts[parts.count - 3]) else { continue }
            let time = tokens[k + 1]
            let digits = time.prefix(4)
            guard digits.count == 4, let hhmm = Int(digits) else { continue }
            let zone = time.dropFirst(4).uppercased()
            var stamp = WireDate.Stamp(year: 2000 + yy, month: mm, day: dd, hour: hhmm / 100, minute: hhmm % 100)
            stamp.offset = zone.isEmpty ? nil : WireDate.offset(zone)
            let source = parts.count > 3 ? String(parts[0]) : nil
            return (stamp.string, source?.allSatisfy(\.isLetter) == true ? source : nil)
        }
        return (nil, nil)
    }
}
