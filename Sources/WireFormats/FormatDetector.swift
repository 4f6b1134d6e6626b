/// Which wire format a file holds, from its content only (never its name): for XML the root element's local name
/// and namespace, for teletype files the control characters of the transmission envelope.
public enum FormatDetector {
    /// The detected format, or a short description of what was found instead.
    public static func detect(_ bytes: [UInt8]) -> Result<WireFormat, Unrecognized> {
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { return detectUTF16(bytes) }
        while i < bytes.count && isSpace(bytes[i]) { i += 1 }
        guard i < bytes.count else { return .failure(Unrecognized(description: "no content")) }
        if bytes[i] == 0x3C { return detectXML(bytes, from: i) }
        if let teletype = detectTeletype(bytes) { return .success(teletype) }
        if bytes[i] == 0x7B || bytes[i] == 0x5B { return .failure(Unrecognized(description: "JSON")) }
        return .failure(Unrecognized(description: "text without an XML root element or teletype control characters"))
    }

    /// What a file was, when it is none of the wire formats (`HTML document`, `XML root element <foo>`, …).
    public struct Unrecognized: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    // MARK: XML

    static func detectXML(_ bytes: [UInt8], from start: Int) -> Result<WireFormat, Unrecognized> {
        guard let root = rootTag(bytes, from: start) else {
            return .failure(Unrecognized(description: "markup without a root element"))
        }
        let local = root.local
        let ns = root.namespace ?? ""
        switch local {
        case "newsMessage", "newsItem", "packageItem", "conceptItem", "knowledgeItem", "planningItem", "conceptSet":
            return .success(.newsMLG2)
        case "nitf": return .success(.nitf)
        case "NewsML": return .success(.newsML1)
        case "rss": return .success(.rss)
        case "RDF" where containsASCII(bytes, "http://purl.org/rss/1.0/") || containsASCII(bytes, "netscape.com/publish/formats/rss"):
            return .success(.rss)
        case "feed" where ns == "http://www.w3.org/2005/Atom" || ns.isEmpty || ns.contains("purl.org/atom"):
            return .success(.atom)
        default:
            if ns.hasPrefix("http://iptc.org/std/nar/") { return .success(.newsMLG2) }
            if ns.hasPrefix("http://iptc.org/std/NITF/") { return .success(.nitf) }
            if ns.hasPrefix("http://iptc.org/std/NewsML/") { return .success(.newsML1) }
            if local.lowercased() == "html" { return .failure(Unrecognized(description: "an HTML document")) }
            return .failure(Unrecognized(description: "XML with root element <\(root.qualified)>\(ns.isEmpty ? "" : " in namespace \(ns)")"))
        }
    }

    /// The first element's qualified name, local name and namespace (from its own `xmlns` declarations).
    static func rootTag(_ bytes: [UInt8], from start: Int) -> (qualified: String, local: String, namespace: String?)? {
        var i = start
        let n = bytes.count
        while i < n {
            guard let lt = bytes[i...].firstIndex(of: 0x3C), lt + 1 < n else { return nil }
            let c = bytes[lt + 1]
            if c == 0x3F || c == 0x21 {  // declaration, PI, comment, DOCTYPE
                if bytes[lt...].starts(with: Array("<!--".utf8)) {
                    guard let end = find(bytes, "-->", from: lt + 4) else { return nil }
                    i = end + 3
                } else {
                    var depth = 0
                    var j = lt + 2
                    while j < n {
                        if bytes[j] == 0x5B { depth += 1 } else if bytes[j] == 0x5D { depth -= 1 } else if bytes[j] == 0x3E && depth <= 0 { break }
                        j += 1
                    }
                    i = j + 1
                }
                continue
            }
            var j = lt + 1
            while j < n && !isSpace(bytes[j]) && bytes[j] != 0x3E && bytes[j] != 0x2F { j += 1 }
            let qualified = String(decoding: bytes[(lt + 1)..<j], as: UTF8.self)
            let end = bytes[j...].firstIndex(of: 0x3E) ?? n
            let tag = String(decoding: bytes[j..<end], as: UTF8.self)
            let parts = qualified.split(separator: ":", maxSplits: 1)
            let prefix = parts.count == 2 ? String(parts[0]) : ""
            let local = String(parts.last ?? "")
            let attribute = prefix.isEmpty ? "xmlns" : "xmlns:\(prefix)"
            return (qualified, local, attributeValue(tag, attribute))
        }
        return nil
    }

    static func attributeValue(_ tag: String, _ name: String) -> String? {
        var search = tag[...]
        while let r = search.range(of: name) {
            let before = r.lowerBound == tag.startIndex ? " " : tag[tag.index(before: r.lowerBound)]
            var rest = tag[r.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            search = tag[r.upperBound...]
            guard before.isWhitespace, rest.first == "=" else { continue }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            guard let quote = rest.first, quote == "\"" || quote == "'" else { continue }
            return String(rest.dropFirst().prefix { $0 != quote })
        }
        return nil
    }

    static func detectUTF16(_ bytes: [UInt8]) -> Result<WireFormat, Unrecognized> {
        let little = bytes.starts(with: [0xFF, 0xFE])
        var ascii: [UInt8] = []
        var k = 2
        while k + 1 < bytes.count && ascii.count < 4096 {
            let unit = little ? UInt16(bytes[k]) | UInt16(bytes[k + 1]) << 8 : UInt16(bytes[k]) << 8 | UInt16(bytes[k + 1])
            ascii.append(unit < 0x80 ? UInt8(unit) : 0x3F)
            k += 2
        }
        return detect(ascii)
    }

    // MARK: teletype

    /// ANPA-1312 starts `SYN SYN SOH` (or carries its `US` selector separator and `DC1`–`DC4` format codes in the
    /// header); IPTC 7901 starts with `SOH` and has `STX`/`ETX` without those. A 7901 file whose control characters
    /// were stripped is still recognised by its header line (`eca00075 3 i 510 dpa 1003`).
    static func detectTeletype(_ bytes: [UInt8]) -> WireFormat? {
        let head = bytes.prefix(512)
        let syn = head.contains(0x16)
        let soh = head.contains(0x01)
        let stx = bytes.prefix(4096).contains(0x02)
        let us = head.contains(0x1F)
        let dc = head.contains { $0 >= 0x11 && $0 <= 0x14 }
        if syn || (soh && (us || dc)) { return .anpa1312 }
        if soh || stx { return .iptc7901 }
        let text = String(decoding: bytes.prefix(256), as: UTF8.self)
        if let firstLine = text.split(whereSeparator: \.isNewline).first, TeletypeText.isIPTC7901Header(String(firstLine)) { return .iptc7901 }
        return nil
    }

    // MARK: bytes

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    static func find(_ bytes: [UInt8], _ literal: String, from: Int) -> Int? {
        let pattern = Array(literal.utf8)
        guard pattern.count > 0, bytes.count >= pattern.count else { return nil }
        var i = from
        while i + pattern.count <= bytes.count {
            if bytes[i] == pattern[0] && bytes[i..<(i + pattern.count)].elementsEqual(pattern) { return i }
            i += 1
        }
        return nil
    }

    static func containsASCII(_ bytes: [UInt8], _ literal: String) -> Bool { find(bytes, literal, from: 0) != nil }
}
