import Foundation

/// Binary layout of the store's segments: one blob per flushed batch of indexed articles, and one
/// per expiry run of retired verdicts. Little-endian fixed-width numbers, LEB128 lengths and
/// counts, UTF-8 strings. Each blob starts with a layout byte so later layouts can be read next
/// to older ones.
enum SegmentCodec {
    static let articlesLayout: UInt8 = 1
    static let verdictsLayout: UInt8 = 1

    /// Retired verdict of an id that left the index.
    struct RetiredVerdict {
        var id: String
        var timestamp: Double
        var verdict: DedupeVerdict
    }

    static func encode(_ articles: [IndexedArticle]) -> Data {
        // An upper bound of the size (varints take at most 10 bytes), so the blob is written in place.
        var bound = 1 + 10
        for a in articles {
            bound += 8 + 8 + 8 + (10 + a.id.utf8.count) + (1 + 1 + 10 + (a.verdict.duplicateOf?.utf8.count ?? 0) + 8)
            bound += (10 + a.root.utf8.count) + (10 + a.digest.utf8.count)
            bound += 4 * 10 + (a.shingles.count + a.numbers.count + a.signature.count + a.added.count) * 4
        }
        return RawWriter.data(bound: bound) { w in
            w.byte(articlesLayout)
            w.varint(UInt64(articles.count))
            for a in articles {
                w.integer(UInt64(bitPattern: a.seq))
                w.integer(a.timestamp.bitPattern)
                w.string(a.id)
                w.verdict(a.verdict)
                w.string(a.root)
                w.string(a.digest)
                w.integer(UInt64(bitPattern: a.matchedSeq ?? 0))
                w.integers(a.shingles)
                w.integers(a.numbers)
                w.integers(a.signature)
                w.integers(a.added)
            }
        }
    }

    static func decodeArticles(_ data: Data) throws -> [IndexedArticle] {
        var r = ByteReader(data)
        guard try r.byte() == articlesLayout else { throw r.failure("unknown article segment layout") }
        let count = try r.count()
        var out: [IndexedArticle] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            let seq = try r.int64()
            let ts = try r.double()
            let id = try r.string()
            let verdict = try r.verdict()
            let root = try r.string()
            let digest = try r.string()
            let matched = try r.int64()
            let shingles: [UInt32] = try r.integers()
            let numbers: [UInt32] = try r.integers()
            let signature: [UInt32] = try r.integers()
            let added: [UInt32] = try r.integers()
            out.append(IndexedArticle(seq: seq, id: id, timestamp: ts, verdict: verdict, root: root, digest: digest,
                                      shingles: shingles, numbers: numbers, signature: signature,
                                      matchedSeq: matched == 0 ? nil : matched, added: added))
        }
        return out
    }

    static func encode(_ verdicts: [RetiredVerdict]) -> Data {
        var bound = 1 + 10
        for v in verdicts { bound += (10 + v.id.utf8.count) + 8 + (1 + 1 + 10 + (v.verdict.duplicateOf?.utf8.count ?? 0) + 8) }
        return RawWriter.data(bound: bound) { w in
            w.byte(verdictsLayout)
            w.varint(UInt64(verdicts.count))
            for v in verdicts {
                w.string(v.id)
                w.integer(v.timestamp.bitPattern)
                w.verdict(v.verdict)
            }
        }
    }

    static func decodeVerdicts(_ data: Data) throws -> [RetiredVerdict] {
        var r = ByteReader(data)
        guard try r.byte() == verdictsLayout else { throw r.failure("unknown verdict segment layout") }
        let count = try r.count()
        var out: [RetiredVerdict] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            out.append(RetiredVerdict(id: try r.string(), timestamp: try r.double(), verdict: try r.verdict()))
        }
        return out
    }
}

/// Writes into memory the caller sized: varints, little-endian integers, length-prefixed strings.
private struct RawWriter {
    let base: UnsafeMutableRawPointer
    var offset = 0

    init(_ base: UnsafeMutableRawPointer) { self.base = base }

