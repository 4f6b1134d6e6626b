import Foundation
import Testing
@testable import EntityExtraction
@testable import EntityTraining

/// Document-level features: the contexts of a capitalized word's other occurrences in the document.
@Suite struct DocumentFeatureTests {
    static let sentences: [[String]] = [
        ["Andras", "Kovacs", "said", "on", "Monday", "he", "would", "stay", "."],
        ["Scorers", ":", "Kovacs", "12", ",", "Horvath", "55"],
        ["The", "coach", "praised", "Horvath", "."],
        ["Kovacs", "scored", "twice", "."],
    ]

    static func document() -> (words: [String], sentences: [Range<Int>]) {
        var words: [String] = []
        var ranges: [Range<Int>] = []
        for s in sentences {
            ranges.append(words.count..<(words.count + s.count))
            words += s
        }
        return (words, ranges)
    }

    @Test func repeatedCapitalizedWordsSeeTheirOtherContexts() {
        let doc = Self.document()
        let keys = DocumentFeatures.keys(words: doc.words, sentences: doc.sentences)
        #expect(keys.offsets.count == doc.words.count + 1)
        func keysOf(_ i: Int) -> [UInt32] { Array(keys.keys[keys.offsets[i]..<keys.offsets[i + 1]]) }
        // "Kovacs" (tokens 1 and 11): each sees the other's neighbours
        let kovacsInList = keysOf(11)
        #expect(kovacsInList.contains(FeatureExtractor.key(60, FeatureHash.string("andras"))))
        #expect(kovacsInList.contains(FeatureExtractor.key(61, FeatureHash.string("said"))))
        #expect(keysOf(1).contains(FeatureExtractor.key(60, FeatureHash.string(":"))))
        // a sentence-initial other occurrence (token 21) has no previous word
        #expect(keysOf(1).contains(FeatureExtractor.key(60, 1)) && keysOf(11).contains(FeatureExtractor.key(60, 1)))
        #expect(!keysOf(21).contains(FeatureExtractor.key(60, 1)))
        // "Horvath" (tokens 14 and 19)
        #expect(keysOf(14).contains(FeatureExtractor.key(61, FeatureHash.string("."))))
        #expect(keysOf(19).contains(FeatureExtractor.key(61, FeatureHash.string("55"))))
        // words seen once, lowercase words and one-letter words get none
        for i in [0, 2, 5, 9, 10, 16] { #expect(keysOf(i).isEmpty, "token \(i)") }
        // sorted, no repeats
        for i in 0..<doc.words.count { #expect(keysOf(i) == Array(Set(keysOf(i))).sorted()) }
    }

    @Test func aSentenceSliceKeepsItsTokensKeys() {
        let doc = Self.document()
        let keys = DocumentFeatures.keys(words: doc.words, sentences: doc.sentences)
        let second = keys.slice(doc.sentences[1])
        #expect(second.offsets.count == doc.sentences[1].count + 1)
        #expect(Array(second.keys[second.offsets[2]..<second.offsets[3]]) == Array(keys.keys[keys.offsets[11]..<keys.offsets[12]]))
    }

    @Test func noRepeatedWordGivesNoKeys() {
        let words = ["Angela", "Merkel", "visited", "Paris", "."]
        let keys = DocumentFeatures.keys(words: words, sentences: [0..<5])
        #expect(keys.isEmpty && keys.offsets == [0, 0, 0, 0, 0, 0])
    }

    /// The cached tagger adds a token's document keys exactly as training's feature lists hold them.
    @Test func cachedEmissionsWithContextMatchTheReference() throws {
        let model = try EntityRecognizer.bundled().model
        let doc = Self.document()
        let keys = DocumentFeatures.keys(words: doc.words, sentences: doc.sentences)
        let cache = WordFeatureCache(tagCount: model.tagCount)
        for r in doc.sentences {
            let words = Array(doc.words[r])
            let context = keys.slice(r)
            #expect(model.cachedEmissions(words, cache: cache, context: context) == model.referenceEmissions(words, context: context))
        }
    }

    /// The shipped model has weights for the document features, so they change what it tags.
    @Test func bundledModelReadsDocumentFeatures() throws {
        let model = try EntityRecognizer.bundled().model
        let doc = Self.document()
        let keys = DocumentFeatures.keys(words: doc.words, sentences: doc.sentences)
        let r = doc.sentences[1]
        let words = Array(doc.words[r])
        #expect(model.referenceEmissions(words, context: keys.slice(r)) != model.referenceEmissions(words))
    }
}
