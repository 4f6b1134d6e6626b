import EntityExtraction
import Foundation

/// Clusters of pretrained word vectors (`Resources/word-clusters.txt`, made by `scripts/entity-word-clusters`): a fine
/// (255) and a coarse (64) cluster for each of 22,716 lower-case words. Stored in the model's lexicon at training.
enum PretrainedWordClusters {
    static let fileName = "word-clusters.txt"

    /// Word → (fine, coarse) cluster numbers, from 1.
    static func bundledEntries() throws -> [String: (fine: UInt16, coarse: UInt8)] {
        guard let url = Bundle.module.url(forResource: fileName, withExtension: nil, subdirectory: "Resources") else {
            throw EntityModelError.missingResource(fileName)
        }
        return entries(try String(contentsOf: url, encoding: .utf8))
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
