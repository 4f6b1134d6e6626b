import Foundation

/// Pretrained word vectors (a "WTWV" file, built by `scripts/topic-word-vectors`): int8 vectors with a scale
/// per word, looked up by the FNV-1a 64 hash of the lower-cased word's UTF-8 bytes. Immutable and shareable.
///
/// File (little endian): "WTWV", u32 version 1, u32 dimensions, u32 count; count u64 keys (distinct, non-zero;
/// rows in the source vocabulary's order, which puts frequent words together); count f32 scales;
/// count x dimensions int8 (vector = scale x q).
public struct WordVectors: Sendable {
    /// Vector width.
    public let dimensions: Int
    /// Number of words in the table.
    public let count: Int
    /// FNV-1a 64 of the whole file: a model trained with this table records it and refuses any other table.
    public let identity: UInt64
    let storage: Storage

    /// Open-addressing table over the words plus their vectors, in raw memory (read-only after init).
    final class Storage: @unchecked Sendable {
        /// Slot: key and row side by side, so a probe touches one cache line.
        struct Slot {
            var key: UInt64
            var row: Int
        }
        let slots: UnsafeMutablePointer<Slot>
        let shift: UInt64
        let mask: Int
        /// Vectors re-quantised to a few power-of-two scale classes (`classScale[c]` = smallest scale × 2^c), so
        /// sums run on 16-bit integers per class: vector of row r = classScale[rowClass[r]] × vectors[r].
        let vectors: UnsafeMutablePointer<Int8>
        let rowClass: UnsafeMutablePointer<UInt8>
        let classScale: UnsafeMutablePointer<Float>
        static let maxClasses = 16

        /// Fails (nil) on a duplicate key.
        init?(keys: [UInt64], scale: [Float], vectors: [Int8]) {
            var cap = 16
            while 2 * cap < 3 * keys.count { cap <<= 1 }  // load at most 2/3 (22,716 words: 32,768 slots, 512 KB)
            mask = cap - 1
            shift = UInt64(64 - cap.trailingZeroBitCount)
            slots = .allocate(capacity: cap)
            slots.initialize(repeating: Slot(key: 0, row: -1), count: cap)
            let n = keys.count, dims = n > 0 ? vectors.count / n : 0
            let smallest = scale.filter { $0 > 0 }.min() ?? 1
            classScale = .allocate(capacity: Self.maxClasses)
            for c in 0..<Self.maxClasses { classScale[c] = smallest * Float(1 << c) }
            rowClass = .allocate(capacity: max(1, n))
            self.vectors = .allocate(capacity: max(1, vectors.count))
            for r in 0..<n {
                var c = 0
                while c < Self.maxClasses - 1, classScale[c] < scale[r] { c += 1 }
                rowClass[r] = UInt8(c)
                let f = scale[r] / classScale[c]  // <= 1 except past the last class
                for d in 0..<dims {
                    let q = (Float(vectors[r * dims + d]) * f).rounded()
                    self.vectors[r * dims + d] = Int8(max(-127, min(127, q)))
                }
            }
            for (row, key) in keys.enumerated() {
                var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
                while slots[slot].key != 0 {
                    if slots[slot].key == key { return nil }
                    slot = (slot + 1) & mask
                }
                slots[slot] = Slot(key: key, row: row)
            }
        }

        deinit {
            slots.deallocate()
            vectors.deallocate()
            rowClass.deallocate()
            classScale.deallocate()
        }

        /// Row of the word with hash `key`, or -1.
        @inline(__always) func row(_ key: UInt64) -> Int {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while true {
                let k = slots[slot].key
                if k == key { return slots[slot].row }
                if k == 0 { return -1 }
                slot = (slot + 1) & mask
            }
        }
    }

