import NormalizationEvaluation
import Testing

/// The Swift scorer counts words as the development set's Python scorer does.
@Suite struct BagOfWordsTests {
    @Test func tokensAreLowerCasedWordRuns() {
        #expect(BagOfWords.counts("The cat's hat, the CAT_2 — 3.5 café") == ["the": 2, "cat": 1, "s": 1, "hat": 1, "cat_2": 1, "3": 1, "5": 1, "café": 1])
    }

    @Test func precisionRecallF1() {
        let s = BagOfWords(predicted: "a b b c extra", truth: "a b c c")
        #expect(s.predictedWords == 5)
        #expect(s.trueWords == 4)
        // overlap: a, b, c = 3
        #expect(abs(s.precision - 0.6) < 1e-12)
        #expect(abs(s.recall - 0.75) < 1e-12)
        #expect(abs(s.f1 - 2 * 0.6 * 0.75 / 1.35) < 1e-12)
    }

    @Test func emptyPredictionScoresZero() {
        #expect(BagOfWords(predicted: "", truth: "some words").f1 == 0)
        #expect(BagOfWords(predicted: "", truth: "").f1 == 1)
    }
}
