import Foundation

/// A growable output buffer for compact JSON: raw memory, one capacity check per write, copied into
/// an exactly sized `[UInt8]` at the end. Escaping copies runs of plain bytes in one go (8 bytes are
/// checked at a time).
struct JSONByteWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far.
    var bytes: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0, let dest = buffer.baseAddress { dest.initialize(from: base, count: count) }
            initialized = count
        }
    }

    @inline(__always) mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    @inline(never) private mutating func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        p.moveInitialize(from: base, count: count)
        base.deallocate()
        base = p
        capacity = newCapacity
    }

    @inline(__always) mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Appends without a capacity check; the caller reserved room.
    @inline(__always) mutating func appendUnchecked(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    @inline(__always) mutating func append(_ p: UnsafePointer<UInt8>, count n: Int) {
        reserve(n)
        (base + count).update(from: p, count: n)
        count += n
    }

    @inline(__always) mutating func append(_ literal: StaticString) {
        append(literal.utf8Start, count: literal.utf8CodeUnitCount)
    }

    // MARK: values

    /// `s` as a JSON string: `"`, `\` and control characters escaped (`\n`, `\r`, `\t`, else `\u00XX`),
    /// everything else (including non-ASCII) copied as UTF-8.
    @inline(__always) mutating func writeString(_ s: String) {
        var s = s
        s.withUTF8 { writeString(utf8: $0) }
    }

    mutating func writeString(utf8 src: UnsafeBufferPointer<UInt8>) {
        let n = src.count
        reserve(n + 2)
        appendUnchecked(0x22)
        guard let p = src.baseAddress, n > 0 else { appendUnchecked(0x22); return }
        if n <= 24 {
            // Short strings (names, labels, timestamps): copy byte by byte while checking.
            let mark = count
            var k = 0
            while k < n {
                let c = p[k]
                if c < 0x20 || c == 0x22 || c == 0x5C { break }
                base[count] = c
                count += 1
                k += 1
            }
            if k == n {
                appendUnchecked(0x22)
                return
            }
            count = mark
        }
        var runStart = 0
        var i = 0
        while i < n {
            i = Self.firstSpecial(p, from: i, end: n)
            if i >= n { break }
            append(p + runStart, count: i - runStart)
            writeEscape(p[i])
            i += 1
            runStart = i
        }
        if runStart < n { append(p + runStart, count: n - runStart) }
        append(0x22)
    }

    /// Index of the first byte in `from..<end` that a JSON string must escape (a control character, `"` or
    /// `\\`), or `end`: 32 bytes at a time, then 8, then one by one. The reader uses it to find the end of a plain run.
    @inline(__always) static func firstSpecial(_ p: UnsafePointer<UInt8>, from: Int, end: Int) -> Int {
        var i = from
        while i + 32 <= end {
            let raw = UnsafeRawPointer(p + i)
            if special(raw.loadUnaligned(as: UInt64.self)) | special(raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                | special(raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
                | special(raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)) != 0
            {
                break
            }
            i += 32
        }
        while i + 8 <= end {
            if special(UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) != 0 { break }
            i += 8
        }
        while i < end {
            let c = p[i]
            if c < 0x20 || c == 0x22 || c == 0x5C { return i }
            i += 1
        }
        return end
    }

    /// Non-zero when one of the 8 bytes of `x` is a control character, `"` or `\\`.
    @inline(__always) static func special(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (x &- ones &* 0x20) & ~x & highs
        let q = x ^ (ones &* 0x22)
        let quote = (q &- ones) & ~q & highs
        let b = x ^ (ones &* 0x5C)
        let backslash = (b &- ones) & ~b & highs
        return control | quote | backslash
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    private mutating func writeEscape(_ byte: UInt8) {
        reserve(6)
        appendUnchecked(0x5C)
        switch byte {
        case 0x22: appendUnchecked(0x22)
        case 0x5C: appendUnchecked(0x5C)
        case 0x0A: appendUnchecked(UInt8(ascii: "n"))
        case 0x0D: appendUnchecked(UInt8(ascii: "r"))
        case 0x09: appendUnchecked(UInt8(ascii: "t"))
        default:
            appendUnchecked(UInt8(ascii: "u"))
            appendUnchecked(0x30)
            appendUnchecked(0x30)
            appendUnchecked(Self.hexDigits.utf8Start[Int(byte >> 4)])
            appendUnchecked(Self.hexDigits.utf8Start[Int(byte & 0xF)])
        }
    }

    private static let digitPairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// An integer in decimal, as ``JSONWriter`` writes `Double(int)`: plain digits below 1e15.
    mutating func writeInt(_ v: Int) {
        guard v > -1_000_000_000_000_000 && v < 1_000_000_000_000_000 else { writeNumber(Double(v)); return }
        reserve(17)
        if v >= 0 && v < 10 {
            appendUnchecked(UInt8(truncatingIfNeeded: v) &+ 0x30)
            return
        }
        var magnitude = UInt64(v.magnitude)
        if v < 0 { appendUnchecked(UInt8(ascii: "-")) }
        var digits = 1
        var limit: UInt64 = 10
        while magnitude >= limit && digits < 16 {
            digits += 1
            limit &*= 10
        }
        let pairs = Self.digitPairs.utf8Start
        var pos = count + digits
        while magnitude >= 100 {
            let pair = Int(magnitude % 100) * 2
            magnitude /= 100
            pos -= 2
            base[pos] = pairs[pair]
            base[pos + 1] = pairs[pair + 1]
        }
        if magnitude >= 10 {
            let pair = Int(magnitude) * 2
            pos -= 2
            base[pos] = pairs[pair]
            base[pos + 1] = pairs[pair + 1]
        } else {
            pos -= 1
            base[pos] = UInt8(truncatingIfNeeded: magnitude) &+ 0x30
        }
        count += digits
    }

    /// A number as ``JSONWriter`` writes it: `null` when not finite, integral values below 1e15 as
    /// digits, others in Swift's shortest round-trip form.
    mutating func writeNumber(_ n: Double) {
        guard n.isFinite else { append("null"); return }
        if n.rounded() == n, abs(n) < 1e15 {
            writeInt(Int(n))
        } else if abs(n) >= 0.0001, abs(n) < 1e11, case let scaled = n * 10_000, scaled.rounded() == scaled,
            Double(Int(scaled)) / 10_000 == n
        {
            // At most four decimals (scores are rounded so): with 15 significant digits or fewer this
            // decimal is the only one that short for `n`, hence exactly what `description` prints.
            writeFourDecimals(Int(scaled))
        } else {
            var text = n.description
            text.withUTF8 { append($0.baseAddress ?? UnsafePointer(base), count: $0.count) }
        }
    }

    /// `m / 10_000` in plain decimal notation, trailing zeros dropped (`m` not a multiple of 10_000).
    private mutating func writeFourDecimals(_ m: Int) {
        if m < 0 { append(UInt8(ascii: "-")) }
        let magnitude = m.magnitude
        writeInt(Int(magnitude / 10_000))
        var fraction = Int(magnitude % 10_000)
        var places = 4
        while fraction % 10 == 0 {
            fraction /= 10
            places -= 1
        }
        reserve(5)
        appendUnchecked(UInt8(ascii: "."))
        var divisor = 1
        for _ in 1..<places { divisor *= 10 }
        while divisor > 0 {
            appendUnchecked(UInt8(truncatingIfNeeded: (fraction / divisor) % 10) &+ 0x30)
            divisor /= 10
        }
    }

    mutating func writeOptionalString(_ s: String?) {
        if let s { writeString(s) } else { append("null") }
    }

    /// Any ``JSONValue``, compact, object keys in stored order.
    mutating func write(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let b): if b { append("true") } else { append("false") }
        case .number(let n): writeNumber(n)
        case .string(let s): writeString(s)
        case .array(let items):
            append(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { append(UInt8(ascii: ",")) }
                first = false
                write(item)
            }
            append(UInt8(ascii: "]"))
        case .object(let object):
            append(UInt8(ascii: "{"))
            writeMembers(object, first: true)
            append(UInt8(ascii: "}"))
        }
    }

    /// The members of `object` as `"key":value` pairs, comma-separated, preceded by a comma unless `first`.
    mutating func writeMembers(_ object: JSONObject, first: Bool) {
        var first = first
        for key in object.keys {
            guard let item = object[key] else { continue }
            if !first { append(UInt8(ascii: ",")) }
            first = false
            writeString(key)
            append(UInt8(ascii: ":"))
            write(item)
        }
    }
}
