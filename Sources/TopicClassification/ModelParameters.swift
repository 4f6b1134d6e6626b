import Foundation

/// Everything a trained classifier consists of; serialised by `ModelFile`.
package struct ModelParameters: Sendable {
    package var config: FeatureConfig
    package var labels: [String]
    /// Inverse document frequency per bucket; 0 marks buckets never seen in training.
    package var idf: [Float]
    /// Bucket-major weights: `weights[bucket * labels.count + k]`.
    package var weights: [Float]
    package var bias: [Float]
    /// Softmax temperature fitted on cross-validated scores.
    package var temperature: Float
    /// Multiplier of each L2-normalised feature block.
    package var blockScale: [Float]
    /// Identity (`WordVectors.identity`) of the word-vector table of the dense block; 0: no dense block.
    package var wordVectorTable: UInt64 = 0
    /// Multiplier of the L2-normalised mean word vector.
    package var wordVectorScale: Float = 0
    /// Label-major dense weights: `denseWeights[k * dimensions + d]` (empty without a dense block).
    package var denseWeights: [Float] = []

    /// Width of the dense block (0 without one).
    package var denseDimensions: Int { labels.isEmpty ? 0 : denseWeights.count / labels.count }

    package init(config: FeatureConfig, labels: [String], idf: [Float], weights: [Float], bias: [Float], temperature: Float,
                 blockScale: [Float], wordVectorTable: UInt64 = 0, wordVectorScale: Float = 0, denseWeights: [Float] = []) {
        self.config = config
        self.labels = labels
        self.idf = idf
        self.weights = weights
        self.bias = bias
        self.temperature = temperature
        self.blockScale = blockScale
        self.wordVectorTable = wordVectorTable
        self.wordVectorScale = wordVectorScale
        self.denseWeights = denseWeights
    }
}

/// Errors reading a model file.
public enum TopicModelError: Error, CustomStringConvertible, Sendable {
    case unreadable(String, String)
    case malformed(String)
    case missingBundledModel
    /// The model was trained with a word-vector table other than the one supplied.
    case wordVectorMismatch(model: UInt64, table: UInt64)
    /// The model needs a word-vector table and none was supplied.
    case missingWordVectors(UInt64)
    case malformedWordVectors(String)
    case missingBundledWordVectors

    public var description: String {
        switch self {
        case .unreadable(let path, let why): return "cannot read topic model \(path): \(why)"
        case .malformed(let why): return "malformed topic model file: \(why)"
        case .missingBundledModel: return "the bundled topic model (Resources/topic-model.wtc) is missing"
        case .wordVectorMismatch(let model, let table):
            return String(format: "topic model was trained with word-vector table %016llx, but the table supplied is %016llx",
                          model, table)
        case .missingWordVectors(let model):
            return String(format: "topic model needs word-vector table %016llx and none was supplied", model)
        case .malformedWordVectors(let why): return "malformed word-vector table: \(why)"
        case .missingBundledWordVectors: return "the bundled word-vector table (Resources/word-vectors.wtv) is missing"
        }
    }
}

