import Digest
import Foundation
import Testing
@testable import Normalization

@Suite struct WireTextTests {
    let normalizer = Normalizer()

    func seedArticle() throws -> String {
        let url = try #require(Bundle.module.url(forResource: "seed-article", withExtension: "txt", subdirectory: "Golden"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    @Test func seedArticleMetadataAndBody() throws {
        let n = try normalizer.normalize(RawText(title: nil, body: try seedArticle(), isHTML: false))
        #expect(n.publishedAtISO8601 == "2026-02-05T07:37:00Z")
        #expect(n.byline == "Nazrin Abdul")
        #expect(n.credit == "Azernews")
        #expect(n.language == "en")
        #expect(n.languageConfidence > 0.9)
        #expect(!n.text.contains("Read more"))
        #expect(!n.text.contains("2026-02-05"))
        #expect(!n.text.contains("Azernews"))
        #expect(!n.text.contains("citing foreign media"))
        #expect(n.text.hasPrefix("In a phone call with US President Donald Trump on Wednesday"))
        #expect(n.text.contains("urging caution over US arms sales to the self-governed island.\n\nXi stressed"))
        #expect(n.title.hasPrefix("In a phone call with US President Donald Trump"))
        #expect(n.title.unicodeScalars.count <= 200)
        #expect(n.paragraphs.count == 8)
        #expect(n.wordCount > 300)
        #expect(n.contentHash == SHA256.hex(TextFolding.fold(n.text)))
        #expect(n.contentHash.count == 64)
    }

    @Test func seedArticleKeepsGivenTitle() throws {
        let n = try normalizer.normalize(RawText(title: "Xi tells Trump Taiwan is &quot;most important issue&quot;", body: try seedArticle(), isHTML: false, publishedAt: "2026-02-06T00:00:00Z"))
        #expect(n.title == "Xi tells Trump Taiwan is \"most important issue\"")
        // The text's own full timestamp wins over the feed's.
        #expect(n.publishedAtISO8601 == "2026-02-05T07:37:00Z")
    }

    @Test func reutersDatelineWithoutYearKeepsFeedDate() throws {
        let body = "LONDON, Aug 30 (Reuters) - Britain's economy grew by 0.5 percent in the second quarter, official figures showed on Friday.\n\nThe figure was in line with forecasts."
        let n = try normalizer.normalize(RawText(title: "UK economy grows", body: body, isHTML: false, publishedAt: "1996-08-30T09:12:00Z"))
        #expect(n.dateline == "LONDON, Aug 30")
        #expect(n.credit == "Reuters")
        #expect(n.text.hasPrefix("Britain's economy grew by 0.5 percent"))
        #expect(n.publishedAtISO8601 == "1996-08-30T09:12:00Z")
        let noFeed = try normalizer.normalize(RawText(title: "UK economy grows", body: body, isHTML: false))
        #expect(noFeed.publishedAt == nil)
    }

    @Test(arguments: [
        ("QUITO, Ecuador, Aug 23 (Reuters) -- Ecuador's President spoke.", "QUITO, Ecuador, Aug 23", "Ecuador's President spoke."),
        ("NEW YORK (Reuters) \u{2013} Stocks rose on Monday.", "NEW YORK", "Stocks rose on Monday."),
        ("JACKSONVILLE, Fla., Aug 28 (Reuters) \u{2014} A bank said it settled.", "JACKSONVILLE, Fla., Aug 28", "A bank said it settled."),
        ("WASHINGTON (AP) \u{2014} The Senate voted on Tuesday.", "WASHINGTON", "The Senate voted on Tuesday."),
        ("PARIS, 30 August 2026 (AFP) - Le gouvernement a annoncé mardi.", "PARIS, 30 August 2026", "Le gouvernement a annoncé mardi."),
        ("MADRID, 3 feb (EFE).- El Gobierno aprobó la reforma.", "MADRID, 3 feb", "El Gobierno aprobó la reforma."),
        ("МОСКВА, 5 февраля. /ТАСС/. Правительство одобрило программу.", "МОСКВА, 5 февраля", "Правительство одобрило программу."),
    ])
    func datelines(_ input: (String, String, String)) throws {
        let n = try normalizer.normalize(RawText(title: "T", body: input.0, isHTML: false))
        #expect(n.dateline == input.1)
        #expect(n.text == input.2)
    }

    @Test func titleCaseAndBarePlaceDatelines() throws {
        let a = try normalizer.normalize(RawText(title: "T", body: "By Luke Baker\n\nDakar, August 29 (Reuters) - Tension is rising.", isHTML: false))
        #expect(a.dateline == "Dakar, August 29")
        #expect(a.byline == "Luke Baker")
        #expect(a.text == "Tension is rising.")
        let b = try normalizer.normalize(RawText(title: "T", body: "BANGKOK\n\nThailand has launched a manhunt.", isHTML: false))
        #expect(b.dateline == "BANGKOK")
        #expect(b.text == "Thailand has launched a manhunt.")
        // A title-case phrase with a dash but no date or agency is not a dateline.
        let c = try normalizer.normalize(RawText(title: "T", body: "Barrington Research - an upgrade today.", isHTML: false))
        #expect(c.dateline == nil)
        // A caps banner followed by lower case is not a dateline either.
        let d = try normalizer.normalize(RawText(title: "T", body: "DIGITAL EDITION \u{2014} news from our partners\n\nThe story.", isHTML: false))
        #expect(d.dateline == nil)
    }

