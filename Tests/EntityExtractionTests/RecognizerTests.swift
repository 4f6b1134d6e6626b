import Foundation
import Testing
@testable import EntityExtraction

@Suite struct RecognizerTests {
    @Test func possessiveIsExcludedFromMention() throws {
        let text = "China's exports rose. Officials in China said so."
        let entities = try EntityRecognizer.bundled().recognize(text)
        let china = try #require(entities.first { $0.canonical == "China" })
        #expect(china.type == .location)
        #expect(china.mentions == [EntityMention(start: 0, end: 5), EntityMention(start: 35, end: 40)])
    }

    @Test func curlyQuotesAndApostrophes() throws {
        let text = "“We will win,” said Angela Merkel, Germany’s chancellor, in Berlin on Friday."
        let entities = try EntityRecognizer.bundled().recognize(text)
        let merkel = try #require(entities.first { $0.type == .person })
        #expect(merkel.canonical == "Angela Merkel")
        #expect(text.scalars(merkel.mentions[0].start, merkel.mentions[0].end) == "Angela Merkel")
        let germany = try #require(entities.first { $0.canonical == "Germany" })
        #expect(germany.type == .location)
        #expect(text.scalars(germany.mentions[0].start, germany.mentions[0].end) == "Germany")
        #expect(entities.contains { $0.type == .date && $0.text == "Friday" })
    }

    @Test func offsetsCountUnicodeScalars() throws {
        // the emoji and accented letters before the name shift scalar offsets, not UTF-16 ones
        let text = "Café owners 👍 met Emmanuel Macron in Paris."
        let entities = try EntityRecognizer.bundled().recognize(text)
        let macron = try #require(entities.first { $0.type == .person })
        #expect(text.scalars(macron.mentions[0].start, macron.mentions[0].end) == "Emmanuel Macron")
    }

    @Test func emptyAndPunctuationOnlyText() throws {
        let recognizer = try EntityRecognizer.bundled()
        #expect(recognizer.recognize("").isEmpty)
        #expect(recognizer.recognize(" ... -- !!! ").isEmpty)
    }

    @Test func headlineInCapitals() throws {
        let entities = try EntityRecognizer.bundled().recognize("RUSSIA AND GERMANY SIGN TRADE PACT IN MOSCOW .")
        let locations = Set(entities.filter { $0.type == .location }.map(\.canonical))
        #expect(locations == ["RUSSIA", "GERMANY", "MOSCOW"])
        #expect(!entities.contains { ["SIGN", "TRADE", "PACT"].contains($0.canonical) })
    }

    @Test func acronymMergesWithFullName() throws {
        let text = "The United States imposed tariffs. The U.S. Treasury said U.S. firms would pay."
        let entities = try EntityRecognizer.bundled().recognize(text)
        let us = try #require(entities.first { $0.canonical == "United States" })
        #expect(us.mentions.count >= 2)
    }
}
