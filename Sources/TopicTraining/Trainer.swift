import Foundation
import TopicClassification
import SeededRandom

/// Hashed feature counts of a whole data set (CSR), computed once and shared by all fits.
struct CountCorpus: Sendable {
    let config: FeatureConfig
    let labels: [String]
    var rowStart: [Int] = [0]
    var keys: [UInt32] = []
    var counts: [Float] = []
    var blocks: [UInt8] = []
    var truth: [Int] = []
    /// Word-vector table of the dense block (nil: none) and, per row, its L2-normalised mean word vector
    /// (`dense[row * dims + d]`; zeros when no word was found).
    let wordVectors: WordVectors?
    var dims: Int { wordVectors?.dimensions ?? 0 }
    var dense: [Float] = []

    init(rows: [LabeledText], labels: [String], config: FeatureConfig, wordVectors: WordVectors? = nil) {
        self.config = config
        self.labels = labels
        self.wordVectors = wordVectors
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let extractor = FeatureExtractor(config: config, wordVectors: wordVectors)
        let dims = wordVectors?.dimensions ?? 0
        dense.reserveCapacity(rows.count * dims)
        for row in rows {
            extractor.extract(title: row.title, text: row.text)
            if dims > 0 {
                var norm2: Float = 0
                for d in 0..<dims { norm2 += extractor.dense[d] * extractor.dense[d] }
                let inv = norm2 > 0 ? 1 / norm2.squareRoot() : 0
                for d in 0..<dims { dense.append(extractor.dense[d] * inv) }
            }
            keys.append(contentsOf: extractor.keys)
            counts.append(contentsOf: extractor.counts)
            var start = 0
            for b in 0..<FeatureConfig.blockCount {
                let end = extractor.blockEnd[b]
                blocks.append(contentsOf: repeatElement(UInt8(b), count: end - start))
                start = end
            }
            rowStart.append(keys.count)
            truth.append(index[row.label] ?? 0)
        }
    }
}

/// One-vs-rest NB-weighted linear SVMs (L2-regularised squared hinge, dual coordinate descent)
/// over TF-IDF blocks.
struct Trainer {
    let corpus: CountCorpus
    let options: TopicTrainingOptions
    let seed: UInt64

    init(corpus: CountCorpus, options: TopicTrainingOptions, seed: UInt64) {
        self.corpus = corpus
        self.options = options
        self.seed = seed
    }

    /// Raw scores of one stratified fold (1/`folds` of the rows) from a model fitted on the other rows.
    func outOfFoldScores(folds: Int) -> (scores: [[Float]], truth: [Int]) {
        let n = corpus.truth.count
        var heldOut = [Bool](repeating: false, count: n)
        var used = [Bool](repeating: false, count: n)
        var rng = SplitMix64(seed: seed ^ 0xF01D)
        let cap = options.calibrationMaxRows
        for k in 0..<corpus.labels.count {
            var idx = corpus.truth.indices.filter { corpus.truth[$0] == k }
            rng.shuffle(&idx)
            // Large data: a stratified sample of `cap` rows is enough to fit one temperature.
            let keep = cap > 0 && n > cap ? max(folds, (idx.count * cap + n - 1) / n) : idx.count
            for (j, i) in idx.prefix(keep).enumerated() {
                used[i] = true
                if j % folds == 0 { heldOut[i] = true }
            }
        }
        let params = fit(docs: used.indices.filter { used[$0] && !heldOut[$0] })
        let test = heldOut.indices.filter { heldOut[$0] }
        return (test.map { score(doc: $0, params) }, test.map { corpus.truth[$0] })
    }

    /// Raw linear scores of corpus row `i` (same arithmetic as `TopicClassifier.rawScores`).
    func score(doc i: Int, _ p: ModelParameters) -> [Float] {
        let c = p.labels.count
        var s = p.bias
        var partial = [[Float]](repeating: [Float](repeating: 0, count: c), count: FeatureConfig.blockCount)
        var norm2 = [Float](repeating: 0, count: FeatureConfig.blockCount)
        for e in corpus.rowStart[i]..<corpus.rowStart[i + 1] {
            let j = Int(corpus.keys[e])
            let idf = p.idf[j]
            if idf == 0 { continue }
            let v = (1 + Foundation.log(corpus.counts[e])) * idf
            let b = Int(corpus.blocks[e])
            norm2[b] += v * v
            for k in 0..<c { partial[b][k] += v * p.weights[j * c + k] }
        }
        for b in 0..<FeatureConfig.blockCount where norm2[b] > 0 {
            let inv = p.blockScale[b] / norm2[b].squareRoot()
            for k in 0..<c { s[k] += partial[b][k] * inv }
        }
        let dims = p.denseDimensions
        if dims > 0 {
            for k in 0..<c {
                var dot: Float = 0
                for d in 0..<dims { dot += p.denseWeights[k * dims + d] * corpus.dense[i * dims + d] }
                s[k] += dot * p.wordVectorScale
            }
        }
        return s
    }

