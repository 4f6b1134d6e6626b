import Foundation

extension StringProtocol {
    /// `self` without leading and trailing scalars contained in `characters` (native, no bridging).
    func trimming(_ characters: String) -> String {
        let set = characters.unicodeScalars
        let scalars = String(self).unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, set.contains(scalars[start]) { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            if !set.contains(scalars[before]) { break }
            end = before
        }
        return String(Substring(scalars[start..<end]))
    }

    /// `self` without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String { trimming(" \t") }
}

extension String {
    /// Whether the UTF-8 of `self` contains `byte` (memchr on the contiguous bytes).
    func containsByte(_ byte: UInt8) -> Bool {
        var s = self
        return s.withUTF8 { buf in
            guard let base = buf.baseAddress, buf.count > 0 else { return false }
            return memchr(base, Int32(byte), buf.count) != nil
        }
    }

    /// Calls `body` with each Unicode scalar value of `self`, decoded from the UTF-8 bytes, until it returns false.
    @inline(__always)
    func forEachScalarValue(_ body: (UInt32) -> Bool) {
        var s = self
        s.withUTF8 { buf in
            var i = 0
            let n = buf.count
            while i < n {
                let b = buf[i]
                if b < 0x80 {
                    i += 1
                    if !body(UInt32(b)) { return }
                    continue
                }
                guard let (v, len) = UTF8Decoding.scalar(buf, at: i) else { return }
                i += len
                if !body(v) { return }
            }
        }
    }

    /// Range of the first (or, `backwards`, the last) occurrence of `needle`, matched on UTF-8 bytes.
    func byteRange(of needle: String, backwards: Bool = false) -> Range<String.Index>? {
        var s = self
        var nd = needle
        let offset = s.withUTF8 { h in
            nd.withUTF8 { n -> Int? in
                let m = n.count
                guard m > 0, h.count >= m else { return nil }
                var i = backwards ? h.count - m : 0
                while i >= 0 && i <= h.count - m {
                    if h[i] == n[0] {
                        var k = 1
                        while k < m, h[i + k] == n[k] { k += 1 }
                        if k == m { return i }
                    }
                    i += backwards ? -1 : 1
                }
                return nil
            }
        }
        guard let offset else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }

    /// Index of the last occurrence of `byte` in the UTF-8 of `self`.
    func lastByteIndex(of byte: UInt8) -> String.Index? {
        var s = self
        let offset = s.withUTF8 { buf -> Int? in
            var i = buf.count - 1
            while i >= 0 {
                if buf[i] == byte { return i }
                i -= 1
            }
            return nil
        }
        return offset.map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }

    /// The number of Unicode scalars, counting stops once it exceeds `limit` (returns `limit + 1` then).
    func scalarCount(atMost limit: Int) -> Int {
        var s = self
        return s.withUTF8 { buf in
            if buf.count <= limit { return buf.count - buf.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 1 : 0) } }
            var count = 0
            for b in buf where b & 0xC0 != 0x80 {
                count += 1
                if count > limit { return count }
            }
            return count
        }
    }

    /// Native substring test on UTF-8 bytes (avoids bridging to Foundation's `contains`).
    func hasSubstring(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                let m = n.count
                guard m > 0 else { return true }
                guard h.count >= m, let hb = h.baseAddress, let nb = n.baseAddress else { return false }
                // memchr for one needle byte (the second when the first is a space, which is common), memcmp for all.
                let j = m > 1 && n[0] == 0x20 ? 1 : 0
                let pivot = Int32(n[j])
                var start = j
                let lastStart = h.count - m
                while start <= lastStart + j {
                    guard let hit = memchr(hb + start, pivot, lastStart + j - start + 1) else { return false }
                    let at = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - hb
                    if memcmp(hb + (at - j), nb, m) == 0 { return true }
                    start = at + 1
                }
                return false
            }
        }
    }
}

extension String {
    /// The string of `scalars`, encoded to UTF-8 in one buffer (not scalar by scalar through a scalar view).
    init<C: Collection>(scalarSlice scalars: C) where C.Element == Unicode.Scalar {
        var bytes = 0
        for s in scalars { bytes += UTF8.width(s) }
        self.init(unsafeUninitializedCapacity: bytes) { out in
            var o = 0
            for s in scalars {
                UTF8.encode(s) { b in out[o] = b; o += 1 }
            }
            return o
        }
    }
}

/// Byte-parallel tests on eight ASCII bytes in a `UInt64` (every byte below 0x80, so no carries cross bytes):
/// each returns the high bit of every byte that passes.
enum ASCIIWord {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let high: UInt64 = 0x8080_8080_8080_8080

    /// Bytes in `lo...hi` (both below 0x80).
    @inline(__always) static func inRange(_ w: UInt64, _ lo: UInt8, _ hi: UInt8) -> UInt64 {
        (w &+ UInt64(0x80 - lo) &* ones) & ~(w &+ UInt64(0x7F - hi) &* ones) & high
    }

    /// Bytes equal to `c`.
    @inline(__always) static func equal(_ w: UInt64, _ c: UInt8) -> UInt64 {
        let t = w ^ (UInt64(c) &* ones)
        return ~(((t & (0x7F &* ones)) &+ 0x7F &* ones) | t | (0x7F &* ones)) & high
    }

    /// Whether the eight bytes are printable ASCII or single spaces, the last one not a space (a run the
    /// cleaner and the fold copy as it is, once inside a line).
    @inline(__always) static func isSpacedPrintableRun(_ w: UInt64) -> Bool {
        guard w & high == 0, inRange(w, 0x20, 0x7E) == high else { return false }
        let spaces = equal(w, 0x20)
        return spaces & (spaces << 8) == 0 && spaces >> 63 == 0
    }
}
