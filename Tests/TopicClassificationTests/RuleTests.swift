import Testing
import TopicClassification

@Suite struct RuleTests {
    let rules = RuleSet([
        TopicRule(label: "Elections", keywords: ["ballot", "elect*"], phrases: ["polling station"], score: 0.9),
        TopicRule(label: "Energy", keywords: ["crude oil"], entities: ["OPEC"], score: 0.8),
        TopicRule(label: "Elections", entities: ["Electoral Commission"], score: 0.95),
    ])

    @Test func keywordsPrefixesPhrasesAndEntitiesMatch() {
        #expect(rules.apply(title: "Voters ELECTED a mayor", text: "", entities: []) == [TopicScore(label: "Elections", score: 0.9)])
        #expect(rules.apply(title: "", text: "Queues at the polling-station.", entities: []).map(\.label) == ["Elections"])
        #expect(rules.apply(title: "", text: "Crude, oil!", entities: []).map(\.label) == ["Energy"])
        #expect(rules.apply(title: "", text: "", entities: ["opec"]) == [TopicScore(label: "Energy", score: 0.8)])
        let both = rules.apply(title: "Ballot count", text: "", entities: ["Electoral  Commission", "OPEC"])
        #expect(both == [TopicScore(label: "Elections", score: 0.95), TopicScore(label: "Energy", score: 0.8)])
    }

    @Test func nothingMatchesUnrelatedText() {
        #expect(rules.apply(title: "Selection of pastries", text: "crude remarks about oil paintings", entities: []).isEmpty)
        #expect(RuleSet([]).apply(title: "a", text: "b", entities: ["c"]).isEmpty)
    }

    @Test func combinationMergesAndSortsBestFirst() {
        let model = [TopicScore(label: "World", score: 0.6), TopicScore(label: "Business", score: 0.4)]
        let merged = TopicCombination.combine(model: model, rules: [
            TopicScore(label: "Business", score: 0.5), TopicScore(label: "Energy", score: 0.8),
        ])
        #expect(merged.map(\.label) == ["Energy", "Business", "World"])
        #expect(abs(merged[1].score - 0.7) < 1e-12)
        #expect(merged[2].score == 0.6)
        #expect(TopicCombination.combine(model: model, rules: []) == model)
    }
}
