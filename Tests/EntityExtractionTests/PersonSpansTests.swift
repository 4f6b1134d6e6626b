import Testing
@testable import EntityExtraction

/// Person names are cut at lowercase words that are not name particles.
@Suite struct PersonSpansTests {
    @Test func cutsAtDismissalWordsKeepsParticles() {
        let words = ["Imran", "Qadir", "st", "Walsh", "b", "Parker", "and", "Rafael", "van", "der", "Vaart", "left"]
        let spans: [(EntityType, Int, Int)] = [(.person, 0, 6), (.person, 7, 11), (.organization, 0, 4)]
        let got = PersonSpans.split(spans, words: words).map { "\($0.0.rawValue) \($0.1)..<\($0.2)" }
        #expect(got == ["PERSON 0..<2", "PERSON 3..<4", "PERSON 5..<6", "PERSON 7..<11", "ORGANIZATION 0..<4"])
    }
}
