import Digest
import Normalization

/// Stable 64-bit hashing (independent of Swift's per-process seeded `Hasher`, so stored state
/// stays valid across restarts and instances).
enum StableHash {
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        // splitmix64 finalizer
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    static func combine(_ seed: UInt64, _ value: UInt64) -> UInt64 {
        mix(seed ^ (value &+ 0x9E37_79B9_7F4A_7C15 &+ (seed << 6) &+ (seed >> 2)))
    }
}

/// What matching needs from one text: the exact-match digest, the word shingles and the numbers.
///
/// Computing it is most of the CPU cost of a check and needs no index state, so a scaled-out
/// deployment can compute fingerprints in parallel and feed one ordered decider
/// (``Deduplicator/check(_:fingerprint:)``). Hashes are stable across processes and platforms.
public struct DedupeFingerprint: Sendable, Codable, Equatable {
    /// SHA-256 (hex) of the folded text; empty when the folded text is empty.
    public var digest: String
    /// Sorted, distinct 64-bit hashes of word `shingleSize`-grams.
    public var shingles: [UInt64]
    /// Sorted, distinct hashes of tokens that contain a digit.
    public var numbers: [UInt64]
    /// The shingle size used (must match the decider's options).
    public var shingleSize: Int

    /// Fingerprint of `text` under `options` (only `shingleSize` matters).
    public init(text: String, options: DedupeOptions) {
        self.init(text: text, shingleSize: options.shingleSize)
    }

    /// Folds `text` (``TextFolding/fold(_:)``), splits it into `\w+`-like words and hashes them.
    init(text: String, shingleSize: Int) {
        self.shingleSize = shingleSize
        let folded = Self.fold(text)
        digest = folded.isEmpty ? "" : SHA256.hex(folded)
        var tokens: [UInt64] = []
        var numberList: [UInt64] = []
        var current: UInt64 = 0xcbf2_9ce4_8422_2325
        var inWord = false
        var hasDigit = false
        func endWord() {
            guard inWord else { return }
            let h = StableHash.mix(current)
            tokens.append(h)
            if hasDigit { numberList.append(h) }
            current = 0xcbf2_9ce4_8422_2325
            inWord = false
            hasDigit = false
        }
        for scalar in folded.unicodeScalars {
            let v = scalar.value
            let isWordChar: Bool
            let isDigit: Bool
            if v < 0x80 {
                isDigit = v >= 0x30 && v <= 0x39
                isWordChar = isDigit || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || v == 0x5F
            } else {
                let p = scalar.properties
                isDigit = p.numericType == .decimal
                isWordChar = p.isAlphabetic || isDigit || p.generalCategory == .nonspacingMark
            }
            if isWordChar {
                inWord = true
                if isDigit { hasDigit = true }
                // FNV-1a over the scalar value bytes
                var x = v
                repeat {
                    current = (current ^ UInt64(x & 0xFF)) &* 0x0000_0100_0000_01B3
                    x >>= 8
                } while x != 0
            } else {
                endWord()
            }
        }
        endWord()

        var list: [UInt64] = []
        if tokens.count > 0 {
            let k = max(1, shingleSize)
            if tokens.count <= k {
                var h: UInt64 = UInt64(tokens.count)
                for t in tokens { h = StableHash.combine(h, t) }
                list.append(h)
            } else {
                list.reserveCapacity(tokens.count - k + 1)
                for start in 0...(tokens.count - k) {
                    var h: UInt64 = UInt64(k)
                    for t in tokens[start..<(start + k)] { h = StableHash.combine(h, t) }
                    list.append(h)
                }
            }
        }
        shingles = Self.sortedDistinct(list)
        numbers = Self.sortedDistinct(numberList)
    }

    private static func sortedDistinct(_ values: [UInt64]) -> [UInt64] {
        var v = values
        v.sort()
        var out: [UInt64] = []
        out.reserveCapacity(v.count)
        for x in v where out.last != x { out.append(x) }
        return out
    }
}

extension DedupeFingerprint {
    /// The folded form hashing and matching use: ``TextFolding/fold(_:)``.
    static func fold(_ text: String) -> String { TextFolding.fold(text) }
}

/// One-permutation MinHash (Li, Owen & Zhang 2012) with rotation densification
/// (Shrivastava & Li 2014): each shingle is hashed once, its top bits choose one of
/// `permutations` bins and the bin keeps the minimum of the low bits. Empty bins borrow the next
/// non-empty bin to the right (cyclically), offset by the distance, so that signatures of short
/// texts stay comparable. Matching bins estimate Jaccard similarity like classic MinHash at a
/// fraction of the cost (one hash per shingle instead of one per shingle and permutation).
struct MinHasher: Sendable {
    let bins: Int

    init(permutations: Int) { bins = max(1, permutations) }

    /// Signature of `shingles` (all `UInt32.max` for an empty set).
    func signature<C: Collection>(_ shingles: C) -> [UInt32] where C.Element == UInt64 {
        var sig = [UInt32](repeating: .max, count: bins)
        var filled = [Bool](repeating: false, count: bins)
        let n = UInt64(bins)
        for x in shingles {
            let h = StableHash.mix(x ^ 0x0B1D_5EED_0000_0001)
            // Bin from the high 32 bits (multiply-shift range reduction), value from the low 32 bits.
            let bin = Int(truncatingIfNeeded: ((h >> 32) &* n) >> 32)
            let v = UInt32(truncatingIfNeeded: h)
            if v < sig[bin] { sig[bin] = v }
            filled[bin] = true
        }
        guard let firstFilled = filled.firstIndex(of: true), filled.contains(false) else { return sig }
        var out = sig
        for i in 0..<bins where !filled[i] {
            var d = 1
            while !filled[(i + d) % bins] { d += 1 }
            _ = firstFilled
            out[i] = sig[(i + d) % bins] &+ UInt32(truncatingIfNeeded: d) &* 0x9E37_79B9
        }
        return out
    }
}
