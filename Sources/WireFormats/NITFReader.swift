import ArticleSchema

/// NITF 3.x (IPTC; usually no namespace, sometimes `http://iptc.org/std/NITF/…`): one story per `nitf` document
/// (a file may wrap several). Body from `body/body.content`; `body.head` gives headline, byline, dateline.
enum NITFReader {
    static func read(_ root: XMLElement) throws(XMLReaderError) -> XMLReaderOutput {
        let documents = root.is("nitf") ? [root] : root.descendants("nitf")
        guard !documents.isEmpty else { throw .unexpectedRoot(root, expected: "<nitf>") }
        return XMLReaderOutput(stories: documents.map(story))
    }

    static func story(_ nitf: XMLElement) -> WireStory {
        var s = WireStory()
        let head = nitf.child("head")
        let docdata = head?.child("docdata")
        let bodyHead = nitf.path("body", "body.head")
        let docID = docdata?.child("doc-id")
        s.guid = docID?.attribute("id-string")
        s.source = docID?.attribute("regsrc") ?? head?.child("pubdata")?.attribute("name") ?? docdata?.child("doc.copyright")?.attribute("holder")
        s.title = bodyHead?.path("hedline", "hl1")?.trimmedText ?? head?.child("title")?.trimmedText
        s.publishedAt = WireDate.normalize(docdata?.child("date.issue")?.attribute("norm"))
            ?? WireDate.normalize(head?.child("pubdata")?.attribute("date.publication"))
            ?? WireDate.normalize(docdata?.child("date.release")?.attribute("norm"))
        s.language = nitf.attribute("baselang") ?? nitf.inheritedLanguage
        s.byline = bodyHead?.children("byline").compactMap { byline in
            (byline.child("person")?.trimmedText).map { person in
                byline.child("byttl")?.trimmedText.map { "\(person), \($0)" } ?? person
            } ?? byline.trimmedText
        }.joined(separator: ", ").nilIfEmpty
        s.dateline = bodyHead?.child("dateline")?.trimmedText
        s.url = head?.children("meta").first { ($0.attribute("name") ?? "").lowercased().contains("url") }?.attribute("content")
        for subject in head?.child("tobject")?.children("tobject.subject") ?? [] {
            let code = subject.attribute("tobject.subject.refnum")
            let name = [subject.attribute("tobject.subject.type"), subject.attribute("tobject.subject.matter"), subject.attribute("tobject.subject.detail")]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " / ").nilIfEmpty
            if code != nil || name != nil { s.subjects.append(ArticleRecord.Subject(code: code.map { "subj:\($0)" }, name: name)) }
        }
        for keyword in docdata?.child("key-list")?.children("keyword") ?? [] {
            if let key = keyword.attribute("key"), !key.isEmpty { s.subjects.append(ArticleRecord.Subject(code: nil, name: key)) }
        }
        // every body.content in document order (an editor's note in body.head may carry one before the story's);
        // what NITF puts in body.content is the story as written, so a slug repeated there stays
        let html = (nitf.child("body")?.descendants("body.content") ?? []).compactMap { BodyMarkup.html(of: $0, headline: nil) }
        if !html.isEmpty {
            s.body = html.joined(separator: "\n")
            s.bodyIsHTML = true
        }
        return s
    }
}
