import Testing
@testable import EntityExtraction

/// The bundled gazetteer (made by `scripts/entity-gazetteer`): places and person names, as bit masks.
@Suite struct GazetteerTests {
    @Test func personNamesHaveTheirBits() throws {
        let g = try Gazetteer.bundledEntries()
        #expect((g["john"] ?? 0) & 64 != 0)
        #expect((g["smith"] ?? 0) & 128 != 0)
        #expect((g["kowalczyk"] ?? 0) & 128 != 0)
        // a place keeps its place bit beside any name bit
        #expect((g["paris"] ?? 0) & 2 != 0)
        #expect(g["however"] == nil)
    }

    /// The shipped model's lexicon carries the name bits (training read the same file).
    @Test func bundledModelKnowsPersonNames() throws {
        let lex = try #require(try EntityRecognizer.bundled().model.lexicon)
        #expect((FeatureExtractor.info("Peter", lexicon: lex).gazetteer - 1) & 64 != 0)
    }
}
