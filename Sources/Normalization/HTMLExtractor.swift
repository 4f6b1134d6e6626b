import Foundation

/// What the HTML extractor found in a page.
public struct HTMLExtraction: Sendable {
    /// Article paragraphs (entities decoded, not yet Unicode-cleaned; U+2028 marks `<br>`).
    public var paragraphs: [String] = []
    /// The article's `<h1>` (the one inside the chosen text, else the page's first).
    public var h1: String?
    public var ogTitle: String?
    public var documentTitle: String?
    public var siteName: String?
    /// Candidate dates, best first (meta, JSON-LD, `<time>`).
    public var dates: [String] = []
    /// Candidate authors, best first.
    public var authors: [String] = []
    /// `<html lang>` value.
    public var lang: String?
    /// `<link rel=canonical>`, else `og:url`, else the JSON-LD article's `url`.
    public var canonicalURL: String?
    /// Whether the less selective extraction was used (the page showed no clear article).
    public var usedFallback = false
}

/// A tolerant, linear-time HTML article extractor (byte-level tokenizer, flat element table, no recursion).
///
/// `PageParser` reads elements, text blocks and metadata; `ContentSelection` picks the article's blocks
/// by text evidence (length, link density, punctuation, where the text concentrates) with the page's
/// markup as weak evidence (`MarkupEvidence`); JSON-LD `articleBody` stands in when the page's own
/// text yields much less than it.
public enum HTMLExtractor {
    /// Extracts the article from `html`.
    public static func extract(_ html: String) -> HTMLExtraction {
        var html = html
        return html.withUTF8 { buf in
            guard !buf.isEmpty else { return HTMLExtraction() }
            var parser = PageParser(buf: buf)
            parser.run()
            return finish(parser)
        }
    }

    static func finish(_ page: PageParser) -> HTMLExtraction {
        var result = HTMLExtraction()
        let meta = page.metadata
        let jsonLD = meta.readJSONLD()
        result.lang = meta.lang.flatMap { $0.isEmpty ? nil : $0 }
        result.documentTitle = meta.documentTitle
        result.ogTitle = meta.ogTitle ?? jsonLD.headline.map { UnicodeCleaner.singleLine($0) }.flatMap { $0.isEmpty ? nil : $0 }
        result.siteName = meta.siteName ?? jsonLD.publisher
        result.canonicalURL = meta.canonicalURL ?? meta.ogURL ?? jsonLD.url

        var dates = meta.metaDates
        for d in jsonLD.dates { dates.append((1, d)) }
        result.dates = dates.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element.value) + meta.timeDates

        let selection = ContentSelection.select(page)
        result.usedFallback = selection.fallback
        result.paragraphs = selection.blocks.map { page.string(page.blocks[$0]) }

        // The headline: the first <h1> inside the chosen element, else the page's first <h1>.
        var firstH1: String?
        var containerH1: String?
        for b in page.blocks where b.tag == .h1 {
            let text = UnicodeCleaner.singleLine(page.string(b))
            guard !text.isEmpty else { continue }
            if firstH1 == nil { firstH1 = text }
            let node = Int(b.node)
            if containerH1 == nil, selection.container > 0,
               node == selection.container || ContentSelection.isInside(node, selection.container, page.nodes) {
                containerH1 = text
            }
        }
        result.h1 = containerH1 ?? firstH1

        var authors = meta.metaAuthors
        // JSON-LD lists co-authors in one `author` array: they make one byline ("A, B"), not alternatives.
        var jsonLDSeen = Set<String>()
        let jsonLDAuthors = jsonLD.authors.filter { jsonLDSeen.insert($0).inserted }
        if !jsonLDAuthors.isEmpty { authors.append((0, jsonLDAuthors.joined(separator: ", "))) }
        for a in authorTexts(page) { authors.append((5, a)) }
        var seen = Set<String>()
        result.authors = authors.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
            .map(\.element.value).filter { seen.insert($0).inserted }

        // JSON-LD articleBody stands in when the page's text gives much less than it.
        if let body = jsonLD.articleBody {
            let bodyParagraphs = UnicodeCleaner.paragraphs(body)
            let bodyChars = bodyParagraphs.reduce(0) { $0 + $1.utf8.count }
            let extractedChars = result.paragraphs.reduce(0) { $0 + $1.utf8.count }
            if bodyChars >= 400, Double(extractedChars) < 0.5 * Double(bodyChars) {
                result.paragraphs = bodyParagraphs
            }
        }
        return result
    }

    /// Texts of blocks inside author markup (`rel=author`, `itemprop=author`, byline classes).
    static func authorTexts(_ page: PageParser) -> [String] {
        var out: [String] = []
        for b in page.blocks where b.chars <= PageParser.longestAuthorLine && page.isAuthorLine(b) {
            out.append(page.string(b))
            if out.count >= 4 { break }
        }
        return out
    }
}
