import ArticleSchema

/// NewsML 1.x (IPTC; no namespace or `http://iptc.org/std/NewsML/2003-10-10/`): one story per `NewsItem` that
/// carries text. The story is spread over nested `NewsComponent`s whose `Role` says what each part is; the body is
/// the first text `ContentItem` in a body role (else the first text in no excluded role), with a `Lead` in the same
/// component group before it. Photo items with only a caption give none; cancelled or killed items give tombstones.
enum NewsML1Reader {
    static func read(_ root: XMLElement) throws(XMLReaderError) -> XMLReaderOutput {
        let items = root.is("NewsItem") ? [root] : root.descendants("NewsItem")
        guard root.is("NewsML") || root.is("NewsItem") || !items.isEmpty else { throw .unexpectedRoot(root, expected: "<NewsML>") }
        var output = XMLReaderOutput()
        let envelopeProvider = root.path("NewsEnvelope", "SentFrom", "Party")?.attribute("FormalName")
        for item in items {
            if let story = story(item, envelopeProvider: envelopeProvider) { output.stories.append(story) }
        }
        return output
    }

    static func story(_ item: XMLElement, envelopeProvider: String?) -> WireStory? {
        var s = WireStory()
        let identification = item.path("Identification", "NewsIdentifier")
        let management = item.child("NewsManagement")
        if let id = identification {
            let provider = id.child("ProviderId")?.trimmedText
            let date = id.child("DateId")?.trimmedText
            let itemID = id.child("NewsItemId")?.trimmedText
            if let provider, let date, let itemID {
                s.guid = "urn:newsml:\(provider):\(date):\(itemID)"  // without the revision: stable across versions
            } else {
                s.guid = id.child("PublicIdentifier")?.trimmedText
            }
            s.version = id.child("RevisionId")?.trimmedText
            s.source = provider
        }
        let updated = WireDate.normalize(management?.child("ThisRevisionCreated")?.trimmedText)
        s.publishedAt = WireDate.normalize(management?.child("FirstCreated")?.trimmedText) ?? updated
        s.updatedAt = updated
        let status = (management?.child("Status")?.attribute("FormalName") ?? "").lowercased()
        let type = (management?.child("NewsItemType")?.attribute("FormalName") ?? "").lowercased()
        s.deleted = ["canceled", "cancelled", "killed", "kill", "withdrawn", "deleted", "delete"].contains(status)
            || type.contains("kill") || type.contains("withdraw") || type.contains("delete")

        let lines = item.firstDescendant("NewsLines")
        s.title = item.descendants("HeadLine").lazy.compactMap(\.trimmedText).first
        s.byline = lines?.child("ByLine")?.trimmedText
        s.dateline = lines?.child("DateLine")?.trimmedText
        s.language = item.firstDescendant("Language")?.attribute("FormalName") ?? item.inheritedLanguage
        if let party = item.firstDescendant("AdministrativeMetadata")?.path("Provider", "Party")?.attribute("FormalName") { s.source = party }
        s.source = s.source ?? envelopeProvider
        for code in item.descendants("SubjectCode") {
            for subject in code.children where subject.is("Subject") || subject.is("SubjectMatter") || subject.is("SubjectDetail") {
                if let name = subject.attribute("FormalName") { s.subjects.append(ArticleRecord.Subject(code: "subj:\(name)", name: nil)) }
            }
        }
        if let url = item.descendants(where: { $0.is("Property") && $0.attribute("FormalName")?.lowercased() == "url" }).first?.attribute("Value") {
            s.url = url
        }

        if s.deleted { return s }
        guard let (body, isHTML, inlineHeadline) = body(item, headline: s.title) else { return nil }
        s.body = body
        s.bodyIsHTML = isHTML
        if s.title == nil { s.title = inlineHeadline }
        return s
    }

    /// Roles whose content is not the story text.
    static let excludedRoles: Set<String> = [
        "title", "headline", "abstract", "summary", "stylesheet", "contact", "caption", "logo", "tweettext", "keywords",
        "byline", "short", "slugline", "teaser", "note", "preview", "thumbnail", "quicklook", "metadata",
    ]
    static let bodyRoles: Set<String> = ["body", "main", "text", "story", "bodytext", "content"]

    static func body(_ item: XMLElement, headline: String?) -> (String, Bool, String?)? {
        let contents = item.descendants("ContentItem").filter(isText)
        func role(_ c: XMLElement) -> String {
            (c.parent?.child("Role")?.attribute("FormalName") ?? "").lowercased()
        }
        let usable = contents.filter { !excludedRoles.contains(role($0)) && role($0) != "lead" }
        guard let chosen = usable.first(where: { bodyRoles.contains(role($0)) }) ?? usable.first else { return nil }
        var parts: [XMLElement] = []
        // a lead in the same component group, before the body
        if let group = chosen.parent?.parent,
            let lead = contents.first(where: { role($0) == "lead" && $0.parent?.parent?.index == group.index && $0.index < chosen.index })
        {
            parts.append(lead)
        }
        parts.append(chosen)
        var html = ""
        var anyHTML = false
        var inlineHeadline: String?
        for part in parts {
            guard let data = part.child("DataContent") else { continue }
            if let root = data.children.first {
                let (container, stated) = InlineBody.container(root)
                inlineHeadline = inlineHeadline ?? stated
                if let h = BodyMarkup.html(of: container, headline: headline ?? stated) {
                    html += h
                    anyHTML = true
                }
            } else if let text = data.trimmedText {
                let mime = (part.child("MimeType")?.attribute("FormalName") ?? "").lowercased()
                if mime.contains("html") || WireText.containsMarkup(text) || WireText.looksLikeHTML(text) {
                    html += "<div>\(data.text)</div>\n"
                    anyHTML = true
                } else {
                    html += "<p>" + escape(data.text) + "</p>\n"
                    anyHTML = anyHTML || parts.count > 1
                    if parts.count == 1 { return (data.text, false, nil) }
                }
            }
        }
        guard !html.isEmpty else { return nil }
        return (html, anyHTML, inlineHeadline)
    }

    /// A text component: media type Text, a text/XML MIME type or format, or (with neither) data content.
    static func isText(_ content: XMLElement) -> Bool {
        let media = (content.child("MediaType")?.attribute("FormalName") ?? "").lowercased()
        let mime = (content.child("MimeType")?.attribute("FormalName") ?? "").lowercased()
        let format = (content.child("Format")?.attribute("FormalName") ?? "").lowercased()
        if !media.isEmpty { return media == "text" && !mime.contains("css") }
        if !mime.isEmpty { return (mime.hasPrefix("text/") || mime.contains("xml") || mime.contains("html")) && !mime.contains("css") }
        if format.contains("jpeg") || format.contains("png") || format.contains("gif") || format.contains("css") || format.contains("mpeg") { return false }
        return content.child("DataContent") != nil
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }
}
