import Foundation
import Testing
@testable import EntityExtraction

@Suite struct SeedArticleTests {
    @Test func findsEveryPersonAndCountry() throws {
        let text = try TestData.seedBody()
        let entities = try EntityRecognizer.bundled().recognize(text)
        let persons = Set(entities.filter { $0.type == .person }.map(\.canonical))
        let locations = Set(entities.filter { $0.type == .location }.map(\.canonical))
        for name in ["Xi Jinping", "Donald Trump", "Vladimir Putin", "Keir Starmer"] {
            #expect(persons.contains(name), "missing person \(name); got \(persons.sorted())")
        }
        for name in ["China", "Taiwan", "Russia", "Ukraine", "Iran"] {
            #expect(locations.contains(name), "missing location \(name); got \(locations.sorted())")
        }
        #expect(locations.contains("US") || locations.contains("United States"))
        // Beijing stays its own location, not merged into China
        #expect(locations.contains("Beijing"))
    }

    @Test func mergesShortNamesAndKeepsOffsets() throws {
        let text = try TestData.seedBody()
        let entities = try EntityRecognizer.bundled().recognize(text)
        let xi = try #require(entities.first { $0.canonical == "Xi Jinping" })
        #expect(xi.type == .person)
        #expect(xi.mentions.count >= 5)
        for m in xi.mentions {
            let s = text.scalars(m.start, m.end)
            #expect(s == "Xi Jinping" || s == "Xi")
        }
        let trump = try #require(entities.first { $0.canonical == "Donald Trump" })
        #expect(trump.mentions.count >= 5)
        #expect(trump.mentions.allSatisfy { ["Donald Trump", "Trump"].contains(text.scalars($0.start, $0.end)) })
        // no other person entity holds a bare "Trump" or "Xi"
        #expect(!entities.contains { $0.type == .person && ($0.canonical == "Trump" || $0.canonical == "Xi") })
    }

    @Test func findsValues() throws {
        let text = try TestData.seedBody()
        let entities = try EntityRecognizer.bundled().recognize(text)
        func has(_ type: EntityType, _ surface: String) -> Bool {
            entities.contains { $0.type == type && $0.mentions.contains { text.scalars($0.start, $0.end) == surface } }
        }
        #expect(has(.date, "Wednesday"))
        #expect(has(.date, "Last December"))
        #expect(has(.money, "$11 billion"))
        #expect(has(.quantity, "12 million tonnes"))
    }
}
