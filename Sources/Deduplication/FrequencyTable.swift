/// Shingle → packed document-frequency stat, 8 bytes per slot: the high 32 bits of the shingle
/// hash as the key (low 32 bits = value), linear probing, no deletion (expiry rebuilds it).
///
/// Half the memory and one cache miss per lookup, against 16-byte split key/value arrays. Two
/// shingles that share the high 32 bits share a stat (about 1 in 4·10⁹ pairs): at most one
/// spurious count toward the boilerplate threshold.
struct FrequencyTable {
    private var slots: [UInt64]
    private var mask: Int
    private var used = 0
    var count: Int { used }

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// Tag stored in a slot: never 0 (0 marks an empty slot).
    @inline(__always) private static func tag(_ shingle: UInt64) -> UInt64 {
        let t = shingle >> 32
        return t == 0 ? 1 : t
    }

    @inline(__always) private func home(_ tag: UInt64) -> Int {
        Int(truncatingIfNeeded: (tag &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The stat of `shingle`, if counted.
    @inline(__always)
    func value(_ shingle: UInt64) -> UInt32? {
        let t = Self.tag(shingle)
        var i = home(t)
        let m = mask
        return slots.withUnsafeBufferPointer { s in
            while true {
                let e = s[i]
                if e == 0 { return nil }
                if e >> 32 == t { return UInt32(truncatingIfNeeded: e) }
                i = (i + 1) & m
            }
        }
    }

    /// Loads the home slot of each shingle (independent loads the CPU overlaps), so the lookups
    /// that follow hit the cache; returns a value only to keep the loads.
    @discardableResult
    func prefetch(_ shingles: [UInt64]) -> UInt64 {
        let m = mask
        var sink: UInt64 = 0
        slots.withUnsafeBufferPointer { s in
            shingles.withUnsafeBufferPointer { keys in
                for k in keys {
                    sink &+= s[Int(truncatingIfNeeded: (Self.tag(k) &* 0x9E37_79B9_7F4A_7C15) >> 32) & m]
                }
            }
        }
        return sink
    }

    /// Sets the stat to `ifAbsent` when missing, else to `transform(current)`.
    @inline(__always)
    mutating func update(_ shingle: UInt64, ifAbsent: UInt32, _ transform: (UInt32) -> UInt32) {
        if (used + 1) * 4 > slots.count * 3 { grow() }
        let t = Self.tag(shingle)
        var i = home(t)
        let m = mask
        var inserted = false
        slots.withUnsafeMutableBufferPointer { s in
            while true {
                let e = s[i]
                if e == 0 { s[i] = t << 32 | UInt64(ifAbsent); inserted = true; return }
                if e >> 32 == t { s[i] = t << 32 | UInt64(transform(UInt32(truncatingIfNeeded: e))); return }
                i = (i + 1) & m
            }
        }
        if inserted { used += 1 }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        let m = mask
        slots.withUnsafeMutableBufferPointer { s in
            for e in old where e != 0 {
                var i = Int(truncatingIfNeeded: ((e >> 32) &* 0x9E37_79B9_7F4A_7C15) >> 32) & m
                while s[i] != 0 { i = (i + 1) & m }
                s[i] = e
            }
        }
    }
}