    @Test func subscriptionAndLegalFootersDropped() throws {
        let body = "The story ends here.\n\nYou are reading a digital edition story. Sign up for our morning briefing in your inbox. Already a subscriber? Content may not be copied without permission. Terms of use apply."
        let n = try normalizer.normalize(RawText(title: "T", body: body, isHTML: false))
        #expect(n.text == "The story ends here.")
        let keep = try normalizer.normalize(RawText(title: "T", body: "The union said members would subscribe to the plan.\n\nIt ends.", isHTML: false))
        #expect(keep.text.hasPrefix("The union said"))
    }

    @Test func chineseAgencyDateline() throws {
        let n = try normalizer.normalize(RawText(title: nil, body: "新华社北京2月5日电 国家统计局发布数据。", isHTML: false))
        #expect(n.dateline == "北京2月5日")
        #expect(n.credit == "新华社")
        #expect(n.text == "国家统计局发布数据。")
        #expect(n.language == "zh")
    }

    @Test func datelineWithYearGivesDay() throws {
        let n = try normalizer.normalize(RawText(title: "T", body: "PARIS, Aug. 30, 2025 (AFP) - Something happened in Paris today.", isHTML: false))
        #expect(n.dateline == "PARIS, Aug. 30, 2025")
        #expect(n.credit == "AFP")
        #expect(n.publishedAtISO8601 == "2025-08-30T00:00:00Z")
    }

    @Test func splitDatelineBylineNotesAndTrailer() throws {
        let body = """
        By John Chalmers

        (Updates with details, quotes)

        CHESAPEAKE, Va.

        , Aug 23 (Reuters) \u{2014} A neighbour invaded a home, police said.

        The man was arrested.

        (Reporting by Luke Baker; Editing by Clare Fallon)
        """
        let n = try normalizer.normalize(RawText(title: "Police", body: body, isHTML: false))
        #expect(n.byline == "John Chalmers")
        #expect(n.dateline == "CHESAPEAKE, Va., Aug 23")
        #expect(n.credit == "Reuters")
        #expect(n.text == "A neighbour invaded a home, police said.\n\nThe man was arrested.")
    }

    @Test func headerBeforeDatelineAndCopyrightFooterDropped() throws {
        let body = """
        Distributed by a partner service for subscribing newsrooms only.

        ATHENS, Aug 22 (Reuters) - The party gave the green light to snap elections.

        Copyright 1996 Reuters Limited. All rights reserved. This story is supplied for internal use.
        """
        let n = try normalizer.normalize(RawText(title: nil, body: body, isHTML: false))
        #expect(n.text == "The party gave the green light to snap elections.")
        #expect(n.dateline == "ATHENS, Aug 22")
    }

    @Test func trailerGivesBylineWhenNoneElse() throws {
        let n = try normalizer.normalize(RawText(title: "T", body: "Prices rose.\n\n(Reporting by Luke Baker in London; Editing by Clare Fallon)", isHTML: false))
        #expect(n.byline == "Luke Baker")
        #expect(n.text == "Prices rose.")
    }

    @Test func headlineLineBecomesTitleWhenMissing() throws {
        let body = "Cholera kills 21 in southern Nigeria\n\nLAGOS, May 28 (Reuters) - An outbreak of cholera has killed 21 people."
        let n = try normalizer.normalize(RawText(title: nil, body: body, isHTML: false))
        #expect(n.title == "Cholera kills 21 in southern Nigeria")
        #expect(n.text == "An outbreak of cholera has killed 21 people.")
        #expect(n.dateline == "LAGOS, May 28")
    }

    @Test func repeatedTitleIsDropped() throws {
        let n = try normalizer.normalize(RawText(title: "Cholera kills 21", body: "Cholera Kills 21\n\nAn outbreak killed 21 people.", isHTML: false))
        #expect(n.text == "An outbreak killed 21 people.")
    }

    @Test func boilerplateLinesDropped() throws {
        let body = "Advertisement\n\nThe vote passed.\n\nRead more: Other story here\n\nShare this article\n\nIt was close."
        let n = try normalizer.normalize(RawText(title: "T", body: body, isHTML: false))
        #expect(n.text == "The vote passed.\n\nIt was close.")
    }

    @Test func reportedByOthersIsNotStripped() throws {
        let body = "Drugs were rushed to the area, the News Agency of Nigeria reported on Saturday. Officials said so, Reuters reported."
        let n = try normalizer.normalize(RawText(title: "T", body: body, isHTML: false))
        #expect(n.text == body)
    }

    @Test func emptyDocumentsThrow() {
        #expect(throws: NormalizationError.self) { try normalizer.normalize(RawText(title: nil, body: "", isHTML: false)) }
        #expect(throws: NormalizationError.self) { try normalizer.normalize(RawText(title: "x", body: " \n\u{200B}\u{00AD}\n ", isHTML: false)) }
        #expect(throws: NormalizationError.self) { try normalizer.normalize(RawText(title: nil, body: "<html><script>x</script></html>", isHTML: true)) }
    }

    @Test func plainTextEntitiesDecodedOnlyWhenComplete() throws {
        let n = try normalizer.normalize(RawText(title: "T", body: "AT&T said it&#8217;s &quot;fine&quot; &amp; Q&A &para", isHTML: false))
        #expect(n.text == "AT&T said it\u{2019}s \"fine\" & Q&A &para")
    }
}
