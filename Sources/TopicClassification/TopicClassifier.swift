import Foundation

/// Linear topic classifier over hashed word, title and character n-gram features with
/// temperature-calibrated softmax probabilities. Immutable and safe to share across tasks.
public struct TopicClassifier: Sendable {
    package let parameters: ModelParameters
    /// Row per bucket: `[idf, w_0, ..., w_{C-1}]` quantised to 16 bits (idf 0 marks unseen buckets);
    /// compact so lookups stay in cache.
    private let table: [UInt16]
    private let stride: Int
    private let weightScale: [Float]
    private let extractors: ExtractorPool
    /// Table of the dense block, checked against the model's `wordVectorTable` (nil when the model has no block).
    package let wordVectors: WordVectors?
    /// Sublinear term frequency 1 + ln(count) for small counts.
    private static let logCount: [Float] = (0..<64).map { $0 == 0 ? 0 : 1 + Float(Foundation.log(Double($0))) }

    /// The labels this model scores, in model order.
    public var labels: [String] { parameters.labels }

    /// `wordVectors` must be the table the model was trained with (nil if it has no dense block).
    package init(parameters: ModelParameters, wordVectors: WordVectors?) throws {
        if parameters.wordVectorTable != 0 {
            guard let wordVectors else { throw TopicModelError.missingWordVectors(parameters.wordVectorTable) }
            guard wordVectors.identity == parameters.wordVectorTable else {
                throw TopicModelError.wordVectorMismatch(model: parameters.wordVectorTable, table: wordVectors.identity)
            }
            guard wordVectors.dimensions == parameters.denseDimensions else {
                throw TopicModelError.malformed("dense block width \(parameters.denseDimensions), table \(wordVectors.dimensions)")
            }
            self.wordVectors = wordVectors
        } else {
            self.wordVectors = nil
        }
        self.parameters = parameters
        extractors = ExtractorPool(config: parameters.config, wordVectors: self.wordVectors)
        let c = parameters.labels.count
        stride = c + 1
        var scale = [Float](repeating: 0, count: c)
        for b in 0..<parameters.idf.count where parameters.idf[b] > 0 {
            for k in 0..<c { scale[k] = max(scale[k], abs(parameters.weights[b * c + k])) }
        }
        scale = scale.map { $0 > 0 ? $0 / 32767 : 1 }
        weightScale = scale
        var t = [UInt16](repeating: 0, count: parameters.idf.count * (c + 1))
        for b in 0..<parameters.idf.count where parameters.idf[b] > 0 {
            t[b * (c + 1)] = UInt16(min(65535, max(1, (parameters.idf[b] * ModelFile.idfScale).rounded())))
            for k in 0..<c {
                let q = Int16(max(-32767, min(32767, (parameters.weights[b * c + k] / scale[k]).rounded())))
                t[b * (c + 1) + 1 + k] = UInt16(bitPattern: q)
            }
        }
        table = t
    }

    /// Loads a model file written by `TopicModel.write(to:)`. A model with a word-vector block uses the bundled
    /// table (`WordVectors.bundled()`) and fails with `TopicModelError.wordVectorMismatch` if it was trained with
    /// another one.
    public init(modelAt url: URL) throws {
        let parameters = try Self.read(url)
        try self.init(parameters: parameters, wordVectors: parameters.wordVectorTable != 0 ? try WordVectors.bundled() : nil)
    }

    /// Loads a model file with an explicit word-vector table (the one it was trained with; ignored by models
    /// without a word-vector block).
    public init(modelAt url: URL, wordVectors: WordVectors) throws {
        try self.init(parameters: try Self.read(url), wordVectors: wordVectors)
    }

    private static func read(_ url: URL) throws -> ModelParameters {
        try ModelFile.decode(ResourceFiles.read(url))
    }

    private static let bundledResult: Result<TopicClassifier, any Error> = Result {
        try ResourceFiles.loadBundled("topic-model", extension: "wtc", missing: .missingBundledModel) {
            try TopicClassifier(modelAt: $0)
        }
    }

    /// The shipped AG News model (`World`, `Sports`, `Business`, `Sci/Tech`), loaded once and cached.
    public static func bundled() throws -> TopicClassifier {
        try bundledResult.get()
    }

    /// Every label with its calibrated probability, best first (probabilities sum to 1).
    public func classify(title: String, text: String) -> [TopicScore] {
        let extractor = extractors.take()
        defer { extractors.give(extractor) }
        let p = probabilities(rawScores(title: title, text: text, using: extractor))
        var out: [TopicScore] = []
        out.reserveCapacity(p.count)
        for (k, label) in parameters.labels.enumerated() { out.append(TopicScore(label: label, score: Double(p[k]))) }
        return out.sortedBestFirst()
    }

