/// Decoding of HTML character references (all WHATWG named references, decimal and hex).
public enum HTMLEntities {
    /// Name → scalars, parsed once from the packed table.
    static let table: [String: [Unicode.Scalar]] = {
        var map: [String: [Unicode.Scalar]] = [:]
        map.reserveCapacity(2200)
        for item in HTMLEntityTable.packed.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            guard let eq = item.firstIndex(of: "=") else { continue }
            let name = String(item[item.startIndex..<eq])
            var scalars: [Unicode.Scalar] = []
            for hex in item[item.index(after: eq)...].split(separator: ".") {
                if let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            map[name] = scalars
        }
        return map
    }()

    /// Windows-1252 meanings of numeric references 0x80...0x9F (as browsers do).
    static let cp1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// `text` with every character reference decoded (`&amp;`, `&#8217;`, `&#x2014;`, `&nbsp;`, legacy `&amp` …).
    /// Unknown references stay as written; invalid numeric ones become U+FFFD.
    /// With `requireSemicolon` (used for plain-text bodies) only `&name;` and `&#N;` forms are decoded.
    public static func decode(_ text: String, requireSemicolon: Bool = false) -> String {
        guard text.containsByte(UInt8(ascii: "&")) else { return text }
        var out = String.UnicodeScalarView()
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buf in
            decodeUTF8(buf, 0, buf.count, requireSemicolon: requireSemicolon, into: &out)
        }
        return String(out)
    }

    /// Decodes the UTF-8 bytes `buf[from..<to]`, resolving references, appending scalars to `out`.
    static func decodeUTF8(_ buf: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, requireSemicolon: Bool = false, into out: inout String.UnicodeScalarView) {
        var i = from
        var runStart = from
        while i < to {
            if buf[i] == UInt8(ascii: "&") {
                if let (scalars, next) = reference(buf, i, to, requireSemicolon: requireSemicolon) {
                    appendUTF8(buf, runStart, i, into: &out)
                    for s in scalars { out.append(s) }
                    i = next
                    runStart = i
                    continue
                }
            }
            i += 1
        }
        appendUTF8(buf, runStart, to, into: &out)
    }

    @inline(__always)
    static func appendUTF8(_ buf: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, into out: inout String.UnicodeScalarView) {
        guard from < to else { return }
        let slice = UnsafeBufferPointer(rebasing: buf[from..<to])
        // Append as a string (bulk copy of the repaired UTF-8) instead of scalar by scalar; `out` is emptied
        // first so the storage stays uniquely referenced and grows in place.
        var text = String(out)
        out = String.UnicodeScalarView()
        text.append(String(decoding: slice, as: UTF8.self))
        out = text.unicodeScalars
    }

    /// Parses a reference starting at `buf[at] == "&"`; returns the scalars and the index after it.
    static func reference(_ buf: UnsafeBufferPointer<UInt8>, _ at: Int, _ end: Int, requireSemicolon: Bool = false) -> ([Unicode.Scalar], Int)? {
        var i = at + 1
        guard i < end else { return nil }
        if buf[i] == UInt8(ascii: "#") {
            i += 1
            var hex = false
            if i < end, buf[i] | 0x20 == UInt8(ascii: "x") { hex = true; i += 1 }
            var value: UInt32 = 0
            var digits = 0
            while i < end {
                let c = buf[i]
                var d: UInt32
                if c >= 48 && c <= 57 { d = UInt32(c - 48) }
                else if hex, (c | 0x20) >= 97, (c | 0x20) <= 102 { d = UInt32((c | 0x20) - 87) }
                else { break }
                if value < 0x110000 { value = value * (hex ? 16 : 10) + d }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            if i < end, buf[i] == UInt8(ascii: ";") { i += 1 } else if requireSemicolon { return nil }
            if value >= 0x80 && value <= 0x9F { value = cp1252[Int(value - 0x80)] }
            if value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) {
                return ([Unicode.Scalar(0xFFFD)!], i)
            }
            return ([Unicode.Scalar(value) ?? Unicode.Scalar(0xFFFD)!], i)
        }
        // Named: letters and digits, up to 32, then optional ';'.
        var j = i
        while j < end, j - i < 32 {
            let c = buf[j]
            let isAlnum = (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 122)
            if !isAlnum { break }
            j += 1
        }
        guard j > i else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: buf[i..<j]), as: UTF8.self)
        if j < end, buf[j] == UInt8(ascii: ";"), let scalars = table[name] {
            return (scalars, j + 1)
        }
        if requireSemicolon { return nil }
        // Legacy references without ';' (longest prefix that is a legacy name, e.g. "&amp" in "&ampx").
        var k = j
        while k > i {
            let prefix = String(decoding: UnsafeBufferPointer(rebasing: buf[i..<k]), as: UTF8.self)
            if HTMLEntityTable.legacyWithoutSemicolon.contains(prefix), let scalars = table[prefix] {
                // Like browsers in text: accept; the next char being '=' or alnum only matters in attributes.
                return (scalars, k)
            }
            k -= 1
        }
        return nil
    }
}
