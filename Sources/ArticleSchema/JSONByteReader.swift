import Foundation

/// The byte-level JSON scanner under ``JSONParser`` and the record fast path: reads UTF-8 through a
/// pointer (the caller keeps the bytes alive), strings without escapes are decoded straight from the
/// input, integers and short decimals without going through `String`.
struct JSONByteReader {
    let base: UnsafePointer<UInt8>
    let end: Int
    var index = 0
    var depth = 0
    static let maxDepth = 512

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        // An empty array may have no storage; point at a dummy byte that is never read (end == 0).
        base = buffer.baseAddress ?? JSONByteReader.emptyBase
        end = buffer.count
    }

    nonisolated(unsafe) private static let emptyBase: UnsafePointer<UInt8> = {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        p.initialize(to: 0)
        return UnsafePointer(p)
    }()

    func error(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }

    @inline(__always) var atEnd: Bool { index >= end }
    @inline(__always) var current: UInt8 { base[index] }

    @inline(__always) mutating func skipWhitespace() {
        while index < end {
            let c = base[index]
            // Fast exit for the common case: a printable character.
            if c > 0x20 { return }
            switch c {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// True, and advances, when the next non-blank byte is `byte`.
    @inline(__always) mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        if index < end && base[index] == byte {
            index += 1
            return true
        }
        return false
    }

    // MARK: generic values

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard index < end else { throw error("unexpected end of input") }
        switch base[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character '\(Unicode.Scalar(base[index]))'")
        }
    }

    mutating func expect(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= end else { throw error("unexpected end of input") }
        let w = word.utf8Start
        for i in 0..<count where base[index + i] != w[i] { throw error("invalid literal") }
        index += count
    }

    mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth)") }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var object = JSONObject()
        skipWhitespace()
        if index < end, base[index] == UInt8(ascii: "}") { index += 1; return .object(object) }
        while true {
            skipWhitespace()
            guard index < end, base[index] == UInt8(ascii: "\"") else { throw error("expected a key string") }
            let key = try parseString()
            skipWhitespace()
            guard index < end, base[index] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
            index += 1
            skipWhitespace()
            object[key] = try parseValue()
            skipWhitespace()
            guard index < end else { throw error("unterminated object") }
            if base[index] == UInt8(ascii: ",") { index += 1; continue }
            if base[index] == UInt8(ascii: "}") { index += 1; return .object(object) }
            throw error("expected ',' or '}' in an object")
        }
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var array: [JSONValue] = []
        skipWhitespace()
        if index < end, base[index] == UInt8(ascii: "]") { index += 1; return .array(array) }
        while true {
            skipWhitespace()
            array.append(try parseValue())
            skipWhitespace()
            guard index < end else { throw error("unterminated array") }
            if base[index] == UInt8(ascii: ",") { index += 1; continue }
            if base[index] == UInt8(ascii: "]") { index += 1; return .array(array) }
            throw error("expected ',' or ']' in an array")
        }
    }

    // MARK: numbers

    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// A JSON number (RFC 8259 grammar) as the nearest `Double`. Up to 15 significant digits with a
    /// small exponent are computed exactly (one correctly rounded operation); longer ones go through
    /// the standard library's parser.
    mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = index
        var negative = false
        if base[index] == UInt8(ascii: "-") { negative = true; index += 1 }
        guard index < end else { throw error("incomplete number") }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        if base[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            let s = index
            while index < end, base[index] &- UInt8(ascii: "0") < 10 {
                if significant < 19 { mantissa = mantissa &* 10 &+ UInt64(base[index] &- UInt8(ascii: "0")) } else { exponent += 1 }
                if mantissa != 0 { significant += 1 }
                index += 1
            }
            if index == s { throw error("invalid number") }
        }
        if index < end, base[index] == UInt8(ascii: ".") {
            index += 1
            let s = index
            while index < end, base[index] &- UInt8(ascii: "0") < 10 {
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(base[index] &- UInt8(ascii: "0"))
                    exponent -= 1
                    if mantissa != 0 { significant += 1 }
                }
                index += 1
            }
            guard index > s else { throw error("expected digits after '.'") }
        }
        var slow = significant > 15
        if index < end, base[index] == UInt8(ascii: "e") || base[index] == UInt8(ascii: "E") {
            index += 1
            var expNegative = false
            if index < end, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") {
                expNegative = base[index] == UInt8(ascii: "-")
                index += 1
            }
            let s = index
            var e = 0
            while index < end, base[index] &- UInt8(ascii: "0") < 10 {
                if e < 100_000 { e = e * 10 + Int(base[index] &- UInt8(ascii: "0")) }
                index += 1
            }
            guard index > s else { throw error("expected digits in the exponent") }
            exponent += expNegative ? -e : e
        }
        if !slow && mantissa == 0 { return negative ? -0.0 : 0.0 }
        if !slow && (exponent < -22 || exponent > 22) { slow = true }
        if !slow {
            var value = Double(mantissa)
            if exponent < 0 {
                value /= Self.exactPowersOfTen[-exponent]
            } else {
                value *= Self.exactPowersOfTen[exponent]
            }
            return negative ? -value : value
        }
        let text = String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
        guard let value = Double(text) else { throw JSONParseError(offset: start, reason: "invalid number") }
        return value
    }

    // MARK: strings

    /// Offset of the first byte at or after `from` that is `"`, `\` or a control character, or `end`.
    @inline(__always) func scanPlain(from: Int) -> Int {
        JSONByteWriter.firstSpecial(base, from: from, end: end)
    }

    /// Reads a string starting at its opening quote. Invalid UTF-8 becomes U+FFFD, as before.
    mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        let stop = scanPlain(from: start)
        if stop < end && base[stop] == UInt8(ascii: "\"") {
            index = stop + 1
            return String(decoding: UnsafeBufferPointer(start: base + start, count: stop - start), as: UTF8.self)
        }
        index = stop
        return try parseEscapedString(runStart: start)
    }

    /// The slow part of ``parseString()``: at `index` there is a backslash, a control character or the end.
    /// A first pass checks the escapes and finds the closing quote; the second unescapes straight into
    /// the string's storage (never longer than the escaped text).
    mutating func parseEscapedString(runStart start: Int) throws(JSONParseError) -> String {
        while true {
            index = scanPlain(from: index)
            guard index < end else { throw error("unterminated string") }
            let c = base[index]
            if c == UInt8(ascii: "\"") { break }
            if c < 0x20 { throw error("control character in a string") }
            index += 1
            guard index < end else { throw error("unterminated escape") }
            let e = base[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                UInt8(ascii: "r"), UInt8(ascii: "t"):
                break
            case UInt8(ascii: "u"): _ = try hex4()
            default: throw error("invalid escape '\\\(Unicode.Scalar(e))'")
            }
        }
        let stop = index
        index += 1
        let src = base
        return String(unsafeUninitializedCapacity: stop - start) { out in
            Self.unescape(src, from: start, to: stop, into: out)
        }
    }

    /// Unescapes the checked string body `src[from..<to]` into `out`; returns the byte count.
    private static func unescape(_ src: UnsafePointer<UInt8>, from: Int, to: Int, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        guard let dst = out.baseAddress else { return 0 }
        var i = from
        var n = 0
        func hex(_ at: Int) -> UInt32 {
            var value: UInt32 = 0
            for k in at..<(at + 4) {
                let c = src[k]
                let digit: UInt8 = c <= UInt8(ascii: "9") ? c &- UInt8(ascii: "0") : (c | 0x20) &- UInt8(ascii: "a") &+ 10
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while i < to {
            // Copy up to the next backslash in one go.
            var next = to
            if let hit = memchr(src + i, 0x5C, to - i) { next = UnsafeRawPointer(hit) - UnsafeRawPointer(src) }
            if next > i {
                (dst + n).update(from: src + i, count: next - i)
                n += next - i
                i = next
                continue
            }
            let e = src[i + 1]
            i += 2
            var byte: UInt8 = 0
            switch e {
            case UInt8(ascii: "b"): byte = 0x08
            case UInt8(ascii: "f"): byte = 0x0C
            case UInt8(ascii: "n"): byte = 0x0A
            case UInt8(ascii: "r"): byte = 0x0D
            case UInt8(ascii: "t"): byte = 0x09
            case UInt8(ascii: "u"):
                var scalar = hex(i)
                i += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate pairs only with a directly following low one (else U+FFFD, and the
                    // next escape is read on its own).
                    if i + 6 <= to, src[i] == UInt8(ascii: "\\"), src[i + 1] == UInt8(ascii: "u"), case let low = hex(i + 2),
                        (0xDC00..<0xE000).contains(low)
                    {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00..<0xE000).contains(scalar) {
                    scalar = 0xFFFD
                }
                switch scalar {
                case 0..<0x80:
                    dst[n] = UInt8(scalar)
                    n += 1
                case 0x80..<0x800:
                    dst[n] = UInt8(0xC0 | (scalar >> 6))
                    dst[n + 1] = UInt8(0x80 | (scalar & 0x3F))
                    n += 2
                case 0x800..<0x10000:
                    dst[n] = UInt8(0xE0 | (scalar >> 12))
                    dst[n + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                    dst[n + 2] = UInt8(0x80 | (scalar & 0x3F))
                    n += 3
                default:
                    dst[n] = UInt8(0xF0 | (scalar >> 18))
                    dst[n + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
                    dst[n + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
                    dst[n + 3] = UInt8(0x80 | (scalar & 0x3F))
                    n += 4
                }
                continue
            default: byte = e  // `"`, `\` and `/` stand for themselves
            }
            dst[n] = byte
            n += 1
        }
        return n
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= end else { throw error("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = base[index]
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
