/// Turns an inline story body (XHTML, NITF `body.content`, or an agency's own vocabulary) into an HTML fragment
/// holding only what a reader sees as the story: no `head`/`header`/`h1`/`title`, no XHTML subheadlines
/// (`h2`–`h6`) before the first paragraph (NITF `hl2` inside `body.content` is text and stays), no block that merely
/// repeats the headline (when one is given), no media. Datelines and everything else in the paragraphs stay.
/// Element names are matched by local name, case-insensitively.
struct BodyMarkup {
    private var out: [UInt8] = []
    private let headline: String?
    private var sawParagraph = false
    private var hasText = false

    private init(headline: String?) {
        self.headline = headline.map { WireText.collapseWhitespace($0).lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The HTML of `element`'s content (not the element itself), or nil when it holds no text.
    static func html(of element: XMLElement, headline: String?) -> String? {
        var writer = BodyMarkup(headline: headline)
        writer.out.reserveCapacity(Int(element.node.end - element.node.start) + 4096)
        writer.content(of: element)
        guard writer.hasText else { return nil }
        return String(decoding: writer.out, as: UTF8.self)
    }

    private mutating func content(of element: XMLElement) {
        let doc = element.document
        var c = element.node.firstChild
        while c >= 0 {
            let n = doc.nodes[Int(c)]
            switch n.kind {
            case .text:
                text(doc.bytes, Int(n.start), Int(n.end), escape: false)
            case .cdata:
                text(doc.bytes, Int(n.start), Int(n.end), escape: true)
            case .element:
                self.element(XMLElement(document: doc, index: c))
            }
            c = n.next
        }
    }

    private mutating func element(_ e: XMLElement) {
        let name = e.name.lowercased()
        if Self.dropped.contains(name) { return }
        let isHeading = Self.subheadings.contains(name)
        if isHeading && !sawParagraph { return }
        let tag: String
        if let mapped = Self.renamed[name] {
            tag = mapped
        } else if Self.html.contains(name) {
            tag = name
        } else {
            tag = e.hasElementChildren ? "div" : "p"  // an agency vocabulary: blocks of text
        }
        let isBlock = Self.blocks.contains(tag)
        if isBlock, let headline, !e.hasElementChildren || tag == "p" {
            let own = WireText.collapseWhitespace(e.text).lowercased()
            if own == headline { return }
        }
        if tag == "p" || tag == "pre" || tag == "table" || tag == "ul" || tag == "ol" || tag == "blockquote" { sawParagraph = true }
        if tag == "br" || tag == "hr" {
            append("<\(tag)>")
            return
        }
        append("<")
        append(tag)
        if tag == "a", let href = e.attribute("href") {
            append(" href=\"")
            let escaped = href.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            append(escaped)
            append("\"")
        }
        append(">")
        content(of: e)
        append("</")
        append(tag)
        append(">")
        if isBlock { out.append(0x0A) }
    }

    private mutating func text(_ bytes: [UInt8], _ start: Int, _ end: Int, escape: Bool) {
        for k in start..<end {
            let b = bytes[k]
            if b > 0x20 { hasText = true }
            if escape || b == 0x3C || b == 0x3E {
                switch b {
                case 0x26: if escape { append("&amp;") } else { out.append(b) }
                case 0x3C: append("&lt;")
                case 0x3E: append("&gt;")
                default: out.append(b)
                }
            } else {
                out.append(b)
            }
        }
    }

    private mutating func append(_ s: String) { out.append(contentsOf: s.utf8) }

    /// Never part of the story text.
    static let dropped: Set<String> = [
        "head", "header", "title", "h1", "hl1", "hedline", "script", "style", "meta", "link", "media", "figure", "img", "object",
        "video", "audio", "iframe", "nav", "aside", "body.head", "body.end", "nitf-table-metadata", "noscript", "form", "button",
    ]
    /// Headings dropped before the first paragraph (subheadlines), kept after it (section titles).
    static let subheadings: Set<String> = ["h2", "h3", "h4", "h5", "h6"]
    /// NITF and other vocabularies' names for HTML elements.
    static let renamed: [String: String] = [
        "block": "div", "hl2": "p", "bq": "blockquote", "tagline": "p", "body.content": "div", "fn": "p", "note": "div",
        "nitf-table": "div", "nitf-col": "col", "nitf-colgroup": "colgroup", "dateline": "span", "person": "span",
        "location": "span", "org": "span", "event": "span", "function": "span", "object.title": "span", "virtloc": "span",
        "chron": "span", "num": "span", "money": "span", "copyrite": "span", "credit": "span", "byline": "p", "lang": "span",
        "em": "em", "classifier": "span", "alt-code": "span", "frac": "span", "pronounce": "span", "q": "q",
        "section": "div", "article": "div", "main": "div", "footer": "div", "time": "span", "abbr": "span", "cite": "span",
        "html": "div", "body": "div",
    ]
    static let html: Set<String> = [
        "p", "div", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "col", "colgroup", "ul", "ol", "li",
        "dl", "dt", "dd", "blockquote", "br", "hr", "a", "b", "i", "u", "em", "strong", "span", "sub", "sup", "small", "big",
        "h2", "h3", "h4", "h5", "h6", "code", "tt", "s", "strike", "del", "ins", "mark", "address", "center", "font", "wbr",
    ]
    static let blocks: Set<String> = [
        "p", "div", "pre", "table", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "h2", "h3", "h4", "h5", "h6", "tr",
        "address", "center", "caption",
    ]
}
