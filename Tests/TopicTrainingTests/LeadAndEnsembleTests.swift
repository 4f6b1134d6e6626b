import Foundation
import Testing
@testable import TopicClassification
@testable import TopicTraining

@Suite struct LeadAndEnsembleTests {
    @Test func leadCutsAtWhitespaceAndNeverSplitsACharacter() {
        #expect(FeatureExtractor.lead(of: "alpha beta gamma", bytes: 0) == Array("alpha beta gamma".utf8))
        #expect(FeatureExtractor.lead(of: "alpha beta gamma", bytes: 100) == Array("alpha beta gamma".utf8))
        #expect(FeatureExtractor.lead(of: "alpha beta gamma", bytes: 12) == Array("alpha beta".utf8))
        #expect(FeatureExtractor.lead(of: "alpha beta gamma", bytes: 10) == Array("alpha beta".utf8))
        // No space: cut at a scalar boundary ("é" is two bytes).
        let cut = FeatureExtractor.lead(of: "ééééé", bytes: 5)
        #expect(cut == Array("éé".utf8))
    }

    @Test func textBeyondTheLeadDoesNotChangeTheScores() throws {
        let classifier = try TopicClassifier.bundled()
        #expect(classifier.parameters.config.textLeadBytes == 1_000)
        let lead = String(repeating: "Shares of the chip maker rose after quarterly profit beat forecasts. ", count: 16)
        let a = classifier.classify(title: "Chip maker profit", text: lead)
        let b = classifier.classify(title: "Chip maker profit", text: lead + String(repeating: "The striker scored a goal. ", count: 40))
        #expect(a == b)
    }

    @Test func version1ModelFilesStillLoadAndReadTheWholeText() throws {
        // The bundled model without its word-vector block (v1 files have none).
        var sparse = try TopicClassifier.bundled().parameters
        sparse.wordVectorTable = 0
        sparse.wordVectorScale = 0
        sparse.denseWeights = []
        let classifier = try TopicClassifier(parameters: sparse, wordVectors: nil)
        let v3 = [UInt8](ModelFile.encode(sparse))
        // v1 header: no textLeadBytes and wordVectorLeadBytes fields (bytes 28..<36 of v3), no dense block
        // (the last 16 bytes of v3 when it is empty).
        let v1 = Array(v3[0..<4]) + [1, 0, 0, 0] + Array(v3[8..<28]) + Array(v3[36..<(v3.count - 16)])
        let params = try ModelFile.decode(Data(v1))
        #expect(params.config.textLeadBytes == 0)
        #expect(params.weights == classifier.parameters.weights)
        let old = try TopicClassifier(parameters: params, wordVectors: nil)
        let short = "Oil prices rose to a record on supply fears."
        #expect(old.classify(title: "Oil", text: short) == classifier.classify(title: "Oil", text: short))
    }

    @Test func naiveBayesMemberChangesTheWeightsAndAloneStillClassifies() throws {
        let rows = TrainingTests.corpus(seed: 11, perLabel: 30)
        var options = TopicTrainingOptions()
        options.bucketBits = 12
        options.calibrationFolds = 0
        options.mnbWeight = 0
        let svm = try TopicTraining.train(rows, seed: 2, options: options) { _ in }
        options.mnbWeight = 0.1
        let both = try TopicTraining.train(rows, seed: 2, options: options) { _ in }
        #expect(svm.classifier.parameters.weights != both.classifier.parameters.weights)
        // A huge NB weight makes the model essentially multinomial NB; it must still learn the topics.
        options.mnbWeight = 1_000
        let nb = try TopicTraining.train(rows, seed: 2, options: options) { _ in }
        let test = TrainingTests.corpus(seed: 12, perLabel: 20)
        #expect(TopicEvaluation.evaluate(test, classifier: nb.classifier).accuracy > 0.9)
        #expect(TopicEvaluation.evaluate(test, classifier: both.classifier).accuracy > 0.95)
    }
}

@Suite struct RawCharacterTokenTests {
    private func charBlock(_ title: String, _ text: String, raw: Bool) -> [UInt32: Float] {
        var config = FeatureConfig()
        config.bucketBits = 16
        config.charRawTokens = raw
        let e = FeatureExtractor(config: config)
        e.extract(title: title, text: text)
        var out: [UInt32: Float] = [:]
        for i in e.blockEnd[FeatureConfig.titleBlockID]..<e.blockEnd[FeatureConfig.charBlock] { out[e.keys[i]] = e.counts[i] }
        return out
    }

    @Test func rawTokensKeepCurrencyAndPercentSigns() {
        #expect(charBlock("Shares", "Profit rose 5% to $3 billion", raw: false) == charBlock("Shares", "Profit rose 5 to 3 billion", raw: false))
        #expect(charBlock("Shares", "Profit rose 5% to $3 billion", raw: true) != charBlock("Shares", "Profit rose 5 to 3 billion", raw: true))
        // Case and extra whitespace do not matter.
        #expect(charBlock("SHARES", "Profit  rose\n5%", raw: true) == charBlock("shares", "profit rose 5%", raw: true))
    }

    @Test func rawTokensStopAtTheCharacterLead() {
        var config = FeatureConfig()
        config.charRawTokens = true
        config.charLeadBytes = 10
        let e = FeatureExtractor(config: config)
        e.extract(title: "", text: "alpha beta gamma delta")
        let few = e.blockEnd[FeatureConfig.charBlock] - e.blockEnd[FeatureConfig.titleBlockID]
        e.extract(title: "", text: "alpha beta")
        #expect(e.blockEnd[FeatureConfig.charBlock] - e.blockEnd[FeatureConfig.titleBlockID] == few)
    }
}
