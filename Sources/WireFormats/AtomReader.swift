import ArticleSchema

/// Atom 1.0 (`http://www.w3.org/2005/Atom`): one story per `entry`. Body from `content`, else `summary`
/// (`type` text, html or xhtml); `published` is the first publication (else `updated`), `updated` the version time.
enum AtomReader {
    static func read(_ root: XMLElement) throws(XMLReaderError) -> XMLReaderOutput {
        guard root.is("feed") || root.is("entry") else { throw .unexpectedRoot(root, expected: "<feed>") }
        let entries = root.is("entry") ? [root] : root.children("entry")
        let feedTitle = root.is("feed") ? root.child("title")?.trimmedText : nil
        let feedAuthor = root.is("feed") ? root.path("author", "name")?.trimmedText : nil
        return XMLReaderOutput(stories: entries.map { story($0, feedTitle: feedTitle, feedAuthor: feedAuthor) })
    }

    static func story(_ entry: XMLElement, feedTitle: String?, feedAuthor: String?) -> WireStory {
        var s = WireStory()
        s.guid = entry.child("id")?.trimmedText
        let links = entry.children("link")
        s.url = (links.first { ($0.attribute("rel") ?? "alternate") == "alternate" } ?? links.first)?.attribute("href")
        if let title = entry.child("title") {
            let type = (title.attribute("type") ?? "text").lowercased()
            s.title = type == "text" ? title.trimmedText : (FeedBody.read(title, declaredType: type)?.text).map(WireText.plainLine)
        }
        // Atom 0.3 names them modified / issued
        let updated = WireDate.normalize((entry.child("updated") ?? entry.child("modified"))?.trimmedText)
        s.publishedAt = WireDate.normalize((entry.child("published") ?? entry.child("issued"))?.trimmedText) ?? updated
        s.updatedAt = updated
        let content = entry.child("content")
        s.language = (content ?? entry).inheritedLanguage
        s.byline = entry.children("author").compactMap { $0.child("name")?.trimmedText }.joined(separator: ", ").nilIfEmpty ?? feedAuthor
        s.source = entry.path("source", "title")?.trimmedText ?? feedTitle
        for category in entry.children("category") {
            let term = category.attribute("term")
            let label = category.attribute("label")
            if term != nil || label != nil { s.subjects.append(ArticleRecord.Subject(code: nil, name: label ?? term)) }
        }
        for candidate in [content, entry.child("summary")] {
            guard let candidate, candidate.attribute("src") == nil,
                let body = FeedBody.read(candidate, declaredType: candidate.attribute("type") ?? "text")
            else { continue }
            s.body = body.text
            s.bodyIsHTML = body.isHTML
            break
        }
        return s
    }
}
