import EntityExtraction
import Foundation

/// Builds the word lexicon stored in the model from unlabeled text (the training file's tokens):
/// a lowercase-usage bucket per word, word clusters, gazetteer membership bits, and the pretrained word clusters.
enum LexiconBuilder {
    static func build(sentences: [[String]], gazetteer: [String: UInt8],
                      vectorClusters: [String: (fine: UInt16, coarse: UInt8)] = [:]) -> [(UInt64, Lexicon.Entry)] {
        var keyOrder: [String] = []
        var stats: [String: (total: Int, lower: Int)] = [:]
        for words in sentences where !FeatureExtractor.isAllCaps(words) {
            for (i, word) in words.enumerated() where i > 0 {
                guard let first = word.unicodeScalars.first, first.properties.isAlphabetic else { continue }
                let l = word.lowercased()
                if stats[l] == nil { keyOrder.append(l); stats[l] = (0, 0) }
                stats[l]?.total += 1
                if first.properties.isLowercase { stats[l]?.lower += 1 }
            }
        }
        let clusters = WordClusters.build(sentences: sentences)
        var result: [UInt64: Lexicon.Entry] = [:]
        var keys: [UInt64] = []
        func entry(_ k: UInt64) -> Lexicon.Entry {
            if let e = result[k] { return e }
            keys.append(k)
            return Lexicon.Entry(cluster: 0, lowerBucket: 0, gazetteer: 0)
        }
        for l in keyOrder {
            guard let s = stats[l], s.total >= 2 else { continue }
            let ratio = Double(s.lower) / Double(s.total)
            let bucket: UInt8 = ratio == 0 ? 1 : ratio < 0.1 ? 2 : ratio < 0.5 ? 3 : ratio < 0.9 ? 4 : ratio < 1 ? 5 : 6
            let k = FeatureHash.string(l)
            var e = entry(k)
            e.lowerBucket = bucket
            result[k] = e
        }
        for (word, cluster) in clusters {
            let k = FeatureHash.string(word)
            var e = entry(k)
            e.cluster = cluster
            result[k] = e
        }
        for (word, c) in vectorClusters.sorted(by: { $0.key < $1.key }) {
            let k = FeatureHash.string(word)
            var e = entry(k)
            e.vectorFine = c.fine
            e.vectorCoarse = c.coarse
            result[k] = e
        }
        for (word, bits) in gazetteer.sorted(by: { $0.key < $1.key }) {
            let k = FeatureHash.string(word)
            var e = entry(k)
            e.gazetteer = bits
            result[k] = e
        }
        return keys.sorted().compactMap { k in result[k].map { (k, $0) } }
    }
}
