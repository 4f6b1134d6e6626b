import Foundation
import Testing
@testable import Normalization

/// One small page per failure class of issue 18 (written for the project): the article must come out whole,
/// the furniture around it must not.
@Suite struct ExtractionFailureClassTests {
    let normalizer = Normalizer()

    static let story = [
        "The city council voted on Tuesday to close the old harbour bridge to cars from next spring, ending a debate that has run for more than a decade.",
        "Engineers told the council that the steel frame, built in 1931, could no longer carry heavy traffic safely, and that repairs would cost more than a new crossing.",
        "Cyclists and pedestrians will still be able to use the bridge, which will get a new deck of timber and a lower speed limit for delivery bikes.",
        "Shop owners on the north bank said they feared losing customers, but the mayor promised a free shuttle bus during the two years of building work.",
    ]

    static let furniture = """
        <div class="sidebar-links"><ul><li><a href="/a">Weather</a></li><li><a href="/b">Sport results</a></li><li><a href="/c">Letters to the editor</a></li></ul></div>
        """

    static func page(body: String, bodyAttributes: String = "") -> String {
        """
        <!DOCTYPE html><html lang="en"><head><title>Council closes bridge to cars | The Example Post</title></head>
        <body\(bodyAttributes)>
        <nav class="menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
        \(body)
        \(furniture)
        <footer><p>Copyright The Example Post. All rights reserved.</p></footer>
        </body></html>
        """
    }

    static func paragraphs(_ texts: [String]) -> String { texts.map { "<p>\($0)</p>" }.joined(separator: "\n") }

    func expectStory(_ html: String, _ expected: [String] = ExtractionFailureClassTests.story, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let n = try normalizer.normalize(RawText(title: nil, body: html, isHTML: true))
        #expect(n.text == expected.joined(separator: "\n\n"), sourceLocation: sourceLocation)
    }

    @Test func elementorWidgetWrappers() throws {
        try expectStory(Self.page(body: """
            <div class="elementor-widget elementor-widget-theme-post-content"><div class="elementor-widget-container">
            \(Self.paragraphs(Self.story))
            </div></div>
            """))
    }

    @Test func drupalFieldLabelHidden() throws {
        try expectStory(Self.page(body: """
            <div class="field field-name-body field-type-text-with-summary field-label-hidden"><div class="field-items"><div class="field-item even">
            \(Self.paragraphs(Self.story))
            </div></div></div>
            """))
    }

    @Test func paywallClass() throws {
        try expectStory(Self.page(body: "<div class=\"ArticlePage-content paywall\">\(Self.paragraphs(Self.story))</div>"))
    }

    @Test func pageAdMarginsWrapper() throws {
        try expectStory(Self.page(body: "<div class=\"Page-ad-margins\"><main class=\"Page-main\">\(Self.paragraphs(Self.story))</main></div>"))
    }

    @Test func nativeAdvertisingWrapper() throws {
        try expectStory(Self.page(body: "<div class=\"story-page native-advertising\"><div class=\"story\">\(Self.paragraphs(Self.story))</div></div>"))
    }

    @Test func modalEnabledBody() throws {
        try expectStory(Self.page(body: "<div class=\"content\">\(Self.paragraphs(Self.story))</div>", bodyAttributes: " class=\"modal-enabled\""))
    }

    @Test func articleHeaderKeepsHeadlineAndBody() throws {
        let html = Self.page(body: """
            <article><header class="article-header"><h1>Council closes bridge to cars</h1></header>
            <div class="article-text">\(Self.paragraphs(Self.story))</div></article>
            """)
        let n = try normalizer.normalize(RawText(title: nil, body: html, isHTML: true))
        #expect(n.title == "Council closes bridge to cars")
        #expect(n.text == Self.story.joined(separator: "\n\n"))
    }

    @Test func furnitureNamedWrappers() throws {
        try expectStory(Self.page(body: """
            <div class="ad-wallpaper"><div class="share_wrapper"><div id="sidebar-layout"><div class="menu-page"><div class="meta">
            \(Self.paragraphs(Self.story))
            </div></div></div></div></div>
            """))
    }

    @Test func aspNetFormAroundThePage() throws {
        let html = """
            <!DOCTYPE html><html><head><title>Council closes bridge to cars</title></head><body>
            <form name="aspnetForm" method="post" action="./story.aspx?id=12" id="aspnetForm">
            <input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="dDwtMTA4MzE0MjEwNTs7Pg==" />
            <div id="header"><a href="/">Home</a> | <a href="/news">News</a></div>
            <div id="content">\(Self.paragraphs(Self.story))</div>
            <div id="footer"><a href="/privacy">Privacy</a></div>
            </form></body></html>
            """
        try expectStory(html)
    }

    @Test func articleSplitOverSiblingSections() throws {
        try expectStory(Self.page(body: """
            <div class="story">
            <section class="part">\(Self.paragraphs(Array(Self.story[0..<2])))</section>
            <div class="ad-slot">Advertisement</div>
            <section class="part">\(Self.paragraphs(Array(Self.story[2..<4])))</section>
            </div>
            <div class="related"><h3>Related</h3><ul><li><a href="/x">Ferry prices rise again</a></li><li><a href="/y">New tram line opens</a></li></ul></div>
            """))
    }