    /// Uncalibrated linear scores per label, model order.
    package func rawScores(title: String, text: String, using extractor: FeatureExtractor) -> [Float] {
        extractor.extract(title: title, text: text)
        let c = parameters.labels.count
        let stride = self.stride
        let keys = extractor.keys, counts = extractor.counts
        let count = keys.count
        let blockEnd = extractor.blockEnd
        let blockScale = parameters.blockScale
        var scores = parameters.bias
        Self.logCount.withUnsafeBufferPointer { logCount in
        table.withUnsafeBufferPointer { t in
        weightScale.withUnsafeBufferPointer { weightScale in
        scores.withUnsafeMutableBufferPointer { scores in
        withUnsafeTemporaryAllocation(of: Float.self, capacity: count + c) { tmp in
            guard let base = tmp.baseAddress else { return }
            let idf = base, partial = base + count
            // Pass 1 gathers idf with independent loads (the table does not fit in L2; this overlaps misses).
            for e in 0..<count { idf[e] = Float(t[Int(keys[e]) &* stride]) }
            var start = 0
            for block in 0..<FeatureConfig.blockCount {
                let end = blockEnd[block]
                for k in 0..<c { partial[k] = 0 }
                var norm2: Float = 0
                if c == 4 {
                    // Four labels (the shipped taxonomy): one SIMD lane per label, same arithmetic as below.
                    var acc = SIMD4<Float>(repeating: 0)
                    for e in start..<end where idf[e] != 0 {
                        let row = Int(keys[e]) &* stride
                        let n = Int(counts[e])
                        let tf = n < 64 ? logCount[n] : 1 + Float(Foundation.log(Double(n)))
                        let v = tf * idf[e]
                        norm2 += v * v
                        let w = SIMD4<Float>(Float(Int16(bitPattern: t[row + 1])), Float(Int16(bitPattern: t[row + 2])),
                                             Float(Int16(bitPattern: t[row + 3])), Float(Int16(bitPattern: t[row + 4])))
                        acc += v * w
                    }
                    for k in 0..<4 { partial[k] = acc[k] }
                } else {
                    for e in start..<end where idf[e] != 0 {
                        let row = Int(keys[e]) &* stride
                        let n = Int(counts[e])
                        let tf = n < 64 ? logCount[n] : 1 + Float(Foundation.log(Double(n)))
                        let v = tf * idf[e]
                        norm2 += v * v
                        for k in 0..<c { partial[k] += v * Float(Int16(bitPattern: t[row + 1 + k])) }
                    }
                }
                if norm2 > 0 {
                    // idf is stored scaled by idfScale; the scale cancels in v / |v|.
                    let inv = blockScale[block] / norm2.squareRoot()
                    for k in 0..<c { scores[k] += partial[k] * inv * weightScale[k] }
                }
                start = end
            }
        }
        }
        }
        }
        }
        if let wv = wordVectors, extractor.denseWords > 0 {
            // Dense block: scale * (W_k . sum) / |sum| (the mean word vector, L2-normalised).
            let dims = wv.dimensions, sum = extractor.dense
            var norm2: Float = 0
            for d in 0..<dims { norm2 += sum[d] * sum[d] }
            if norm2 > 0 {
                let inv = parameters.wordVectorScale / norm2.squareRoot()
                parameters.denseWeights.withUnsafeBufferPointer { w in
                    for k in 0..<c {
                        var dot: Float = 0
                        for d in 0..<dims { dot += w[k * dims + d] * sum[d] }
                        scores[k] += dot * inv
                    }
                }
            }
        }
        return scores
    }

    /// Softmax of raw scores at the model temperature.
    package func probabilities(_ scores: [Float]) -> [Float] {
        Calibration.softmax(scores, temperature: parameters.temperature)
    }
}

package enum Calibration {
    static func softmax(_ s: [Float], temperature: Float) -> [Float] {
        guard let m = s.max() else { return [] }
        var e = s.map { Float(Foundation.exp(Double(($0 - m) / temperature))) }
        let z = e.reduce(0, +)
        for i in e.indices { e[i] /= z }
        return e
    }

    /// Mean negative log-likelihood of the true labels under softmax(scores / t).
    static func nll(_ scores: [[Float]], _ truth: [Int], temperature t: Double) -> Double {
        var total = 0.0
        for (s, y) in zip(scores, truth) {
            let m = Double(s.max() ?? 0)
            var z = 0.0
            for v in s { z += Foundation.exp((Double(v) - m) / t) }
            total -= (Double(s[y]) - m) / t - Foundation.log(z)
        }
        return total / Double(max(1, scores.count))
    }

    /// Temperature minimising NLL (golden-section search on log t).
    package static func fitTemperature(_ scores: [[Float]], _ truth: [Int]) -> Float {
        guard !scores.isEmpty else { return 1 }
        var a = Foundation.log(0.01), b = Foundation.log(100.0)
        let g = (Foundation.sqrt(5.0) - 1) / 2
        var x1 = b - g * (b - a), x2 = a + g * (b - a)
        var f1 = nll(scores, truth, temperature: Foundation.exp(x1)), f2 = nll(scores, truth, temperature: Foundation.exp(x2))
        for _ in 0..<60 {
            if f1 < f2 {
                b = x2; x2 = x1; f2 = f1; x1 = b - g * (b - a); f1 = nll(scores, truth, temperature: Foundation.exp(x1))
            } else {
                a = x1; x1 = x2; f1 = f2; x2 = a + g * (b - a); f2 = nll(scores, truth, temperature: Foundation.exp(x2))
            }
        }
        return Float(Foundation.exp((a + b) / 2))
    }
}

/// Reusable feature extractors, so concurrent `classify` calls neither share scratch space nor allocate it.
final class ExtractorPool: @unchecked Sendable {
    private let config: FeatureConfig
    private let wordVectors: WordVectors?
    private let lock = NSLock()
    private var free: [FeatureExtractor] = []

    init(config: FeatureConfig, wordVectors: WordVectors?) {
        self.config = config
        self.wordVectors = wordVectors
    }

    func take() -> FeatureExtractor {
        lock.lock()
        let e = free.popLast()
        lock.unlock()
        return e ?? FeatureExtractor(config: config, wordVectors: wordVectors)
    }

    func give(_ e: FeatureExtractor) {
        lock.lock()
        if free.count < 64 { free.append(e) }
        lock.unlock()
    }
}