    /// Fits idf and weights on the given rows (temperature left at 1).
    func fit(docs: [Int]) -> ModelParameters {
        let buckets = 1 << corpus.config.bucketBits
        let c = corpus.labels.count
        // Document frequency and idf.
        var df = [Int32](repeating: 0, count: buckets)
        for i in docs {
            for e in corpus.rowStart[i]..<corpus.rowStart[i + 1] { df[Int(corpus.keys[e])] += 1 }
        }
        let n = Float(docs.count)
        var idf = [Float](repeating: 0, count: buckets)
        // Compact ids, most frequent first, so the hot part of the weight vector stays in cache.
        var seen: [Int32] = []
        let minDF = Int32(max(1, options.minDocumentFrequency))
        for j in 0..<buckets where df[j] >= minDF {
            idf[j] = Foundation.log((1 + n) / (1 + Float(df[j]))) + 1
            seen.append(Int32(j))
        }
        seen.sort { df[Int($0)] != df[Int($1)] ? df[Int($0)] > df[Int($1)] : $0 < $1 }
        var compact = [Int32](repeating: -1, count: buckets)
        for (id, j) in seen.enumerated() { compact[Int(j)] = Int32(id) }
        let features = seen.count
        // TF-IDF values, L2-normalised per block.
        var rowStart = [Int](repeating: 0, count: docs.count + 1)
        var keys: [Int32] = [], vals: [Float] = []
        keys.reserveCapacity(corpus.keys.count)
        vals.reserveCapacity(corpus.keys.count)
        var norm2 = [Float](repeating: 0, count: FeatureConfig.blockCount)
        var tfidf: [Float] = []
        for (r, i) in docs.enumerated() {
            let lo = corpus.rowStart[i], hi = corpus.rowStart[i + 1]
            for b in 0..<norm2.count { norm2[b] = 0 }
            tfidf.removeAll(keepingCapacity: true)
            for e in lo..<hi {
                let v = (1 + Foundation.log(corpus.counts[e])) * idf[Int(corpus.keys[e])]
                tfidf.append(v)
                norm2[Int(corpus.blocks[e])] += v * v
            }
            for b in 0..<norm2.count { norm2[b] = options.blockScale[b] / max(norm2[b].squareRoot(), 1e-30) }
            for e in lo..<hi {
                let id = compact[Int(corpus.keys[e])]
                if id < 0 { continue }  // pruned (document frequency below the minimum)
                keys.append(id)
                vals.append(tfidf[e - lo] * norm2[Int(corpus.blocks[e])])
            }
            rowStart[r + 1] = keys.count
        }
        let truth = docs.map { corpus.truth[$0] }
        var weights = [Float](repeating: 0, count: buckets * c)
        var bias = [Float](repeating: 0, count: c)
        // Dense block: appended to each row as features `features ..< features + dims` (not NB-scaled; the
        // naive Bayes members never see it).
        let dims = options.wordVectorScale > 0 ? corpus.dims : 0
        var svmKeys = keys, svmRowStart = rowStart
        var sparseAt: [Int] = []  // position of each sparse entry in the SVM rows
        if dims > 0 {
            svmKeys = []
            svmKeys.reserveCapacity(keys.count + docs.count * dims)
            sparseAt.reserveCapacity(keys.count)
            svmRowStart = [0]
            for r in 0..<docs.count {
                for e in rowStart[r]..<rowStart[r + 1] {
                    sparseAt.append(svmKeys.count)
                    svmKeys.append(keys[e])
                }
                for d in 0..<dims { svmKeys.append(Int32(features + d)) }
                svmRowStart.append(svmKeys.count)
            }
        }
        var scaled = [Float](repeating: 0, count: svmKeys.count)
        if dims > 0 {
            let s = options.wordVectorScale
            for (r, i) in docs.enumerated() {
                let at = svmRowStart[r + 1] - dims
                for d in 0..<dims { scaled[at + d] = s * corpus.dense[i * dims + d] }
            }
        }
        var denseWeights = [Float](repeating: 0, count: c * dims)
        for k in 0..<c {
            let ratio = nbRatio(keys: keys, rowStart: rowStart, truth: truth, label: k, features: features)
            if dims > 0 {
                for e in vals.indices { scaled[sparseAt[e]] = vals[e] * ratio[Int(keys[e])] }
            } else {
                for e in vals.indices { scaled[e] = vals[e] * ratio[Int(keys[e])] }
            }
            let (w, b) = svm(keys: svmKeys, vals: scaled, rowStart: svmRowStart, truth: truth, label: k, features: features + dims)
            for (id, j) in seen.enumerated() {
                weights[Int(j) * c + k] = (w[id] + options.nbPrior) * ratio[id]
            }
            for d in 0..<dims { denseWeights[k * dims + d] = w[features + d] }
            bias[k] = b
        }
        if options.mnbWeight > 0 {
            addMultinomialNB(keys: keys, vals: vals, rowStart: rowStart, truth: truth, seen: seen, weights: &weights)
        }
        return ModelParameters(config: corpus.config, labels: corpus.labels, idf: idf, weights: weights, bias: bias,
                               temperature: 1, blockScale: options.blockScale,
                               wordVectorTable: dims > 0 ? corpus.wordVectors?.identity ?? 0 : 0,
                               wordVectorScale: dims > 0 ? options.wordVectorScale : 0, denseWeights: denseWeights)
    }

