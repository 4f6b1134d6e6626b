import Foundation
import Testing
@testable import EntityExtraction
@testable import EntityTraining

/// The cached tagger sums feature groups per word; together they must be exactly the keys training uses.
@Suite struct FeatureGroupTests {
    @Test func groupsMakeTheTrainingKeys() throws {
        let model = try EntityRecognizer.bundled().model
        let lex = model.lexicon
        let hasLexicon = lex != nil
        let sentences = try CoNLLReader.read(TestData.validConll).prefix(400).map(\.words)
            + [["Angela", "Merkel", "visited", "New", "York", "City", "."], ["RUSSIA", "AND", "GERMANY", "SIGN", "PACT"], ["Co-operation"]]
        for words in sentences {
            var keys: [UInt32] = []
            var offsets: [Int] = []
            FeatureExtractor.extract(words, lexicon: lex, keys: &keys, offsets: &offsets)
            let infos = words.map { FeatureExtractor.info($0, lexicon: lex) }
            let caps: UInt64 = FeatureExtractor.isAllCaps(words) ? 1 : 0
            let n = words.count
            for i in 0..<n {
                var expected = Array(keys[offsets[i]..<offsets[i + 1]])
                // gazetteer keys (templates 45 and 53) are computed per sentence, not per word
                let gazetteerCount = expected.count - Self.nonGazetteerCount(
                    infos[i], previous: i >= 1 ? infos[i - 1] : FeatureExtractor.boundaryLeft,
                    next: i + 1 < n ? infos[i + 1] : FeatureExtractor.boundaryRight, hasLexicon: hasLexicon)
                expected.removeLast(gazetteerCount)
                var got: [UInt32] = []
                FeatureExtractor.ownKeys(infos[i], caps: caps, hasLexicon: hasLexicon) { got.append($0) }
                FeatureExtractor.prev1Keys(i >= 1 ? infos[i - 1] : FeatureExtractor.boundaryLeft, hasLexicon: hasLexicon) { got.append($0) }
                FeatureExtractor.next1Keys(i + 1 < n ? infos[i + 1] : FeatureExtractor.boundaryRight, hasLexicon: hasLexicon) { got.append($0) }
                FeatureExtractor.prev2Keys(i >= 2 ? infos[i - 2] : FeatureExtractor.boundaryLeft) { got.append($0) }
                FeatureExtractor.next2Keys(i + 2 < n ? infos[i + 2] : FeatureExtractor.boundaryRight) { got.append($0) }
                let pk = infos.map(PairKeys.init)
                PairKeys.keys(pk[i], i >= 1 ? pk[i - 1] : .boundaryLeft, i >= 2 ? pk[i - 2] : .boundaryLeft,
                              i + 1 < n ? pk[i + 1] : .boundaryRight, i + 2 < n ? pk[i + 2] : .boundaryRight,
                              first: i == 0, hasLexicon: hasLexicon) { got.append($0) }
                #expect(got.sorted() == expected.sorted(), "\(words) token \(i)")
            }
        }
    }

    /// Keys `extract` makes for a token before its gazetteer keys.
    static func nonGazetteerCount(_ w: FeatureExtractor.WordInfo, previous p1: FeatureExtractor.WordInfo,
                                  next n1: FeatureExtractor.WordInfo, hasLexicon: Bool) -> Int {
        var count = 28  // templates 0-4, 13-31 and 34-37
        for len in [1, 2, 3, 4] where w.length > len { count += 2 }
        if w.firstPart != 0 { count += 2 }
        if hasLexicon {
            count += 9  // templates 38-44, and the neighbours' single-word gazetteer classes (51, 52)
            // pretrained word clusters (templates 46-50), for the words that have them
            if w.vectorFine != 0 { count += 2 }
            if w.vectorCoarse != 0 { count += 1 }
            if p1.vectorCoarse != 0 { count += 1 }
            if n1.vectorCoarse != 0 { count += 1 }
        }
        return count
    }

    /// The shipped model carries pretrained clusters, so the test above covers their templates.
    @Test func bundledModelHasPretrainedClusters() throws {
        let lex = try #require(try EntityRecognizer.bundled().model.lexicon)
        let known = FeatureExtractor.info("london", lexicon: lex)
        #expect(known.vectorFine != 0 && known.vectorCoarse != 0)
        #expect(FeatureExtractor.info("Xqzvbnm", lexicon: lex).vectorFine == 0)
    }
}

