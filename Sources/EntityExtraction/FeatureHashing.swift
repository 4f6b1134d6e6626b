/// Deterministic hashing used for feature keys (independent of Swift's per-process `Hasher` seed).
package enum FeatureHash {
    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var x = (a &* 0x9E37_79B9_7F4A_7C15) ^ (b &+ 0x632B_E59B_D9B4_E019)
        x ^= x >> 31
        x &*= 0xBF58_476D_1CE4_E5B9
        x ^= x >> 27
        x &*= 0x94D0_49BB_1331_11EB
        x ^= x >> 31
        return x
    }

    /// FNV-1a over scalar values.
    @inline(__always)
    package static func string<S: Sequence>(_ scalars: S) -> UInt64 where S.Element == Unicode.Scalar {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for c in scalars {
            h ^= UInt64(c.value)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }

    package static func string(_ s: String) -> UInt64 { string(s.unicodeScalars) }

    /// Folds a 64-bit hash into a non-zero 32-bit feature key.
    @inline(__always)
    static func key(_ h: UInt64) -> UInt32 {
        let k = UInt32(truncatingIfNeeded: h ^ (h >> 32))
        return k == 0 ? 1 : k
    }
}
