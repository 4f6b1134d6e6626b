import ArticleSchema

/// RSS 2.0 (and 0.9x, and RSS 1.0 / RDF): one story per `item`. Body from `content:encoded`, else `description`
/// (escaped HTML or CDATA, kept as HTML); dates from `pubDate` or Dublin Core `dc:date`.
enum RSSReader {
    static let contentModule = "http://purl.org/rss/1.0/modules/content/"
    static let dublinCore = "http://purl.org/dc/elements/1.1/"

    static func read(_ root: XMLElement) throws(XMLReaderError) -> XMLReaderOutput {
        guard root.is("rss") || root.is("RDF") || root.is("channel") else { throw .unexpectedRoot(root, expected: "<rss> or <rdf:RDF>") }
        let channel = root.is("channel") ? root : root.child("channel")
        // RSS 2.0 nests items in the channel; RSS 1.0 puts them beside it
        let items = (channel?.children("item") ?? []) + (root.is("RDF") ? root.children("item") : [])
        let language = channel?.child("language")?.trimmedText ?? channel.flatMap { dc($0, "language") }?.trimmedText
            ?? channel?.inheritedLanguage ?? root.inheritedLanguage
        let feedTitle = channel?.child("title")?.trimmedText
        return XMLReaderOutput(stories: items.map { story($0, language: language, feedTitle: feedTitle) })
    }

    static func story(_ item: XMLElement, language: String?, feedTitle: String?) -> WireStory {
        var s = WireStory()
        let link = item.children("link").first { $0.namespaceURI == nil || $0.namespaceURI?.contains("purl.org/rss") == true }?.trimmedText
        s.guid = item.child("guid")?.trimmedText ?? link ?? item.attribute("about")
        s.url = link ?? item.child("guid").flatMap { g in g.attribute("isPermaLink") != "false" ? g.trimmedText : nil }
        s.title = item.child("title")?.trimmedText
        s.publishedAt = WireDate.normalize(item.child("pubDate")?.trimmedText)
            ?? WireDate.normalize(dc(item, "date")?.trimmedText)
            ?? WireDate.normalize(item.child("published")?.trimmedText)
        s.language = dc(item, "language")?.trimmedText ?? item.inheritedLanguage ?? language
        s.byline = dc(item, "creator")?.trimmedText ?? item.child("author")?.trimmedText
        s.source = item.child("source")?.trimmedText ?? feedTitle
        for category in item.children("category") + (dc(item, "subject").map { [$0] } ?? []) {
            if let name = category.trimmedText.map(WireText.plainLine) { s.subjects.append(ArticleRecord.Subject(code: nil, name: name)) }
        }
        let encoded = item.children("encoded").first { $0.namespaceURI == contentModule }
        for candidate in [encoded, item.child("description")] {
            guard let candidate, let body = FeedBody.read(candidate) else { continue }
            s.body = body.text
            s.bodyIsHTML = body.isHTML
            break
        }
        return s
    }

    /// A Dublin Core child element.
    static func dc(_ element: XMLElement, _ name: StaticString) -> XMLElement? {
        element.children(name).first { $0.namespaceURI == dublinCore }
    }
}

/// The body of a feed element: escaped or CDATA HTML as HTML, inline XHTML serialized, plain text as text.
enum FeedBody {
    static func read(_ element: XMLElement, declaredType: String? = nil) -> (text: String, isHTML: Bool)? {
        if element.hasElementChildren {
            let container = element.children.first { $0.isIgnoringCase("div") } ?? element
            guard let html = BodyMarkup.html(of: container, headline: nil) else { return nil }
            return (html, true)
        }
        let text = element.text
        guard WireText.hasVisibleText(text) else { return nil }
        let type = (declaredType ?? "").lowercased()
        if type == "text" { return (text, false) }
        return (text, type.contains("html") || WireText.containsMarkup(text))
    }
}
