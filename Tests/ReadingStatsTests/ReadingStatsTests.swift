import ArticleSchema
import ReadingStats
import Testing

@Suite("Reading statistics")
struct ReadingStatsTests {
    @Test("words, sentences, paragraphs and reading time")
    func counts() {
        let stats = ReadingStats(text: "Xi met Trump. They talked for 2 hours!\n\nA second paragraph here.")
        #expect(stats.words == 12)
        #expect(stats.sentences == 3)
        #expect(stats.paragraphs == 2)
        #expect(stats.readingMinutes == 1)
        #expect(ReadingStats(text: "").readingMinutes == 0)
        #expect(ReadingStats(text: String(repeating: "word ", count: 461)).readingMinutes == 3)
    }

    @Test("the stage adds a reading section and keeps everything else")
    func stage() async throws {
        let input = try ArticleCodec.decode(#"{"id":"a1","body":"One two three.","custom":{"keep":true}}"#)
        let out = try await ReadingStatsStage().process(input)
        let json = ArticleCodec.encodeString(out)
        #expect(json.contains(#""reading":{"words":3,"sentences":1,"paragraphs":1,"reading_minutes":1"#))
        #expect(json.contains(#""custom":{"keep":true}"#))
    }
}