    @Test func listHeavyArticle() throws {
        let items = [
            "Check the tide tables before you set out, because the causeway floods quickly.",
            "Carry water and a charged phone, even on short walks along the cliffs.",
            "Keep dogs on a lead near the nesting grounds between April and July.",
            "Tell someone where you are going and when you expect to be back.",
            "Wear shoes with a good grip, since the rocks are slippery after rain.",
        ]
        let html = Self.page(body: """
            <div class="post"><p>Coastguards have issued five rules for walkers after a busy summer of rescues.</p>
            <ol>\(items.map { "<li>\($0)</li>" }.joined())</ol></div>
            """)
        try expectStory(html, ["Coastguards have issued five rules for walkers after a busy summer of rescues."] + items)
    }

    @Test func tableHeavyArticle() throws {
        let rows = [
            ("North district", "Turnout rose to 64 percent, the highest since the district was formed."),
            ("South district", "Turnout fell slightly, to 51 percent, after polling stations closed early."),
            ("East district", "Turnout held at 58 percent, the same as at the last election."),
            ("West district", "Turnout reached 61 percent, helped by a new station at the university."),
        ]
        let html = Self.page(body: """
            <div class="article"><p>Turnout varied widely across the four districts, the election office said on Monday.</p>
            <table><tr><th>District</th><th>Result</th></tr>\(rows.map { "<tr><td>\($0.0)</td><td>\($0.1)</td></tr>" }.joined())</table></div>
            """)
        let n = try normalizer.normalize(RawText(title: nil, body: html, isHTML: true))
        #expect(n.text.hasPrefix("Turnout varied widely"))
        for (district, result) in rows {
            #expect(n.text.contains(district))
            #expect(n.text.contains(result))
        }
        #expect(!n.text.contains("Letters to the editor"))
    }

    @Test func shortPlainTextNewsIsKept() throws {
        let items = [
            "Orbit Radio said on Tuesday it added 400,000 subscribers in the quarter, and expects to pass two million subscribers by the end of the year.",
            "Webmail users can now read their mail in the desktop program: log in once, and newsletters and contacts follow.",
            "The online storage service doubles its space for subscribers to 1 GB; copyright holders welcomed the new sharing limits.",
        ]
        for item in items {
            let n = try normalizer.normalize(RawText(title: "Short item", body: item, isHTML: false))
            #expect(n.text == item)
        }
    }

    // Classes found on the development pages after the first round (pages written for the project).

    @Test func photoGalleryInsideTheArticleIsNotText() throws {
        let captions = (1...6).map { "<div class=\"article-gallery-photo\"><div class=\"slide\">Picture \($0): volunteers clear the flooded riverside path on Saturday, a week after the storm.</div></div>" }
        try expectStory(Self.page(body: """
            <div class="story-area"><div class="story-text">\(Self.paragraphs(Array(Self.story[0..<2])))
            <div class="photo-gallery">\(captions.joined(separator: "\n"))</div>
            \(Self.paragraphs(Array(Self.story[2..<4])))</div></div>
            """))
    }

    @Test func secondCopyOfTheArticleIsKeptOnce() throws {
        try expectStory(Self.page(body: """
            <article><div class="story snippet-print hidden">\(Self.paragraphs(Self.story))</div>
            <div class="story snippet-screen">\(Self.paragraphs(Self.story))</div></article>
            """))
    }

    @Test func leadInItsOwnArticleElement() throws {
        try expectStory(Self.page(body: """
            <div id="story"><div class="lead-body"><article>\(Self.paragraphs(Array(Self.story[0..<1])))</article></div>
            <div class="inset"><img src="/map.png" alt=""></div>
            <div class="rest-body"><article>\(Self.paragraphs(Array(Self.story[1..<4])))</article></div></div>
            """))
    }

    @Test func teaserListBesideTheArticleIsDropped() throws {
        let teasers = [
            "The ferry company has raised its prices for the third time this year, blaming fuel costs.",
            "A new tram line to the airport opened on Monday, two years later than planned.",
            "The harbour museum will stay open late on Fridays through the summer, its director said.",
            "Volunteers planted 2,000 trees along the ring road over the weekend, the city said.",
        ]
        try expectStory(Self.page(body: """
            <div class="main-column"><div class="story-body">\(Self.paragraphs(Self.story))</div>
            \(teasers.map { "<div class=\"box-item\"><div>updated 9:14 AM, Tue May 6</div><div>\($0)</div></div>" }.joined(separator: "\n"))
            </div>
            """))
    }

    @Test func authorClassOnThePostWrapper() throws {
        let story = [Self.story[0], "The vote was nine to four.", Self.story[1], Self.story[2]]
        let html = Self.page(body: """
            <div class="post hentry author-jsmith"><p class="byline">By Jane Smith</p>
            <div class="entry-content">\(Self.paragraphs(story))</div></div>
            """)
        let n = try normalizer.normalize(RawText(title: nil, body: html, isHTML: true))
        #expect(n.text == story.joined(separator: "\n\n"))
        #expect(n.byline == "Jane Smith")
    }

    @Test func introAboveAQuotedPressRelease() throws {
        let release = Self.paragraphs(Array(Self.story[0..<3]))
        let intro = [
            "The city has published the full statement on the bridge below; the council's vote had been expected for weeks, said residents.",
            "Our reporter at the meeting said the vote was closer than the statement suggests, with several members abstaining.",
        ]
        try expectStory(Self.page(body: """
            <div class="post-body"><div class="entry-content">\(Self.paragraphs(intro))
            <div id="continued"><div id="pr-box"><div id="pr-inner">\(release)</div></div></div></div></div>
            """), intro + Array(Self.story[0..<3]))
    }
}
