import Foundation
import Testing
@testable import Normalization

@Suite struct HTMLExtractionTests {
    let normalizer = Normalizer()

    static let page = """
    <!DOCTYPE html>
    <html lang="en"><head>
    <meta charset="utf-8">
    <title>Port fire forces evacuation | The Daily Example</title>
    <meta property="og:title" content="Port fire forces evacuation &amp; road closures">
    <meta property="og:site_name" content="The Daily Example">
    <meta property="article:published_time" content="2026-03-04T09:15:00+01:00">
    <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Port fire","datePublished":"2026-03-04T09:15:00+01:00","author":[{"@type":"Person","name":"Maria Lopez"}]}</script>
    <script>window.dataLayer = [{"p": "<p>not text</p>"}];</script>
    <style>.x { color: red } p { margin: 0 }</style>
    </head><body>
    <div id="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
    <header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>
    <main>
    <article>
      <h1>Port fire forces evacuation</h1>
      <div class="byline">By <a rel="author" href="/maria">Maria Lopez</a> | <time datetime="2026-03-04T09:15:00+01:00">4 March 2026</time></div>
      <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
      <figure><img src="fire.jpg"><figcaption>Smoke rises over the port on Tuesday. Photo: J. Doe</figcaption></figure>
      <div class="article-body">
        <p>A fire at a warehouse near the port forced the evacuation of 300 people on Tuesday, officials said. Firefighters worked through the night&nbsp;to keep the flames away from a chemical plant.</p>
        <!-- <p>Commented out paragraph</p> -->
        <p>&ldquo;We were lucky,&rdquo; said the fire chief, Ana&#769;lia Ru&iacute;z &#8212; who has led the service for 12 years. &#x201C;It could have been much worse.&#x201D;</p>
        <div class="newsletter-signup"><p>Sign up for our daily newsletter to get the best stories in your inbox every morning.</p></div>
        <p>Roads around the harbour were closed&hellip; and ferries were delayed by up to three hours, the port authority said in a statement.
        <p>Investigators have not yet determined the cause of the fire, which broke out shortly after midnight.</p>
        <aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Another fire last year</a></li><li><a href="/b">Port expansion plans</a></li></ul></aside>
        <div class="ad-container">Advertisement</div>
      </div>
    </article>
    </main>
    <footer><p>&copy; 2026 The Daily Example. All rights reserved.</p></footer>
    </body></html>
    """

    @Test func wholePageExtraction() throws {
        let n = try normalizer.normalize(RawText(title: nil, body: Self.page, isHTML: true))
        #expect(n.title == "Port fire forces evacuation")
        #expect(n.publishedAtISO8601 == "2026-03-04T08:15:00Z")
        #expect(n.byline == "Maria Lopez")
        #expect(n.credit == "The Daily Example")
        #expect(n.language == "en")
        let expected = [
            "A fire at a warehouse near the port forced the evacuation of 300 people on Tuesday, officials said. Firefighters worked through the night to keep the flames away from a chemical plant.",
            "\u{201C}We were lucky,\u{201D} said the fire chief, An\u{00E1}lia Ru\u{00ED}z \u{2014} who has led the service for 12 years. \u{201C}It could have been much worse.\u{201D}",
            "Roads around the harbour were closed\u{2026} and ferries were delayed by up to three hours, the port authority said in a statement.",
            "Investigators have not yet determined the cause of the fire, which broke out shortly after midnight.",
        ]
        #expect(n.text == expected.joined(separator: "\n\n"))
        #expect(n.paragraphs.count == 4)
    }

    @Test func fragmentWithoutContainers() throws {
        let n = try normalizer.normalize(RawText(title: "Given &amp; kept", body: "<p>First&nbsp;para.</p><p>Second<br>line &amp; more.</p>", isHTML: true))
        #expect(n.title == "Given & kept")
        #expect(n.text == "First para.\n\nSecond\nline & more.")
    }

    @Test func titleFallbacks() throws {
        let og = try normalizer.normalize(RawText(title: nil, body: "<html><head><meta property=\"og:title\" content=\"OG &amp; title\"><title>Doc title | Site</title></head><body><p>Body text here.</p></body></html>", isHTML: true))
        #expect(og.title == "OG & title")
        let doc = try normalizer.normalize(RawText(title: nil, body: "<html><head><title>Doc title here | Site</title></head><body><p>Body text here.</p></body></html>", isHTML: true))
        #expect(doc.title == "Doc title here")
    }

    @Test func brokenMarkupIsTolerated() throws {
        let html = "<div><p>Unclosed <b>bold <i>italic</p><p>Next para with <a href='x>broken attr</a> text.</div></span></span><p>Last & final &unknown; &#99999999; para"
        let n = try normalizer.normalize(RawText(title: "T", body: html, isHTML: true))
        #expect(n.text.contains("Unclosed bold italic"))
        #expect(n.text.contains("Last & final &unknown; \u{FFFD} para"))
    }

    @Test func metaAndJSONLDDatesAndAuthors() throws {
        let html = """
        <html><head><script type="application/ld+json">{"@graph":[{"@type":"WebSite"},{"@type":"NewsArticle","datePublished":"2025-12-31T23:30:00-05:00","author":{"@type":"Person","name":"Sam Reed"}}]}</script></head>
        <body><article><p>The new year arrived with fireworks over the river, and crowds stayed out late.</p></article></body></html>
        """
        let n = try normalizer.normalize(RawText(title: "T", body: html, isHTML: true))
        #expect(n.publishedAtISO8601 == "2026-01-01T04:30:00Z")
        #expect(n.byline == "Sam Reed")
    }

    @Test func plainBodyThatIsAPageIsTreatedAsHTML() throws {
        let n = try normalizer.normalize(RawText(title: "T", body: "<!doctype html><html><body><p>Hello &amp; welcome to the page.</p></body></html>", isHTML: false))
        #expect(n.text == "Hello & welcome to the page.")
    }

    @Test func entityDecoding() {
        #expect(HTMLEntities.decode("&amp;&lt;&gt;&quot;&apos;&nbsp;&eacute;&#233;&#xE9;&#X00E9;&rsquo;&mdash;&euro;&NotEqualTilde;") == "&<>\"'\u{00A0}\u{00E9}\u{00E9}\u{00E9}\u{00E9}\u{2019}\u{2014}\u{20AC}\u{2242}\u{0338}")
        #expect(HTMLEntities.decode("&#150;&#146;&#0;&#xD800;") == "\u{2013}\u{2019}\u{FFFD}\u{FFFD}")
        #expect(HTMLEntities.decode("&amp &copy2026 &nosuch; & x") == "& \u{00A9}2026 &nosuch; & x")
    }
}
