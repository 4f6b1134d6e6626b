/// Byte-level cleanup of wire text before tokenization: decodes HTML entities (also the damaged
/// ` #39;` form common in wire feeds), turns backslash escapes into spaces (`\$` into `$`) and drops
/// markup tags. Output is UTF-8.
enum TextCleaner {
    static func clean(_ text: String) -> [UInt8] {
        clean(utf8: Array(text.utf8))
    }

    static func clean(utf8 bytes: [UInt8]) -> [UInt8] {
        var input = bytes
        decodeEntities(&input)
        return stripTags(input)
    }

    private static let named: [String: UInt32] = [
        "lt": 0x3C, "gt": 0x3E, "amp": 0x26, "quot": 0x22, "apos": 0x27, "nbsp": 0x20,
        "ndash": 0x2013, "mdash": 0x2014, "lsquo": 0x2018, "rsquo": 0x2019, "ldquo": 0x201C,
        "rdquo": 0x201D, "hellip": 0x2026, "eacute": 0xE9, "euro": 0x20AC, "pound": 0xA3,
    ]

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Parses `#NNN;` / `#xHH;` starting at `i` (pointing at `#`); returns (scalar, length).
    private static func numeric(_ s: [UInt8], _ i: Int) -> (UInt32, Int)? {
        var j = i + 1
        var value: UInt32 = 0
        let hex = j < s.count && (s[j] == 0x78 || s[j] == 0x58)
        if hex { j += 1 }
        let start = j
        while j < s.count, j - start < 7 {
            let b = s[j]
            if isDigit(b) {
                value = value &* (hex ? 16 : 10) &+ UInt32(b - 0x30)
            } else if hex, let h = hexValue(b) {
                value = value &* 16 &+ h
            } else {
                break
            }
            j += 1
        }
        guard j > start, j < s.count, s[j] == 0x3B, value > 0, value < 0x110000 else { return nil }
        return (value, j + 1 - i)
    }

    private static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        default: return nil
        }
    }

    private static func decodeEntities(_ s: inout [UInt8]) {
        // Fast path: nothing to decode.
        if !s.contains(where: { $0 == 0x5C || $0 == 0x26 || $0 == 0x23 }) { return }
        var scratch: [UInt8] = []
        // Decoding never lengthens the text (every escape is at least as long as its UTF-8 result).
        let decoded = [UInt8](unsafeUninitializedCapacity: s.count + 4) { out, written in
            var w = 0
            func emit(_ value: UInt32) {
                guard let scalar = Unicode.Scalar(value) else { return }
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: String(Character(scalar)).utf8)
                for b in scratch { out[w] = b; w += 1 }
            }
            var i = 0
            while i < s.count {
                let b = s[i]
                if b == 0x5C {  // backslash escape
                    if i + 1 < s.count, s[i + 1] == 0x24 {
                        out[w] = 0x24; w += 1
                        i += 2
                    } else {
                        out[w] = 0x20; w += 1
                        i += 1
                    }
                    continue
                }
                if b == 0x26, i + 1 < s.count {  // &
                    if s[i + 1] == 0x23, let (value, length) = numeric(s, i + 1) {
                        emit(value == 0xA0 ? 0x20 : value)
                        i += 1 + length
                        continue
                    }
                    var j = i + 1
                    while j < s.count, j - i <= 8, (s[j] | 0x20) >= 0x61, (s[j] | 0x20) <= 0x7A { j += 1 }
                    if j < s.count, s[j] == 0x3B, j > i + 1,
                       let value = named[String(decoding: s[(i + 1)..<j], as: UTF8.self)] {
                        emit(value)
                        i = j + 1
                        continue
                    }
                }
                if b == 0x23, i > 0, s[i - 1] == 0x20, let (value, length) = numeric(s, i) {
                    // Damaged entity " #39;" (the ampersand was lost upstream): "you #39;re" -> "you're".
                    if w > 0, out[w - 1] == 0x20 { w -= 1 }
                    emit(value == 0xA0 ? 0x20 : value)
                    i += length
                    continue
                }
                out[w] = b
                w += 1
                i += 1
            }
            written = w
        }
        s = decoded
    }

    private static func stripTags(_ s: [UInt8]) -> [UInt8] {
        guard s.contains(0x3C) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if s[i] == 0x3C, i + 1 < s.count {
                let n = s[i + 1] | 0x20
                if (n >= 0x61 && n <= 0x7A) || s[i + 1] == 0x2F || s[i + 1] == 0x21 {
                    var j = i + 1
                    while j < s.count, j - i < 512, s[j] != 0x3E, s[j] != 0x3C { j += 1 }
                    if j < s.count, s[j] == 0x3E {
                        out.append(0x20)
                        i = j + 1
                        continue
                    }
                }
            }
            out.append(s[i])
            i += 1
        }
        return out
    }
}