    /// FNV-1a 64 of `bytes` (the table's key of a word).
    static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// Parses a "WTWV" file.
    public init(data: Data) throws {
        let bytes = [UInt8](data)
        func fail(_ why: String) -> TopicModelError { .malformedWordVectors(why) }
        guard bytes.count >= 16, Array(bytes[0..<4]) == Array("WTWV".utf8) else { throw fail("not a word-vector table (bad magic)") }
        func u32(_ at: Int) -> Int {
            Int(UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)
        }
        guard u32(4) == 1 else { throw fail("unsupported version \(u32(4))") }
        let dims = u32(8), n = u32(12)
        guard (1...4096).contains(dims), n <= 10_000_000 else { throw fail("dimensions \(dims), count \(n)") }
        guard bytes.count == 16 + n * (8 + 4 + dims) else { throw fail("size \(bytes.count) does not match \(n) words of \(dims) dimensions") }
        var keys = [UInt64](repeating: 0, count: n)
        var scale = [Float](repeating: 0, count: n)
        var vectors = [Int8](repeating: 0, count: n * dims)
        bytes.withUnsafeBytes { raw in
            for i in 0..<n {
                keys[i] = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16 + 8 * i, as: UInt64.self))
                scale[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 16 + 8 * n + 4 * i, as: UInt32.self)))
            }
            let v0 = 16 + 12 * n
            for j in 0..<(n * dims) { vectors[j] = Int8(bitPattern: raw[v0 + j]) }
        }
        for i in 0..<n {
            guard keys[i] != 0 else { throw fail("zero key") }
            guard scale[i].isFinite else { throw fail("bad scale") }
        }
        guard let storage = Storage(keys: keys, scale: scale, vectors: vectors) else { throw fail("duplicate key") }
        dimensions = dims
        count = n
        identity = Self.hash(bytes)
        self.storage = storage
    }

    /// Loads a "WTWV" file.
    public init(contentsOf url: URL) throws {
        try self.init(data: ResourceFiles.read(url))
    }

    private static let bundledResult: Result<WordVectors, any Error> = Result {
        try ResourceFiles.loadBundled("word-vectors", extension: "wtv", missing: .missingBundledWordVectors) {
            try WordVectors(contentsOf: $0)
        }
    }

    /// The shipped table (Resources/word-vectors.wtv), loaded once and cached.
    public static func bundled() throws -> WordVectors {
        try bundledResult.get()
    }

    /// The vector of `word` (matched exactly, so pass it lower-cased), or nil if the table lacks it.
    public func vector(for word: String) -> [Float]? {
        let row = storage.row(Self.hash(word.utf8))
        guard row >= 0 else { return nil }
        let s = storage.classScale[Int(storage.rowClass[row])], v = storage.vectors + row * dimensions
        return (0..<dimensions).map { s * Float(v[$0]) }
    }

    /// Sets `sum` (`dimensions` floats) to the sum of the vectors of `rows`; `scratch` holds
    /// `Storage.maxClasses × dimensions` Int16. Integer adds per scale class (at most 256 rows between
    /// flushes, so 16 bits never overflow), one float multiply-add per class and dimension at the end.
    func sum(rows: UnsafePointer<Int>, count: Int, into sum: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Int16>) {
        let dims = dimensions, st = storage
        for d in 0..<dims { sum[d] = 0 }
        var start = 0
        while start < count {
            let end = min(count, start + 256)
            var used: UInt32 = 0
            for i in start..<end {
                let r = rows[i]
                let c = Int(st.rowClass[r])
                let acc = scratch + c * dims
                if used & (1 << c) == 0 {
                    used |= 1 << c
                    for d in 0..<dims { acc[d] = 0 }
                }
                let q = st.vectors + r * dims
                for d in 0..<dims { acc[d] &+= Int16(q[d]) }
            }
            while used != 0 {
                let c = used.trailingZeroBitCount
                used &= used - 1
                let s = st.classScale[c], acc = scratch + c * dims
                for d in 0..<dims { sum[d] += s * Float(acc[d]) }
            }
            start = end
        }
    }
}
