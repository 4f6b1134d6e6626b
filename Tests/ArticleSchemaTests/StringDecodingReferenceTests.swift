import ArticleSchema
import Testing

/// JSON string bodies against the previous, straightforward decoder (kept here as the reference):
/// escapes, surrogates and invalid UTF-8 must come out the same.
@Suite("String decoding against the reference decoder")
struct StringDecodingReferenceTests {
    /// The former `JSONParser.parseString` body: `nil` where it threw.
    static func reference(_ bytes: [UInt8]) -> String? {
        var index = 0
        var out: [UInt8] = []
        func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let c = bytes[index]
                let digit: UInt32
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
        while true {
            guard index < bytes.count else { return nil }
            let c = bytes[index]
            if c == UInt8(ascii: "\"") { return index == bytes.count - 1 ? String(decoding: out, as: UTF8.self) : nil }
            if c < 0x20 { return nil }
            index += 1
            if c != UInt8(ascii: "\\") { out.append(c); continue }
            guard index < bytes.count else { return nil }
            let e = bytes[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4() else { return nil }
                if (0xD800..<0xDC00).contains(scalar) {
                    if index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                        index += 2
                        guard let low = hex4() else { return nil }
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            scalar = 0xFFFD
                            index -= 6
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00..<0xE000).contains(scalar) {
                    scalar = 0xFFFD
                }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
            default: return nil
            }
        }
    }

    @Test("random mixes of escapes, surrogates, raw UTF-8 and invalid bytes decode like the reference")
    func randomStrings() {
        let fragments: [[UInt8]] = [
            Array("plain ascii text ".utf8), Array("é😀“”".utf8), Array(#"\n\t\"\\\/\b\f\r"#.utf8), Array(#"\u00e9\u20AC\uFFFF\u0000"#.utf8),
            Array(#"\ud83d\ude00"#.utf8), Array(#"\ud83d"#.utf8), Array(#"\ude00"#.utf8), Array(#"\ud83d\u0041"#.utf8), Array(#"\ud83d\ud83d\ude00"#.utf8),
            [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x80], Array("12345678".utf8), Array("\\".utf8),
            Array(#"\u12"#.utf8), Array(#"\x"#.utf8), [0x01], [0x7F],
        ]
        var state: UInt64 = 12345
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<4000 {
            var body: [UInt8] = []
            for _ in 0..<(1 + next(8)) { body += fragments[next(fragments.count)] }
            let quoted = body + [0x22]
            let expected = Self.reference(quoted)
            let parsed = try? JSONParser.parse([0x22] + quoted)
            if let expected {
                #expect(parsed == .string(expected), "\(body)")
                #expect(parsed?.stringValue.map { Array($0.utf8) } == Array(expected.utf8), "\(body)")
                let record = try? ArticleCodec.decode(Array(#"{"body":"#.utf8) + [0x22] + quoted + [0x7D])
                #expect(record?.body.map { Array($0.utf8) } == Array(expected.utf8), "\(body)")
            } else {
                #expect(parsed == nil, "\(body)")
            }
        }
    }
}