    /// Adds `mnbWeight` times the class-centred log-probabilities of a multinomial naive Bayes model over the
    /// same (TF-IDF, block-normalised) feature values: a generative ensemble member that costs nothing at run time.
    private func addMultinomialNB(keys: [Int32], vals: [Float], rowStart: [Int], truth: [Int], seen: [Int32],
                                  weights: inout [Float]) {
        let c = corpus.labels.count, features = seen.count
        var mass = [Double](repeating: 0, count: features * c)
        var total = [Double](repeating: 0, count: c)
        for r in 0..<truth.count {
            let k = truth[r]
            for e in rowStart[r]..<rowStart[r + 1] {
                mass[Int(keys[e]) * c + k] += Double(vals[e])
                total[k] += Double(vals[e])
            }
        }
        let alpha = Double(options.mnbAlpha), gamma = options.mnbWeight
        var logp = [Float](repeating: 0, count: c)
        for (id, j) in seen.enumerated() {
            var mean: Float = 0
            for k in 0..<c {
                logp[k] = Float(Foundation.log((mass[id * c + k] + alpha) / (total[k] + alpha * Double(features))))
                mean += logp[k]
            }
            mean /= Float(c)
            for k in 0..<c { weights[Int(j) * c + k] += gamma * (logp[k] - mean) }
        }
    }

    /// Naive Bayes log-count ratio per feature for label k vs the rest (binary occurrence counts).
    private func nbRatio(keys: [Int32], rowStart: [Int], truth: [Int], label k: Int, features: Int) -> [Float] {
        guard options.nbAlpha > 0 else { return [Float](repeating: 1, count: features) }
        let alpha = options.nbAlpha
        var p = [Float](repeating: alpha, count: features), q = [Float](repeating: alpha, count: features)
        for r in 0..<truth.count {
            if truth[r] == k {
                for e in rowStart[r]..<rowStart[r + 1] { p[Int(keys[e])] += 1 }
            } else {
                for e in rowStart[r]..<rowStart[r + 1] { q[Int(keys[e])] += 1 }
            }
        }
        let sp = p.reduce(0, +), sq = q.reduce(0, +)
        var ratio = [Float](repeating: 0, count: features)
        for j in 0..<features { ratio[j] = Foundation.log((p[j] / sp) / (q[j] / sq)) }
        return ratio
    }

    /// Dual coordinate descent for the L2-regularised squared-hinge SVM (as in LIBLINEAR), with a bias
    /// feature of value 1.
    private func svm(keys: [Int32], vals: [Float], rowStart: [Int], truth: [Int], label k: Int, features: Int) -> ([Float], Float) {
        let n = truth.count
        let diag = Float(1 / (2 * options.cost))
        var w = [Float](repeating: 0, count: features)
        var bias: Float = 0
        var alpha = [Float](repeating: 0, count: n)
        var qd = [Float](repeating: 0, count: n)
        var y = [Float](repeating: -1, count: n)
        for r in 0..<n {
            if truth[r] == k { y[r] = 1 }
            var s: Float = 1 + diag
            for e in rowStart[r]..<rowStart[r + 1] { s += vals[e] * vals[e] }
            qd[r] = s
        }
        var order = Array(0..<n)
        var rng = SplitMix64(seed: seed &+ UInt64(k) &* 0x9E37_79B9)
        keys.withUnsafeBufferPointer { keys in
            vals.withUnsafeBufferPointer { vals in
                rowStart.withUnsafeBufferPointer { rowStart in
                    w.withUnsafeMutableBufferPointer { w in
                        for _ in 0..<options.maxEpochs {
                            rng.shuffle(&order)
                            var pgMax = -Float.infinity, pgMin = Float.infinity
                            for r in order {
                                let lo = rowStart[r], hi = rowStart[r + 1]
                                var dot = bias
                                for e in lo..<hi { dot += w[Int(keys[e])] * vals[e] }
                                let g = y[r] * dot - 1 + diag * alpha[r]
                                let pg = alpha[r] == 0 ? min(g, 0) : g
                                pgMax = max(pgMax, pg)
                                pgMin = min(pgMin, pg)
                                if abs(pg) > 1e-12 {
                                    let old = alpha[r]
                                    alpha[r] = max(old - g / qd[r], 0)
                                    let d = (alpha[r] - old) * y[r]
                                    if d != 0 {
                                        for e in lo..<hi { w[Int(keys[e])] += d * vals[e] }
                                        bias += d
                                    }
                                }
                            }
                            if Double(pgMax - pgMin) <= options.tolerance { break }
                        }
                    }
                }
            }
        }
        return (w, bias)
    }
}