    /// The bytes `body` writes, in a buffer of `bound` bytes (which must be enough).
    static func data(bound: Int, _ body: (inout RawWriter) -> Void) -> Data {
        var data = Data(count: bound)
        let used = data.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            var w = RawWriter(base)
            body(&w)
            return w.offset
        }
        data.count = used
        return data
    }

    @inline(__always) mutating func byte(_ b: UInt8) {
        base.storeBytes(of: b, toByteOffset: offset, as: UInt8.self)
        offset += 1
    }

    @inline(__always) mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 { byte(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
        byte(UInt8(v))
    }

    @inline(__always) mutating func integer<T: FixedWidthInteger>(_ v: T) {
        (base + offset).storeBytes(of: v.littleEndian, as: T.self)
        offset += MemoryLayout<T>.size
    }

    mutating func integers(_ values: [UInt32]) {
        varint(UInt64(values.count))
        #if _endian(little)
        values.withUnsafeBytes { src in
            if let p = src.baseAddress { (base + offset).copyMemory(from: p, byteCount: src.count) }
            offset += src.count
        }
        #else
        for v in values { integer(v) }
        #endif
    }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { bytes in
            varint(UInt64(bytes.count))
            if let p = bytes.baseAddress { (base + offset).copyMemory(from: p, byteCount: bytes.count) }
            offset += bytes.count
        }
    }

    mutating func verdict(_ v: DedupeVerdict) {
        switch v.status {
        case .unique: byte(0)
        case .duplicate: byte(1)
        case .nearDuplicate: byte(2)
        }
        if let d = v.duplicateOf { byte(1); string(d) } else { byte(0) }
        integer(v.similarity.bitPattern)
    }
}

private struct ByteReader {
    let data: Data
    var offset: Int

    init(_ data: Data) {
        self.data = data
        offset = data.startIndex
    }

    func failure(_ what: String) -> DedupeError {
        .incompatibleState("corrupt segment in the dedupe store (\(what) at byte \(offset - data.startIndex)); move the state directory aside to start a new index")
    }

    mutating func byte() throws -> UInt8 {
        guard offset < data.endIndex else { throw failure("truncated") }
        defer { offset += 1 }
        return data[offset]
    }

    mutating func varint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw failure("varint too long") }
            value |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return value }
            shift += 7
        }
    }

    /// A count or length that must fit in the remaining bytes.
    mutating func count(unit: Int = 1) throws -> Int {
        let v = try varint()
        guard v <= UInt64(data.endIndex - offset) / UInt64(max(1, unit)) else { throw failure("length beyond the end") }
        return Int(v)
    }

    mutating func integer<T: FixedWidthInteger>(_: T.Type = T.self) throws -> T {
        let size = MemoryLayout<T>.size
        guard data.endIndex - offset >= size else { throw failure("truncated") }
        var v: T = 0
        withUnsafeMutableBytes(of: &v) { dst in
            data.withUnsafeBytes { src in
                dst.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[(offset - data.startIndex)..<(offset - data.startIndex + size)]))
            }
        }
        offset += size
        return T(littleEndian: v)
    }

    mutating func int64() throws -> Int64 { Int64(bitPattern: try integer(UInt64.self)) }
    mutating func double() throws -> Double { Double(bitPattern: try integer(UInt64.self)) }

    mutating func integers<T: FixedWidthInteger>() throws -> [T] {
        let n = try count(unit: MemoryLayout<T>.size)
        let size = n * MemoryLayout<T>.size
        let start = offset - data.startIndex
        let out = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            data.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[start..<(start + size)]))
            }
            initialized = n
        }
        offset += size
        #if _endian(big)
        return out.map { T(littleEndian: $0) }
        #else
        return out
        #endif
    }

    mutating func string() throws -> String {
        let n = try count()
        let start = offset - data.startIndex
        offset += n
        return data.withUnsafeBytes { String(decoding: UnsafeRawBufferPointer(rebasing: $0[start..<(start + n)]), as: UTF8.self) }
    }

    mutating func verdict() throws -> DedupeVerdict {
        let status: DedupeStatus
        switch try byte() {
        case 0: status = .unique
        case 1: status = .duplicate
        case 2: status = .nearDuplicate
        default: throw failure("unknown verdict status")
        }
        let duplicateOf = try byte() == 1 ? try string() : nil
        return DedupeVerdict(status: status, duplicateOf: duplicateOf, similarity: try double())
    }
}
