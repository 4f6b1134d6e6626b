import Foundation
import Testing
@testable import Normalization

/// Headline, time, byline, language and canonical URL come from the page's own markup when it has them.
@Suite struct PageMetadataTests {
    let normalizer = Normalizer()
    static let body = """
        <p>The regional rail operator will run night trains between the two capitals from March, it said on Friday, after a trial last winter.</p>
        <p>Tickets go on sale next month, and sleeper cabins will cost about the same as a hotel room, the operator said.</p>
        """

    @Test func fromMetaTagsAndJSONLD() throws {
        let html = """
            <!DOCTYPE html><html lang="de-AT"><head><title>Night trains return | Rail Weekly</title>
            <meta property="og:title" content="Night trains return between capitals">
            <link rel="canonical" href="https://rail.example/news/night-trains">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-01-09T06:30:00Z","author":{"@type":"Person","name":"Eva Berger"}}</script>
            </head><body><div class="story">\(Self.body)</div></body></html>
            """
        let n = try normalizer.normalize(RawText(title: nil, body: html, isHTML: true))
        #expect(n.title == "Night trains return between capitals")
        #expect(n.publishedAtISO8601 == "2026-01-09T06:30:00Z")
        #expect(n.byline == "Eva Berger")
        #expect(n.canonicalURL == "https://rail.example/news/night-trains")
        #expect(n.language == "en")  // the detector wins on clearly English text; `lang` is a hint
    }

    @Test func fromArticleMarkup() throws {
        let html = """
            <!DOCTYPE html><html lang="en"><head><title>Night trains return - Rail Weekly</title>
            <meta name="author" content="By Tom Reed">
            <meta property="article:published_time" content="2026-01-09T07:30:00+01:00">
            <meta property="og:url" content="https://rail.example/n/2">
            </head><body><article><h1>Night trains return</h1>\(Self.body)</article></body></html>
            """
        let n = try normalizer.normalize(RawText(title: nil, body: html, isHTML: true))
        #expect(n.title == "Night trains return")
        #expect(n.publishedAtISO8601 == "2026-01-09T06:30:00Z")
        #expect(n.byline == "Tom Reed")
        #expect(n.canonicalURL == "https://rail.example/n/2")
    }

    @Test func fromTitleAndTimeElement() throws {
        let html = """
            <html><head><title>Night trains return between capitals | Rail Weekly</title></head>
            <body><div class="story"><p>The regional rail operator will run night trains between the two capitals from March, it said on
            <time datetime="2026-01-09T06:30:00Z">Friday</time>, after a trial last winter.</p>
            <p>Tickets go on sale next month, and sleeper cabins will cost about the same as a hotel room, the operator said.</p></div></body></html>
            """
        let n = try normalizer.normalize(RawText(title: nil, body: html, isHTML: true))
        #expect(n.title == "Night trains return between capitals")
        #expect(n.publishedAtISO8601 == "2026-01-09T06:30:00Z")
        #expect(n.canonicalURL == nil)
    }

    @Test func pageWithOnlyAHeadlineIsNotEmpty() throws {
        let n = try normalizer.normalize(RawText(title: nil, body: "<html><head><title>Polls close at eight</title></head><body></body></html>", isHTML: true))
        #expect(n.text == "Polls close at eight")
    }

    @Test func tenMegabytePageCompletesWithBoundedOutput() throws {
        var html = "<html><head><title>Big</title></head><body><div class=\"story\">"
        // Paragraphs differ (a number in each): a paragraph repeated word for word is dropped as a second copy.
        let junk = "<div class=\"promo\"><a href=\"/x\">Subscribe</a> <span class='x>unclosed quote</span></div><table><tr><td>cell"
        var k = 0
        while html.utf8.count < 10_000_000 {
            k += 1
            html += "<p>A long page keeps going with sentence \(k) about the weather, the roads and the harbour.</p>\n"
            html += junk
        }
        html += "</div></body></html>"
        let n = try normalizer.normalize(RawText(title: nil, body: html, isHTML: true))
        #expect(n.wordCount > 100_000)
        #expect(n.text.utf8.count < html.utf8.count)
    }

    @Test func deeplyNestedAndUnclosedMarkupCompletes() throws {
        let html = "<html><body>" + String(repeating: "<div><span class=\"a", count: 20_000) + "<p>Text at the bottom, finally.</p>"
        let n = try normalizer.normalize(RawText(title: nil, body: html, isHTML: true))
        #expect(n.wordCount >= 0)
    }
}
