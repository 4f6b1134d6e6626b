import Testing
@testable import Normalization

/// `wirectl eval extraction --explain`: names the element the text came from, its rivals and the kept blocks.
@Suite struct ExtractionExplanationTests {
    @Test func namesTheChosenElementAndTheKeptBlocks() {
        let html = """
            <html><body><nav class="menu"><a href="/">Home</a></nav>
            <div class="story-text"><p>The council voted on Tuesday to close the old bridge to cars, ending a long debate.</p>
            <p>Engineers said the steel frame, built in 1931, could no longer carry heavy traffic safely.</p></div>
            <div class="sidebar"><p>Sign up for our newsletter to get the news every morning, for free.</p></div>
            </body></html>
            """
        let report = ExtractionExplanation.explain(html)
        #expect(report.contains("<div class=\"story-text\">"))
        #expect(report.contains("candidates"))
        #expect(report.contains("The council voted on Tuesday"))
        let kept = report.components(separatedBy: "chosen blocks:").last ?? ""
        #expect(!kept.contains("newsletter"))
    }

    @Test func emptyPage() {
        #expect(ExtractionExplanation.explain("") == "empty page")
    }
}