/// Compact binary model format ("WTCM" v3): header, labels, then only the buckets seen in training,
/// delta/varint-encoded with 16-bit quantised idf and weights, then the dense word-vector block (v3).
package enum ModelFile {
    static let magic: [UInt8] = Array("WTCM".utf8)
    /// v2 added `textLeadBytes`; v3 the word-vector block (`wordVectorLeadBytes` in the header; table identity,
    /// width, scale and float32 label-major weights at the end). v1 and v2 files still load.
    static let version: UInt32 = 3
    static let idfScale: Float = 2048

    package static func encode(_ p: ModelParameters) -> Data {
        var out = [UInt8]()
        let c = p.labels.count
        out.append(contentsOf: magic)
        put32(&out, version)
        let cfg = p.config
        let flags: UInt32 = (cfg.wordBigrams ? 1 : 0) | (cfg.titleBlock ? 2 : 0) | (cfg.stemming ? 4 : 0) | (cfg.digitShapes ? 8 : 0)
            | (cfg.charRawTokens ? 16 : 0)
        for v in [UInt32(cfg.bucketBits), flags, UInt32(cfg.charMin), UInt32(cfg.charMax), UInt32(cfg.charLeadBytes), UInt32(cfg.textLeadBytes),
                      UInt32(cfg.wordVectorLeadBytes)] {
            put32(&out, v)
        }
        put32(&out, UInt32(c))
        for label in p.labels {
            let b = Array(label.utf8)
            put32(&out, UInt32(b.count))
            out.append(contentsOf: b)
        }
        putF(&out, p.temperature)
        for v in p.bias { putF(&out, v) }
        for v in p.blockScale { putF(&out, v) }
        var scale = [Float](repeating: 0, count: c)
        let buckets = p.idf.count
        for b in 0..<buckets where p.idf[b] > 0 {
            for k in 0..<c { scale[k] = max(scale[k], abs(p.weights[b * c + k])) }
        }
        for k in 0..<c {
            scale[k] = scale[k] > 0 ? scale[k] / 32767 : 1
            putF(&out, scale[k])
        }
        let entries = p.idf.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        put32(&out, UInt32(entries))
        var previous = -1
        for b in 0..<buckets where p.idf[b] > 0 {
            putVarint(&out, UInt32(b - previous))
            previous = b
            let q = UInt16(min(65535, max(1, (p.idf[b] * idfScale).rounded())))
            out.append(UInt8(q & 0xFF)); out.append(UInt8(q >> 8))
            for k in 0..<c {
                let w = Int16(max(-32767, min(32767, (p.weights[b * c + k] / scale[k]).rounded())))
                let u = UInt16(bitPattern: w)
                out.append(UInt8(u & 0xFF)); out.append(UInt8(u >> 8))
            }
        }
        let dims = p.denseDimensions
        put32(&out, UInt32(truncatingIfNeeded: p.wordVectorTable))
        put32(&out, UInt32(truncatingIfNeeded: p.wordVectorTable >> 32))
        put32(&out, UInt32(dims))
        putF(&out, p.wordVectorScale)
        for v in p.denseWeights { putF(&out, v) }
        return Data(out)
    }

    package static func decode(_ data: Data) throws -> ModelParameters {
        var r = Reader(bytes: [UInt8](data))
        guard try r.bytes(4) == magic else { throw TopicModelError.malformed("not a Wirestream topic model (bad magic)") }
        let v = try r.u32()
        guard (1...version).contains(v) else { throw TopicModelError.malformed("unsupported version \(v)") }
        var cfg = FeatureConfig()
        cfg.bucketBits = Int(try r.u32())
        let flags = try r.u32()
        cfg.wordBigrams = flags & 1 != 0
        cfg.titleBlock = flags & 2 != 0
        cfg.stemming = flags & 4 != 0
        cfg.digitShapes = flags & 8 != 0
        cfg.charRawTokens = flags & 16 != 0
        cfg.charMin = Int(try r.u32())
        cfg.charMax = Int(try r.u32())
        cfg.charLeadBytes = Int(try r.u32())
        cfg.textLeadBytes = v >= 2 ? Int(try r.u32()) : 0
        cfg.wordVectorLeadBytes = v >= 3 ? Int(try r.u32()) : 0
        guard (8...26).contains(cfg.bucketBits), cfg.charMax == 0 || (1...16).contains(cfg.charMin) && cfg.charMin <= cfg.charMax && cfg.charMax <= 16 else {
            throw TopicModelError.malformed("feature settings out of range")
        }
        let c = Int(try r.u32())
        guard (1...10_000).contains(c) else { throw TopicModelError.malformed("label count \(c)") }
        var labels: [String] = []
        for _ in 0..<c {
            let n = Int(try r.u32())
            labels.append(String(decoding: try r.bytes(n), as: UTF8.self))
        }
        let temperature = try r.f32()
        var bias: [Float] = []
        for _ in 0..<c { bias.append(try r.f32()) }
        var blockScale: [Float] = []
        for _ in 0..<FeatureConfig.blockCount { blockScale.append(try r.f32()) }
        var scale: [Float] = []
        for _ in 0..<c { scale.append(try r.f32()) }
        let buckets = 1 << cfg.bucketBits
        var idf = [Float](repeating: 0, count: buckets)
        var weights = [Float](repeating: 0, count: buckets * c)
        let entries = Int(try r.u32())
        var b = -1
        for _ in 0..<entries {
            b += Int(try r.varint())
            guard b < buckets else { throw TopicModelError.malformed("bucket index out of range") }
            idf[b] = Float(try r.u16()) / idfScale
            for k in 0..<c { weights[b * c + k] = Float(Int16(bitPattern: try r.u16())) * scale[k] }
        }
        var table: UInt64 = 0, wvScale: Float = 0, dense: [Float] = []
        if v >= 3 {
            table = UInt64(try r.u32()) | UInt64(try r.u32()) << 32
            let dims = Int(try r.u32())
            wvScale = try r.f32()
            guard dims <= 4096, (dims == 0) == (table == 0) else { throw TopicModelError.malformed("word-vector block") }
            for _ in 0..<(dims * c) { dense.append(try r.f32()) }
        }
        guard r.atEnd else { throw TopicModelError.malformed("trailing bytes") }
        guard temperature > 0, temperature.isFinite else { throw TopicModelError.malformed("bad temperature") }
        return ModelParameters(config: cfg, labels: labels, idf: idf, weights: weights, bias: bias,
                               temperature: temperature, blockScale: blockScale, wordVectorTable: table,
                               wordVectorScale: wvScale, denseWeights: dense)
    }

    private static func put32(_ out: inout [UInt8], _ v: UInt32) {
        for s in stride(from: 0, to: 32, by: 8) { out.append(UInt8((v >> UInt32(s)) & 0xFF)) }
    }
    private static func putF(_ out: inout [UInt8], _ v: Float) { put32(&out, v.bitPattern) }
    private static func putVarint(_ out: inout [UInt8], _ v: UInt32) {
        var x = v
        while x >= 0x80 {
            out.append(UInt8(x & 0x7F) | 0x80)
            x >>= 7
        }
        out.append(UInt8(x))
    }

    private struct Reader {
        let bytes: [UInt8]
        var pos = 0
        var atEnd: Bool { pos == bytes.count }

        mutating func bytes(_ n: Int) throws -> [UInt8] {
            guard n >= 0, pos + n <= bytes.count else { throw TopicModelError.malformed("truncated") }
            defer { pos += n }
            return Array(bytes[pos..<(pos + n)])
        }
        mutating func u16() throws -> UInt16 {
            guard pos + 2 <= bytes.count else { throw TopicModelError.malformed("truncated") }
            defer { pos += 2 }
            return UInt16(bytes[pos]) | UInt16(bytes[pos + 1]) << 8
        }
        mutating func u32() throws -> UInt32 {
            guard pos + 4 <= bytes.count else { throw TopicModelError.malformed("truncated") }
            var v: UInt32 = 0
            for i in 0..<4 { v |= UInt32(bytes[pos + i]) << UInt32(8 * i) }
            pos += 4
            return v
        }
        mutating func f32() throws -> Float { Float(bitPattern: try u32()) }
        mutating func varint() throws -> UInt32 {
            var v: UInt32 = 0
            var shift: UInt32 = 0
            while true {
                guard pos < bytes.count, shift < 35 else { throw TopicModelError.malformed("truncated varint") }
                let b = bytes[pos]
                pos += 1
                v |= UInt32(b & 0x7F) << shift
                if b < 0x80 { return v }
                shift += 7
            }
        }
    }
}
