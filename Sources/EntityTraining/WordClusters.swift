import EntityExtraction
import Foundation

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
