import EntityExtraction
import Foundation
import SeededRandom

/// Trains the name tagger (averaged perceptron, BILOU tags, constrained Viterbi) on a CoNLL file.
///
/// The weights are the average of `orders` averaged perceptrons, each trained on the same features with its own
/// sentence order (less seed-to-seed spread than one order). Each sentence carries its document's features
/// (`DocumentFeatures`; documents found by their datelines).
///
/// Deterministic: the sentence order of each epoch comes from SplitMix64 (`seed` for the first training, a value
/// derived from it for the others), feature indices are assigned in data order, and the model file is written in key order.
public enum EntityTraining {
    /// Trainings (sentence orders) whose averaged weights are averaged into the model.
    static let orders = 3

    /// Trains for exactly `epochs` epochs on `train`, logs dev F1 after each epoch when `dev` is given
    /// (dev is never trained on), writes the model to `output` and returns a one-paragraph summary.
    public static func train(train: URL, dev: URL?, output: URL, seed: UInt64, epochs: Int,
                             log: (String) -> Void) throws -> String {
        let clock = ContinuousClock()
        let started = clock.now
        let trainSentences = try CoNLLReader.read(train)
        let devSentences = try dev.map { try CoNLLReader.read($0) } ?? []
        log("read \(trainSentences.count) training sentences, \(devSentences.count) dev sentences")

        let lexiconEntries = LexiconBuilder.build(sentences: trainSentences.map(\.words), gazetteer: try Gazetteer.bundledEntries(),
                                                  vectorClusters: try PretrainedWordClusters.bundledEntries())
        let lex: Lexicon? = lexiconEntries.isEmpty ? nil : Lexicon(entries: lexiconEntries)
        log("lexicon: \(lexiconEntries.count) words")

        // Feature extraction once; keys → dense indices in order of first appearance.
        let c = TagScheme.count
        var index: [UInt32: Int32] = [:]
        var keyOfIndex: [UInt32] = []
        var sentFeatures: [[Int32]] = []
        var sentOffsets: [[Int]] = []
        var goldTags: [[Int]] = []
        let contexts = CoNLLDocuments.contexts(trainSentences)
        for (s, context) in zip(trainSentences, contexts) {
            var keys: [UInt32] = []
            var offsets: [Int] = []
            FeatureExtractor.extract(s.words, lexicon: lex, context: context, keys: &keys, offsets: &offsets)
            var ids = [Int32](repeating: 0, count: keys.count)
            for (j, k) in keys.enumerated() {
                if let id = index[k] {
                    ids[j] = id
                } else {
                    let id = Int32(keyOfIndex.count)
                    index[k] = id
                    keyOfIndex.append(k)
                    ids[j] = id
                }
            }
            sentFeatures.append(ids)
            sentOffsets.append(offsets)
            goldTags.append(TagScheme.tags(spans: TagScheme.spans(conll: s.labels), count: s.words.count))
        }
        let featureCount = keyOfIndex.count
        let devContexts = CoNLLDocuments.contexts(devSentences)
        log("features: \(featureCount)")

        // The averaged weights of `runs` trainings that see the sentences in different orders, averaged again.
        let runs = Self.orders
        var sumRows = [Float](repeating: 0, count: featureCount * c)
        var sumTrans = [Float](repeating: 0, count: (c + 1) * c)
        var sumEnd = [Float](repeating: 0, count: c)
        var lastDev = ""
        for run in 0..<runs {
            var w = [Float](repeating: 0, count: featureCount * c)
            var u = [Double](repeating: 0, count: featureCount * c)
            var tw = [Float](repeating: 0, count: (c + 1) * c)
            var tu = [Double](repeating: 0, count: (c + 1) * c)
            var ew = [Float](repeating: 0, count: c)
            var eu = [Double](repeating: 0, count: c)
            var counter: Double = 1
            var rng = SplitMix64(seed: run == 0 ? seed : seed &+ UInt64(run) &* 0x9E37_79B9_7F4A_7C15)
            var order = Array(0..<trainSentences.count)

            func averaged() -> (rows: [Float], trans: [Float], end: [Float]) {
                let rows = (0..<w.count).map { w[$0] - Float(u[$0] / counter) }
                let trans = (0..<tw.count).map { tw[$0] - Float(tu[$0] / counter) }
                let end = (0..<ew.count).map { ew[$0] - Float(eu[$0] / counter) }
                return (rows, trans, end)
            }

            for epoch in 1...max(1, epochs) {
                rng.shuffle(&order)
                var errors = 0
                var tokens = 0
                for si in order {
                    let ids = sentFeatures[si]
                    let offs = sentOffsets[si]
                    let gold = goldTags[si]
                    let n = gold.count
                    tokens += n
                    var em = [Float](repeating: 0, count: n * c)
                    w.withUnsafeBufferPointer { wp in
                        for i in 0..<n {
                            let base = i * c
                            for k in offs[i]..<offs[i + 1] {
                                let rb = Int(ids[k]) * c
                                for t in 0..<c { em[base + t] += wp[rb + t] }
                            }
                        }
                    }
                    let pred = TagScheme.viterbi(emissions: em, length: n, transitions: tw, endScores: ew)
                    if pred != gold {
                        for i in 0..<n {
                            let g = gold[i], p = pred[i]
                            if g != p {
                                errors += 1
                                for k in offs[i]..<offs[i + 1] {
                                    let rb = Int(ids[k]) * c
                                    w[rb + g] += 1; u[rb + g] += counter
                                    w[rb + p] -= 1; u[rb + p] -= counter
                                }
                            }
                            let gp = i == 0 ? c : gold[i - 1]
                            let pp = i == 0 ? c : pred[i - 1]
                            if gp != pp || g != p {
                                tw[gp * c + g] += 1; tu[gp * c + g] += counter
                                tw[pp * c + p] -= 1; tu[pp * c + p] -= counter
                            }
                        }
                        let gl = gold[n - 1], pl = pred[n - 1]
                        if gl != pl {
                            ew[gl] += 1; eu[gl] += counter
                            ew[pl] -= 1; eu[pl] -= counter
                        }
                    }
                    counter += 1
                }
                var line = "epoch \(epoch)" + (runs > 1 ? " (order \(run + 1) of \(runs))" : "") + ": train token errors \(errors)/\(tokens)"
                if !devSentences.isEmpty {
                    let a = averaged()
                    let model = TaggerModel(tagCount: c, transitions: a.trans, endScores: a.end, keys: keyOfIndex, rows: a.rows, lexicon: lex)
                    let report = EntityEvaluation.evaluate(devSentences, model: model, contexts: devContexts)
                    lastDev = String(format: "dev F1 %.2f (P %.2f R %.2f)", report.f1 * 100, report.precision * 100, report.recall * 100)
                    line += "; " + lastDev + "; " + report.perType.map { String(format: "%@ %.2f", $0.label, $0.f1 * 100) }.joined(separator: " ")
                }
                log(line)
            }
            let a = averaged()
            for k in 0..<sumRows.count { sumRows[k] += a.rows[k] }
            for k in 0..<sumTrans.count { sumTrans[k] += a.trans[k] }
            for k in 0..<sumEnd.count { sumEnd[k] += a.end[k] }
        }
        let n = Float(runs)
        let a = (rows: sumRows.map { $0 / n }, trans: sumTrans.map { $0 / n }, end: sumEnd.map { $0 / n })
        if runs > 1 && !devSentences.isEmpty {
            let model = TaggerModel(tagCount: c, transitions: a.trans, endScores: a.end, keys: keyOfIndex, rows: a.rows, lexicon: lex)
            let report = EntityEvaluation.evaluate(devSentences, model: model, contexts: devContexts)
            lastDev = String(format: "dev F1 %.2f (P %.2f R %.2f)", report.f1 * 100, report.precision * 100, report.recall * 100)
            log("average of \(runs) orders: " + lastDev)
        }
        let written = try TaggerModel.write(tagCount: c, transitions: a.trans, endScores: a.end, keys: keyOfIndex, rows: a.rows,
                                            lexicon: lexiconEntries, to: output)
        let seconds = Double((clock.now - started).components.seconds) + Double((clock.now - started).components.attoseconds) / 1e18
        let summary = "trained \(epochs) epochs on \(trainSentences.count) sentences (seed \(seed)) in "
            + String(format: "%.1f s", seconds)
            + "; \(written.features) of \(featureCount) features kept; model \(written.bytes) bytes at \(output.path)"
            + (lastDev.isEmpty ? "" : "; final " + lastDev)
        log(summary)
        return summary
    }
}
