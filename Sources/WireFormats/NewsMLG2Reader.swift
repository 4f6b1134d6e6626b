import ArticleSchema

/// NewsML-G2 (IPTC, `http://iptc.org/std/nar/2006-10-01/`): a `newsMessage` envelope or a bare `newsItem` /
/// `packageItem`. Every `newsItem` whose `itemClass` is text gives a story (package members present in the same
/// message are such items); picture, video, audio and graphic items give none; a package whose referenced items
/// are not in the file gives none, with a message. Deleted or cancelled items give tombstones.
enum NewsMLG2Reader {
    static func read(_ root: XMLElement) throws(XMLReaderError) -> XMLReaderOutput {
        var items: [XMLElement]
        if root.is("newsItem") || root.is("packageItem") {
            items = [root]
        } else if root.is("newsMessage") || root.namespaceURI?.hasPrefix("http://iptc.org/std/nar/") == true {
            items = root.descendants { $0.is("newsItem") || $0.is("packageItem") }
        } else {
            throw .unexpectedRoot(root, expected: "<newsMessage>, <newsItem> or <packageItem>")
        }
        let sender = root.is("newsMessage") ? root.path("header", "sender")?.trimmedText : nil
        var output = XMLReaderOutput()
        let guids = Set(items.compactMap { $0.attribute("guid") })
        for item in items {
            if item.is("packageItem") {
                let refs = item.descendants("itemRef").compactMap { $0.attribute("residref") }
                let present = refs.filter { guids.contains($0) }.count
                if present == 0 {
                    let id = item.attribute("guid").map { "package \($0)" } ?? "a package without guid"
                    output.messages.append(refs.isEmpty
                        ? "\(id) holds no items: no story"
                        : "\(id) only references \(refs.count) item\(refs.count == 1 ? "" : "s"), none of them in this file: no story")
                }
                continue
            }
            let itemClass = item.path("itemMeta", "itemClass")
            let kind = itemClass?.attribute("qcode").map(qcodeValue) ?? "text"
            let deleted = isDeleted(item)
            guard kind == "text" || deleted && kind != "picture" && kind != "video" && kind != "audio" && kind != "graphic" else { continue }
            output.stories.append(story(item, sender: sender, deleted: deleted))
        }
        return output
    }

    static func story(_ item: XMLElement, sender: String?, deleted: Bool) -> WireStory {
        var s = WireStory()
        let meta = item.child("itemMeta")
        let content = item.child("contentMeta")
        s.guid = item.attribute("guid")
        s.version = item.attribute("version").map(WireText.collapseWhitespace).flatMap(\.nilIfEmpty)
        s.deleted = deleted
        let versionCreated = WireDate.normalize(meta?.child("versionCreated")?.trimmedText)
        s.publishedAt = WireDate.normalize(meta?.child("firstCreated")?.trimmedText) ?? versionCreated
        s.updatedAt = versionCreated
        s.language = item.attribute("lang", namespace: XMLTokenizer.xmlNamespace)
            ?? content?.child("language")?.attribute("tag")
            ?? item.path("contentSet", "inlineXML")?.inheritedLanguage
        if let provider = meta?.child("provider") {
            s.source = provider.child("name")?.trimmedText ?? provider.attribute("literal") ?? provider.attribute("qcode").map(qcodeValue)
        }
        s.source = s.source ?? sender
        s.url = meta?.children("link").first { ($0.attribute("rel") ?? "").contains("canonical") }?.attribute("href")
        s.byline = content?.children("by").compactMap(\.trimmedText).joined(separator: ", ").nilIfEmpty
        s.dateline = content?.child("dateline")?.trimmedText ?? content?.path("located", "name")?.trimmedText
        for subject in content?.children("subject") ?? [] {
            let code = subject.attribute("qcode") ?? subject.attribute("literal")
            let name = subject.children("name").first?.trimmedText
            if code != nil || name != nil { s.subjects.append(ArticleRecord.Subject(code: code, name: name)) }
        }
        s.title = headline(content)
        let (body, isHTML, inlineHeadline) = Self.body(item.child("contentSet"), headline: s.title)
        if s.title == nil { s.title = inlineHeadline }
        if !deleted {
            s.body = body
            s.bodyIsHTML = isHTML
        }
        return s
    }

    /// `contentMeta/headline`: the one without a role, else a main/title role, else the first that is not a subheadline.
    static func headline(_ content: XMLElement?) -> String? {
        let all = content?.children("headline") ?? []
        let withText = all.filter { $0.trimmedText != nil }
        if let plain = withText.first(where: { $0.attribute("role") == nil }) { return plain.trimmedText }
        if let main = withText.first(where: { role in
            let r = (role.attribute("role") ?? "").lowercased()
            return r.contains("main") || r.hasSuffix(":title") || r.hasSuffix(":headline")
        }) { return main.trimmedText }
        return withText.first { !(($0.attribute("role") ?? "").lowercased().contains("sub")) }?.trimmedText ?? withText.first?.trimmedText
    }

    /// The story text from `contentSet`: inline XHTML, NITF or an agency vocabulary first, else `inlineData`.
    static func body(_ contentSet: XMLElement?, headline: String?) -> (String?, Bool, String?) {
        guard let contentSet else { return (nil, false, nil) }
        let inline = contentSet.children("inlineXML")
        let preferred = inline.first { ($0.attribute("contenttype") ?? "").contains("html") } ?? inline.first { ($0.attribute("contenttype") ?? "").contains("nitf") } ?? inline.first
        if let preferred, let root = preferred.children.first {
            let (container, inlineHeadline) = InlineBody.container(root)
            if let html = BodyMarkup.html(of: container, headline: headline ?? inlineHeadline) { return (html, true, inlineHeadline) }
            return (nil, false, inlineHeadline)
        }
        let data = contentSet.children("inlineData")
        if let chosen = data.first(where: { ($0.attribute("contenttype") ?? "text/plain").contains("text/plain") }) ?? data.first,
            let text = chosen.trimmedText
        {
            let type = chosen.attribute("contenttype") ?? ""
            let isHTML = type.contains("html") || (type.isEmpty && WireText.containsMarkup(text)) || WireText.looksLikeHTML(text)
            return (chosen.text, isHTML, nil)
        }
        return (nil, false, nil)
    }

    /// Reuters `itemClass/@msgType="D"`, `pubStatus` canceled, or a delete/kill signal.
    static func isDeleted(_ item: XMLElement) -> Bool {
        guard let meta = item.child("itemMeta") else { return false }
        if let type = meta.child("itemClass")?.attribute("msgType"), ["d", "k", "delete", "kill"].contains(type.lowercased()) { return true }
        if let status = meta.child("pubStatus")?.attribute("qcode").map(qcodeValue), status == "canceled" || status == "cancelled" { return true }
        return meta.children("signal").contains { s in
            let v = (s.attribute("qcode").map(qcodeValue) ?? "")
            return v == "delete" || v == "kill" || v == "withdraw"
        }
    }

    /// The code part of a qcode, lower case: `ninat:text` → `text`.
    static func qcodeValue(_ qcode: String) -> String {
        String(qcode.split(separator: ":").last ?? "").lowercased()
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
