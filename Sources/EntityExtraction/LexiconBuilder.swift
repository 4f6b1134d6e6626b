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

/// Distributional word clusters from unlabeled text: words seen at least `minCount` times are described
/// by the frequent words to their left and right, and grouped by spherical k-means (deterministic:
/// initial centroids are the most frequent words, ties broken by spelling).
enum WordClusters {
    static let minCount = 3
    static let contextWords = 400
    static let clusterCount = 160
    static let iterations = 8

    static func build(sentences: [[String]]) -> [(String, UInt16)] {
        var counts: [String: Int] = [:]
        for s in sentences { for w in s { counts[w.lowercased(), default: 0] += 1 } }
        let ranked = counts.filter { $0.value >= minCount }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        guard ranked.count > clusterCount else { return [] }
        var wordIndex: [String: Int] = [:]
        for (i, w) in ranked.enumerated() { wordIndex[w] = i }
        let dims = 2 * contextWords
        var vectors = [Float](repeating: 0, count: ranked.count * dims)
        for s in sentences {
            let l = s.map { $0.lowercased() }
            for i in l.indices {
                guard let wi = wordIndex[l[i]] else { continue }
                if i > 0, let c = wordIndex[l[i - 1]], c < contextWords { vectors[wi * dims + c] += 1 }
                if i + 1 < l.count, let c = wordIndex[l[i + 1]], c < contextWords { vectors[wi * dims + contextWords + c] += 1 }
            }
        }
        for w in 0..<ranked.count {
            var norm: Float = 0
            for d in 0..<dims { let v = vectors[w * dims + d].squareRoot(); vectors[w * dims + d] = v; norm += v * v }
            norm = norm.squareRoot()
            if norm > 0 { for d in 0..<dims { vectors[w * dims + d] /= norm } }
        }
        var centroids = Array(vectors[0..<(clusterCount * dims)])
        var assignment = [Int](repeating: 0, count: ranked.count)
        for _ in 0..<iterations {
            vectors.withUnsafeBufferPointer { vp in
                centroids.withUnsafeBufferPointer { cp in
                    guard let vbase = vp.baseAddress, let cbase = cp.baseAddress else { return }
                    for w in 0..<ranked.count {
                        var best: Float = -.infinity
                        var arg = 0
                        let v = vbase + w * dims
                        for k in 0..<clusterCount {
                            let c = cbase + k * dims
                            var dot: Float = 0
                            for d in 0..<dims { dot += v[d] * c[d] }
                            if dot > best { best = dot; arg = k }
                        }
                        assignment[w] = arg
                    }
                }
            }
            centroids = [Float](repeating: 0, count: clusterCount * dims)
            for w in 0..<ranked.count {
                let k = assignment[w]
                for d in 0..<dims { centroids[k * dims + d] += vectors[w * dims + d] }
            }
            for k in 0..<clusterCount {
                var norm: Float = 0
                for d in 0..<dims { norm += centroids[k * dims + d] * centroids[k * dims + d] }
                norm = norm.squareRoot()
                if norm > 0 { for d in 0..<dims { centroids[k * dims + d] /= norm } }
            }
        }
        return ranked.enumerated().map { ($0.element, UInt16(assignment[$0.offset] + 1)) }
    }
}

/// Place, country, language and currency names shipped with the module (`Resources/gazetteer.txt`,
/// made by `Resources/make_gazetteer.py`): lowercased phrase → bit mask of list membership.
enum Gazetteer {
    static let fileName = "gazetteer.txt"

    static func bundledEntries() throws -> [String: UInt8] {
        var result: [String: UInt8] = [:]
        for line in try bundledResourceText(fileName).split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2, let bits = UInt8(parts[0]) else { continue }
            result[String(parts[1])] = bits
        }
        return result
    }
}

/// Clusters of pretrained word vectors (`Resources/word-clusters.txt`, made by `scripts/entity-word-clusters`): a fine
/// (255) and a coarse (64) cluster for each of 22,716 lower-case words. Stored in the model's lexicon at training.
enum PretrainedWordClusters {
    static let fileName = "word-clusters.txt"

    /// Word → (fine, coarse) cluster numbers, from 1.
    static func bundledEntries() throws -> [String: (fine: UInt16, coarse: UInt8)] {
        try entries(bundledResourceText(fileName))
    }

    /// Parses "fine<TAB>coarse<TAB>word" lines; others are skipped.
    static func entries(_ text: String) -> [String: (fine: UInt16, coarse: UInt8)] {
        var result: [String: (fine: UInt16, coarse: UInt8)] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 2)
            guard parts.count == 3, let fine = UInt16(parts[0]), let coarse = UInt8(parts[1]) else { continue }
            result[String(parts[2])] = (fine, coarse)
        }
        return result
    }
}

/// The URL of a file in this module's `Resources` folder; `EntityModelError.missingResource` when it is not there.
func bundledResourceURL(_ fileName: String) throws -> URL {
    guard let url = Bundle.module.url(forResource: fileName, withExtension: nil, subdirectory: "Resources") else {
        throw EntityModelError.missingResource(fileName)
    }
    return url
}

/// The text of a file in this module's `Resources` folder.
func bundledResourceText(_ fileName: String) throws -> String {
    try String(contentsOf: bundledResourceURL(fileName), encoding: .utf8)
}