/// The cached tagger's emissions equal the ones summed key by key from the training features.
@Suite struct CachedEmissionTests {
    @Test func emissionsMatchTheReference() throws {
        let model = try EntityRecognizer.bundled().model
        var sentences = try CoNLLReader.read(TestData.validConll).map(\.words)
        sentences += [["Angela"], ["Angela", "Merkel"], ["A", "B", "C"], ["RUSSIA", "AND", "GERMANY", "SIGN", "PACT"], ["New", "York", "City", "and", "Stratford-upon-Avon"]]
        // twice: the second pass reads the word and pair caches filled by the first
        let cache = WordFeatureCache(tagCount: model.tagCount)
        for _ in 0..<2 {
            for words in sentences.suffix(5) + sentences.prefix(800) {
                #expect(model.cachedEmissions(words, cache: cache) == model.referenceEmissions(words), "\(words)")
            }
        }
    }
}

extension CachedEmissionTests {
    /// A full word cache starts over between sentences; emissions stay exact after the restart.
    @Test func cacheRestartKeepsEmissionsExact() throws {
        let model = try EntityRecognizer.bundled().model
        let cache = WordFeatureCache(tagCount: model.tagCount)
        let perSentence = 60
        let sentences = (0..<(WordFeatureCache.maxEntries / 50 + 3)).map { s in  // about 51 new words each
            (0..<perSentence).map { k in k % 7 == 0 ? "said" : "Word\(s * perSentence + k)" }
        }
        var restarted = false
        for (n, words) in sentences.enumerated() {
            let before = cache.words.count
            let got = model.cachedEmissions(words, cache: cache)
            if cache.words.count < before { restarted = true }
            if n < 2 || n >= sentences.count - 3 { #expect(got == model.referenceEmissions(words)) }
        }
        #expect(restarted)
    }
}

extension CachedEmissionTests {
    /// Making room keeps the most used words (at most half the entries) and the emissions stay exact.
    @Test func makingRoomKeepsFrequentWords() throws {
        let model = try EntityRecognizer.bundled().model
        let cache = WordFeatureCache(tagCount: model.tagCount)
        let frequent = ["said", "the", "Reuters", "of", "U.S."]
        var fresh = 0
        var restarted = false
        var last: [String] = []
        while !restarted {
            let words = frequent + (0..<50).map { k in "Rare\(fresh + k)" } + frequent
            fresh += 50
            let before = cache.words.count
            _ = model.cachedEmissions(words, cache: cache)
            if cache.words.count < before { restarted = true }
            last = words
        }
        #expect(cache.words.count <= WordFeatureCache.maxEntries / 2 + last.count)
        for w in frequent { #expect(cache.words.contains(w), "\(w)") }
        #expect(!cache.words.contains("Rare0"))
        let probe = ["Rare0", "said", "the", "Reuters", "reported", "in", "New", "York", "."]
        #expect(model.cachedEmissions(probe, cache: cache) == model.referenceEmissions(probe))
        #expect(model.cachedEmissions(last, cache: cache) == model.referenceEmissions(last))
    }
}

extension CachedEmissionTests {
    /// The shipped model's gazetteer phrases are all in the bundled gazetteer, so phrase look-ups start only at
    /// first words of multi-word phrases; emissions stay exact, also for a token holding a space.
    @Test func phraseLookupsStartAtFirstWords() throws {
        let model = try EntityRecognizer.bundled().model
        #expect(TaggerModel.phraseStarts(model.lexicon) != nil)
        let lex = model.lexicon
        #expect(model.phraseLength(startingWith: FeatureExtractor.info("New", lexicon: lex)) >= 2)
        #expect(model.phraseLength(startingWith: FeatureExtractor.info("said", lexicon: lex)) == 0)
        #expect(model.phraseLength(startingWith: FeatureExtractor.info("new york", lexicon: lex)) == 4)
        let cache = WordFeatureCache(tagCount: model.tagCount)
        let sentences = [
            ["He", "flew", "from", "New", "York", "City", "to", "Rio", "de", "Janeiro", "and", "Buenos", "Aires", "."],
            ["SAN", "FRANCISCO", "AND", "LOS", "ANGELES", "TRADE", "BARBS"],
            ["new york", "city", "said"], ["Kuala", "Lumpur"], ["New"],
        ]
        for words in sentences {
            #expect(model.cachedEmissions(words, cache: cache) == model.referenceEmissions(words), "\(words)")
        }
    }
}
