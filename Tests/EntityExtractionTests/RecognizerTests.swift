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

    @Test func sentenceLongerThanTheWordCacheIsTaggedInPieces() throws {
        // 20,000 distinct words and no sentence end: more than the per-thread word cache holds.
        let words = (0..<20_000).map { "w\($0)x" }
        let text = "Officials in Berlin said " + words.joined(separator: " ") + " according to Angela Merkel"
        let entities = try EntityRecognizer.bundled().recognize(text)
        #expect(entities.contains { $0.canonical == "Berlin" })
        #expect(entities.contains { $0.canonical == "Angela Merkel" })
        // The model still works on ordinary text afterwards.
        #expect(try EntityRecognizer.bundled().recognize("Angela Merkel visited Paris.").contains { $0.canonical == "Paris" })
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

@Suite struct RealTextTests {
    @Test func titleCaseHeadlineKeepsItsNames() throws {
        let text = "Militants In Iraq Kill UK Hostage, Video Shows\n\nBAGHDAD (Reuters) - Militants in Iraq killed a British hostage."
        let entities = try EntityRecognizer.bundled().recognize(text)
        let iraq = try #require(entities.first { $0.canonical == "Iraq" })
        #expect(iraq.type == .location)
        #expect(iraq.mentions.count == 2)
        // common title words are not names
        #expect(!entities.contains { $0.canonical.contains("Kill") || $0.canonical.contains("Shows") })
    }

    @Test func spacedCliticsAndListNumbersStayWhole() {
        let tokens = Tokenizer.tokenize("at Lord 's , I 'm sure\n3. Maria Rossi ( Italy ) finished 3.")
        #expect(tokens.map(\.text) == ["at", "Lord", "'s", ",", "I", "'m", "sure", "3.", "Maria", "Rossi", "(", "Italy", ")", "finished", "3", "."])
    }

    @Test func wideGapsSeparateSentences() {
        let tokens = Tokenizer.tokenize("By THOMAS WAGNER     LONDON (AP) -- The images")
        let sentences = Tokenizer.sentences(tokens)
        #expect(sentences.count == 2)
        #expect(tokens[sentences[1].lowerBound].text == "LONDON")
    }

    @Test func tokenizerKeepsAbbreviationsAndSplitsPunctuation() {
        let text = "The U.S. firm's Feb. 5 deal—worth $11bn—closed (finally)."
        let tokens = Tokenizer.tokenize(text)
        #expect(tokens.map(\.text) == ["The", "U.S.", "firm", "'s", "Feb.", "5", "deal", "-", "worth", "$", "11bn", "-", "closed", "(", "finally", ")", "."])
        for t in tokens { #expect(Tokenizer.normalize(text.scalars(t.start, t.end)) == t.text) }
    }
}
