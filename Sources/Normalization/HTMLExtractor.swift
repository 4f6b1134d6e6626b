import Foundation

/// What the HTML extractor found in a page.
public struct HTMLExtraction: Sendable {
    /// Article paragraphs (entities decoded, not yet Unicode-cleaned; U+2028 marks `<br>`).
    public var paragraphs: [String] = []
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
}

/// A tolerant, linear-time HTML tokenizer and article extractor (no DOM, no recursion).
///
/// Drops scripts, styles, comments, navigation, headers/footers of the page, asides, forms, figures and
/// captions, and elements whose class/id/role names cookie banners, share widgets, related links,
/// newsletters, ads, comments or captions. Picks the container with the most paragraph text
/// (plus siblings that hold text too), reads title, dates and authors from `<h1>`, meta tags and JSON-LD.
public enum HTMLExtractor {
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen",
    ]
    static let rawTextElements: Set<String> = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "template", "svg", "math"]
    static let skipElements: Set<String> = [
        "script", "style", "nav", "aside", "footer", "form", "noscript", "svg", "iframe", "button", "select", "figure",
        "figcaption", "template", "object", "embed", "canvas", "dialog", "menu", "textarea", "video", "audio", "picture", "map", "math",
        "input", "label", "option", "amp-ad", "amp-embed", "amp-sidebar", "amp-social-share", "amp-analytics", "amp-sticky-ad",
        "amp-consent", "amp-user-notification", "amp-iframe", "amp-video", "amp-carousel", "amp-lightbox",
    ]
    static let blockElements: Set<String> = [
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "hr",
        "figure", "figcaption", "form", "fieldset", "address", "center", "hgroup", "details", "summary", "caption", "body", "html",
        "br", "title", "legend", "option",
    ]
    /// Substrings of class/id tokens that mark page furniture.
    static let boilerplateMarks: [String] = [
        "cookie", "consent", "gdpr", "share", "sharing", "social", "related", "recommend", "newsletter", "subscribe", "subscription",
        "signup", "sign-up", "promo", "advert", "sponsor", "comment", "caption", "breadcrumb", "navbar", "sidebar", "footer",
        "widget", "popup", "modal", "paywall", "masthead", "toolbar", "outbrain", "taboola", "disqus", "most-read", "mostread",
        "trending", "read-more", "readmore", "more-stories", "also-read", "tags", "author-bio", "hidden", "visually-hidden", "sr-only",
    ]
    static let boilerplateTokens: Set<String> = ["nav", "menu", "ad", "ads", "banner", "header", "dateline", "date", "meta", "timestamp", "published", "credit", "credits", "byline", "author", "print", "tools", "skip", "login"]
    static let boilerplateRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search", "menu", "menubar", "toolbar"]
    static let contentMarks: [String] = ["article-body", "articlebody", "article-content", "story-body", "storybody", "story-content", "entry-content", "post-content", "post-body", "article__body", "body-text", "main-content", "article-text", "content-body"]

    struct Element {
        var name: String
        var id: Int
        var skip: Bool
        var author: Bool
        var contentHint: Bool
    }

    struct Block {
        var text: String.UnicodeScalarView
        var linkChars: Int
        var tag: String
        var ancestors: [Int]
    }

    /// Extracts the article from `html`.
    public static func extract(_ html: String) -> HTMLExtraction {
        var bytes = Array(html.utf8)
        if bytes.isEmpty { return HTMLExtraction() }
        bytes.append(0)  // sentinel, never part of content
        return bytes.withUnsafeBufferPointer { buf in
            var p = Parser(buf: UnsafeBufferPointer(rebasing: buf[0..<(buf.count - 1)]))
            p.run()
            return p.finish()
        }
    }

    struct Parser {
        let buf: UnsafeBufferPointer<UInt8>
        var result = HTMLExtraction()
        var stack: [Element] = []
        var parents: [Int: Int] = [:]
        var hintIDs: Set<Int> = []
        var nextID = 1
        var skipDepth = 0
        var authorDepth = 0
        var linkDepth = 0
        var preDepth = 0
        var h1Depth = 0
        var blocks: [Block] = []
        var current = String.UnicodeScalarView()
        var currentLink = 0
        var authorBuffer = String.UnicodeScalarView()
        var h1Buffer = String.UnicodeScalarView()
        var jsonLD: [String] = []
        var metaDates: [(Int, String)] = []
        var metaAuthors: [(Int, String)] = []
        var timeDates: [String] = []
        /// Whether the input is a whole page (has <html>/<body>); fragments keep all their blocks.
        var isPage = false

        init(buf: UnsafeBufferPointer<UInt8>) { self.buf = buf }

        @inline(__always) func lower(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b | 0x20 : b }
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 || b == 12 }
        @inline(__always) func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }

        mutating func run() {
            let n = buf.count
            var i = 0
            var textStart = 0
            while i < n {
                if buf[i] != UInt8(ascii: "<") { i += 1; continue }
                // Flush text before '<'.
                if i > textStart { text(textStart, i) }
                let next = i + 1 < n ? buf[i + 1] : 0
                if next == UInt8(ascii: "!") {
                    if i + 3 < n, buf[i + 2] == UInt8(ascii: "-"), buf[i + 3] == UInt8(ascii: "-") {
                        i = find("-->", from: i + 4).map { $0 + 3 } ?? n
                    } else {
                        i = findByte(UInt8(ascii: ">"), from: i + 2).map { $0 + 1 } ?? n
                    }
                    textStart = i
                } else if next == UInt8(ascii: "?") {
                    i = findByte(UInt8(ascii: ">"), from: i + 2).map { $0 + 1 } ?? n
                    textStart = i
                } else if next == UInt8(ascii: "/") && i + 2 < n && isAlpha(buf[i + 2]) {
                    var j = i + 2
                    let nameStart = j
                    while j < n, !isSpace(buf[j]), buf[j] != UInt8(ascii: ">"), buf[j] != UInt8(ascii: "/") { j += 1 }
                    let name = tagName(nameStart, j)
                    i = findByte(UInt8(ascii: ">"), from: j).map { $0 + 1 } ?? n
                    endTag(name)
                    textStart = i
                } else if isAlpha(next) {
                    var j = i + 1
                    let nameStart = j
                    while j < n, !isSpace(buf[j]), buf[j] != UInt8(ascii: ">"), buf[j] != UInt8(ascii: "/") { j += 1 }
                    let name = tagName(nameStart, j)
                    var attrs: [(String, String)] = []
                    var selfClosing = false
                    i = attributes(from: j, into: &attrs, selfClosing: &selfClosing)
                    startTag(name, attrs, selfClosing: selfClosing)
                    if HTMLExtractor.rawTextElements.contains(name) && !selfClosing {
                        let close = findCloseTag(name, from: i)
                        rawText(name, attrs, i, close?.contentEnd ?? n)
                        i = close?.after ?? n
                        endTag(name)
                    }
                    textStart = i
                } else {
                    i += 1  // a literal '<'
                }
            }
            if n > textStart { text(textStart, n) }
            flush()
        }

        func tagName(_ a: Int, _ b: Int) -> String {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(min(b - a, 24))
            var k = a
            while k < b, bytes.count < 24 { bytes.append(lower(buf[k])); k += 1 }
            return String(decoding: bytes, as: UTF8.self)
        }

        func findByte(_ byte: UInt8, from: Int) -> Int? {
            var k = from
            while k < buf.count { if buf[k] == byte { return k }; k += 1 }
            return nil
        }

        func find(_ needle: StaticString, from: Int) -> Int? {
            let count = needle.utf8CodeUnitCount
            return needle.withUTF8Buffer { nb -> Int? in
                var k = from
                while k + count <= buf.count {
                    if buf[k] == nb[0] {
                        var m = 1
                        while m < count, buf[k + m] == nb[m] { m += 1 }
                        if m == count { return k }
                    }
                    k += 1
                }
                return nil
            }
        }

        /// Finds `</name` (case-insensitive) from `from`; returns where content ends and the index after `>`.
        func findCloseTag(_ name: String, from: Int) -> (contentEnd: Int, after: Int)? {
            let nb = Array(name.utf8)
            var k = from
            while k + 1 + nb.count < buf.count {
                if buf[k] == UInt8(ascii: "<"), buf[k + 1] == UInt8(ascii: "/") {
                    var m = 0
                    while m < nb.count, lower(buf[k + 2 + m]) == nb[m] { m += 1 }
                    if m == nb.count {
                        let after = k + 2 + m
                        if after >= buf.count || isSpace(buf[after]) || buf[after] == UInt8(ascii: ">") || buf[after] == UInt8(ascii: "/") {
                            let end = findByte(UInt8(ascii: ">"), from: after).map { $0 + 1 } ?? buf.count
                            return (k, end)
                        }
                    }
                }
                k += 1
            }
            return nil
        }

        /// Parses attributes from `j` to the end of the tag; returns the index after `>`.
        func attributes(from j: Int, into attrs: inout [(String, String)], selfClosing: inout Bool) -> Int {
            let n = buf.count
            var k = j
            while k < n {
                while k < n, isSpace(buf[k]) { k += 1 }
                guard k < n else { return n }
                if buf[k] == UInt8(ascii: ">") { return k + 1 }
                if buf[k] == UInt8(ascii: "/") {
                    if k + 1 < n, buf[k + 1] == UInt8(ascii: ">") { selfClosing = true; return k + 2 }
                    k += 1; continue
                }
                let nameStart = k
                while k < n, !isSpace(buf[k]), buf[k] != UInt8(ascii: "="), buf[k] != UInt8(ascii: ">"), buf[k] != UInt8(ascii: "/") || k == nameStart { k += 1 }
                let name = tagName(nameStart, k)
                while k < n, isSpace(buf[k]) { k += 1 }
                var value = ""
                if k < n, buf[k] == UInt8(ascii: "=") {
                    k += 1
                    while k < n, isSpace(buf[k]) { k += 1 }
                    if k < n, buf[k] == UInt8(ascii: "\"") || buf[k] == UInt8(ascii: "'") {
                        let quote = buf[k]
                        let valueStart = k + 1
                        // Tolerant: an unclosed quote ends at the next '>'.
                        if let close = findByte(quote, from: valueStart) {
                            value = attributeValue(valueStart, close)
                            k = close + 1
                        } else {
                            let gt = findByte(UInt8(ascii: ">"), from: valueStart) ?? n
                            value = attributeValue(valueStart, gt)
                            k = gt
                        }
                    } else {
                        let valueStart = k
                        while k < n, !isSpace(buf[k]), buf[k] != UInt8(ascii: ">") { k += 1 }
                        value = attributeValue(valueStart, k)
                    }
                }
                if attrs.count < 64, HTMLExtractor.interestingAttributes.contains(name) { attrs.append((name, value)) }
            }
            return n
        }

        func attributeValue(_ a: Int, _ b: Int) -> String {
            guard b > a else { return "" }
            let end = min(b, a + 100_000)
            var out = String.UnicodeScalarView()
            HTMLEntities.decodeUTF8(buf, a, end, into: &out)
            return String(out)
        }

        // MARK: tree events

        mutating func startTag(_ name: String, _ attrs: [(String, String)], selfClosing: Bool) {
            if name == "meta" { meta(attrs); return }
            if name == "html" || name == "body" || name == "head" { isPage = true }
            if name == "html", let lang = attrs.first(where: { $0.0 == "lang" })?.1, !lang.isEmpty { result.lang = lang }
            if name == "time", let dt = attrs.first(where: { $0.0 == "datetime" })?.1, !dt.isEmpty {
                if attrs.contains(where: { $0.0 == "pubdate" || ($0.0 == "itemprop" && $0.1.lowercased() == "datepublished") }) {
                    timeDates.insert(dt, at: 0)
                } else if timeDates.count < 8 {
                    timeDates.append(dt)
                }
            }
            if name == "br" {
                if skipDepth == 0 { current.append(Unicode.Scalar(0x2028)!) }
                return
            }
            if HTMLExtractor.blockElements.contains(name) {
                flush()
                // Implied ends: a new block closes an open <p>; <li>, <dt>/<dd>, <tr>, <td>/<th> close their siblings.
                if let top = stack.last, top.name == "p", name != "br" { popTo(stack.count - 1) }
                if ["li", "dt", "dd", "tr", "td", "th"].contains(name), let top = stack.last, top.name == name || (name == "td" && top.name == "th") || (name == "th" && top.name == "td") || (["dt", "dd"].contains(name) && ["dt", "dd"].contains(top.name)) {
                    popTo(stack.count - 1)
                }
            }
            if name == "hr" { return }
            if selfClosing || HTMLExtractor.voidElements.contains(name) { return }
            guard stack.count < 2048 else { return }
            let skip = HTMLExtractor.isBoilerplate(name, attrs)
            let author = HTMLExtractor.isAuthor(name, attrs)
            let hint = name == "article" || name == "main" || HTMLExtractor.isContentHint(attrs)
            let id = nextID
            nextID += 1
            if let parent = stack.last?.id { parents[id] = parent }
            if hint { hintIDs.insert(id) }
            stack.append(Element(name: name, id: id, skip: skip, author: author, contentHint: hint))
            if skip { skipDepth += 1 }
            if author { authorDepth += 1 }
            if name == "a" { linkDepth += 1 }
            if name == "pre" { preDepth += 1 }
            if name == "h1" { h1Depth += 1 }
        }

        mutating func endTag(_ name: String) {
            if HTMLExtractor.blockElements.contains(name) { flush() }
            // Find the element within a bounded distance (keeps the walk linear on broken markup).
            var k = stack.count - 1
            let limit = max(0, stack.count - 64)
            while k >= limit {
                if stack[k].name == name { popTo(k); return }
                k -= 1
            }
        }

        /// Pops elements `index...` off the stack.
        mutating func popTo(_ index: Int) {
            while stack.count > index {
                let e = stack.removeLast()
                if e.skip { skipDepth -= 1 }
                if e.author {
                    authorDepth -= 1
                    if authorDepth == 0 { finishAuthor() }
                }
                if e.name == "a" { linkDepth = max(0, linkDepth - 1) }
                if e.name == "pre" { preDepth = max(0, preDepth - 1) }
                if e.name == "h1" {
                    h1Depth = max(0, h1Depth - 1)
                    if h1Depth == 0, result.h1 == nil {
                        let t = UnicodeCleaner.singleLine(String(h1Buffer))
                        if !t.isEmpty { result.h1 = t }
                        h1Buffer = String.UnicodeScalarView()
                    }
                }
                if HTMLExtractor.blockElements.contains(e.name) { flush() }
            }
        }

        mutating func finishAuthor() {
            let t = UnicodeCleaner.singleLine(String(authorBuffer))
            authorBuffer = String.UnicodeScalarView()
            if !t.isEmpty, metaAuthors.count < 8 { metaAuthors.append((5, t)) }
        }

        mutating func text(_ a: Int, _ b: Int) {
            if authorDepth > 0 && authorBuffer.count < 300 {
                HTMLEntities.decodeUTF8(buf, a, min(b, a + 600), into: &authorBuffer)
                authorBuffer.append(" ")
            }
            if skipDepth > 0 { return }
            if h1Depth > 0 {
                if h1Buffer.count < 1000 { HTMLEntities.decodeUTF8(buf, a, min(b, a + 2000), into: &h1Buffer) }
                return
            }
            let before = current.count
            if preDepth > 0 {
                var tmp = String.UnicodeScalarView()
                HTMLEntities.decodeUTF8(buf, a, b, into: &tmp)
                for s in tmp { current.append(s == "\n" ? Unicode.Scalar(0x2028)! : s) }
            } else {
                HTMLEntities.decodeUTF8(buf, a, b, into: &current)
            }
            if linkDepth > 0 { currentLink += current.count - before }
        }

        mutating func rawText(_ name: String, _ attrs: [(String, String)], _ a: Int, _ b: Int) {
            guard b > a else { return }
            if name == "title", result.documentTitle == nil {
                var out = String.UnicodeScalarView()
                HTMLEntities.decodeUTF8(buf, a, min(b, a + 4000), into: &out)
                let t = UnicodeCleaner.singleLine(String(out))
                if !t.isEmpty { result.documentTitle = t }
            } else if name == "script", jsonLD.count < 8,
                      attrs.contains(where: { $0.0 == "type" && $0.1.lowercased().hasSubstring("ld+json") }), b - a < 2_000_000 {
                jsonLD.append(String(decoding: UnsafeBufferPointer(rebasing: buf[a..<b]), as: UTF8.self))
            }
        }

        mutating func flush() {
            guard !current.isEmpty else { return }
            var hasContent = false
            for s in current where !(s == " " || s == "\n" || s == "\t" || s == "\r" || s.value == 0x2028 || s.value == 0xA0) { hasContent = true; break }
            if hasContent {
                let tag = stack.last(where: { HTMLExtractor.blockElements.contains($0.name) })?.name ?? "body"
                blocks.append(Block(text: current, linkChars: currentLink, tag: tag, ancestors: stack.map(\.id)))
            }
            current = String.UnicodeScalarView()
            currentLink = 0
        }

        mutating func meta(_ attrs: [(String, String)]) {
            var key = ""
            var content = ""
            for (n, v) in attrs {
                if n == "property" || n == "name" || n == "itemprop" { if key.isEmpty { key = v.lowercased() } }
                if n == "content" { content = v }
            }
            content = UnicodeCleaner.singleLine(content)
            guard !key.isEmpty, !content.isEmpty else { return }
            switch key {
            case "og:title", "twitter:title": if result.ogTitle == nil { result.ogTitle = content }
            case "og:site_name", "application-name": if result.siteName == nil { result.siteName = content }
            case "article:published_time", "datepublished", "og:published_time", "published_time", "publish-date", "publishdate",
                 "pubdate", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "date", "sailthru.date", "parsely-pub-date",
                 "article.published", "publication_date", "dcterms.created", "citation_publication_date":
                let rank = ["article:published_time": 0, "datepublished": 0, "og:published_time": 1][key] ?? 2
                metaDates.append((rank, content))
            case "article:modified_time", "datemodified", "og:updated_time", "last-modified":
                metaDates.append((9, content))
            case "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl", "byline", "citation_author":
                if !content.lowercased().hasPrefix("http") { metaAuthors.append((key == "author" ? 1 : 2, content)) }
            default: break
            }
        }

        mutating func finish() -> HTMLExtraction {
            popTo(0)
            flush()
            // JSON-LD
            for json in jsonLD {
                guard let data = json.data(using: .utf8),
                      let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { continue }
                var found = JSONLDFields()
                HTMLExtractor.walkJSONLD(object, depth: 0, into: &found)
                for d in found.dates { metaDates.append((1, d)) }
                for a in found.authors { metaAuthors.append((0, a)) }
                if result.ogTitle == nil, let h = found.headline { result.ogTitle = UnicodeCleaner.singleLine(h) }
                if result.siteName == nil, let p = found.publisher { result.siteName = p }
            }
            result.dates = metaDates.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1) + timeDates
            var seen = Set<String>()
            result.authors = metaAuthors.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
                .map(\.element.1).filter { seen.insert($0).inserted }
            result.paragraphs = selectContent()
            return result
        }

        /// Scores containers by the paragraph text they hold and returns the chosen blocks' texts.
        func selectContent() -> [String] {
            var scores: [Int: Double] = [:]
            for block in blocks {
                let length = block.text.count
                guard length >= 25, Double(block.linkChars) / Double(length) < 0.35,
                      ["p", "div", "td", "pre", "blockquote", "section", "article", "main", "dd", "body"].contains(block.tag),
                      let parent = block.ancestors.last else { continue }
                var commas = 0
                for s in block.text where s == "," || s.value == 0x3001 || s.value == 0xFF0C { commas += 1 }
                let score = 1.0 + Double(min(commas, 5)) * 0.5 + min(Double(length) / 100.0, 3.0)
                scores[parent, default: 0] += score
                if block.ancestors.count >= 2 { scores[block.ancestors[block.ancestors.count - 2], default: 0] += score / 2 }
            }
            for (id, s) in scores where hintIDs.contains(id) { scores[id] = s * 1.5 }
            guard isPage, let best = scores.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }) else {
                return blocks.filter { Double($0.linkChars) / Double(max(1, $0.text.count)) < 0.5 }.map { String($0.text) }
            }
            // Siblings of the best container that also hold paragraph text.
            var chosen: Set<Int> = [best.key]
            let parent = parents[best.key]
            for (id, s) in scores where id != best.key && parents[id] == parent && parent != nil && s >= best.value * 0.2 {
                chosen.insert(id)
            }
            var out: [String] = []
            for block in blocks where block.ancestors.contains(where: { chosen.contains($0) }) {
                let length = max(1, block.text.count)
                let density = Double(block.linkChars) / Double(length)
                if density > 0.5 && (block.tag == "li" || length < 200) { continue }
                if density > 0.8 { continue }
                out.append(String(block.text))
            }
            return out
        }
    }

    static let interestingAttributes: Set<String> = [
        "class", "id", "role", "itemprop", "property", "name", "content", "datetime", "type", "rel", "hidden", "aria-hidden", "style",
        "lang", "pubdate",
    ]

    static func classTokens(_ attrs: [(String, String)]) -> [String] {
        var tokens: [String] = []
        for (n, v) in attrs where n == "class" || n == "id" {
            for t in v.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) { tokens.append(String(t)) }
        }
        return tokens
    }

    static func isBoilerplate(_ name: String, _ attrs: [(String, String)]) -> Bool {
        if skipElements.contains(name) { return true }
        if name == "html" || name == "body" || name == "article" || name == "main" { return false }
        for (n, v) in attrs {
            switch n {
            case "hidden": return true
            case "aria-hidden": if v.lowercased() == "true" { return true }
            case "role": if boilerplateRoles.contains(v.lowercased()) { return true }
            case "style":
                let s = v.lowercased().replacingOccurrences(of: " ", with: "")
                if s.hasSubstring("display:none") || s.hasSubstring("visibility:hidden") { return true }
            case "itemprop": if v.lowercased() == "articlebody" { return false }
            default: break
            }
        }
        for token in classTokens(attrs) {
            if contentMarks.contains(where: { token.hasSubstring($0) }) { return false }
        }
        for token in classTokens(attrs) {
            if boilerplateMarks.contains(where: { token.hasSubstring($0) }) { return true }
            for part in token.split(whereSeparator: { $0 == "-" || $0 == "_" }) where boilerplateTokens.contains(String(part)) { return true }
        }
        return false
    }

    static func isAuthor(_ name: String, _ attrs: [(String, String)]) -> Bool {
        for (n, v) in attrs {
            let l = v.lowercased()
            if n == "rel" && l == "author" { return true }
            if n == "itemprop" && l == "author" { return true }
            if n == "class" || n == "id" {
                for t in l.split(separator: " ") where String(t).hasSubstring("byline") || String(t).hasSubstring("author-name") || t == "author" || t.hasSuffix("__author") || t.hasSuffix("-author") {
                    return true
                }
            }
        }
        return false
    }

    static func isContentHint(_ attrs: [(String, String)]) -> Bool {
        for (n, v) in attrs where n == "itemprop" && v.lowercased() == "articlebody" { return true }
        for token in classTokens(attrs) where contentMarks.contains(where: { token.hasSubstring($0) }) { return true }
        return false
    }

    struct JSONLDFields {
        var dates: [String] = []
        var authors: [String] = []
        var headline: String?
        var publisher: String?
    }

    static func walkJSONLD(_ object: Any, depth: Int, into found: inout JSONLDFields) {
        guard depth < 12 else { return }
        if let array = object as? [Any] {
            for item in array.prefix(50) { walkJSONLD(item, depth: depth + 1, into: &found) }
            return
        }
        guard let dict = object as? [String: Any] else { return }
        if let d = dict["datePublished"] as? String { found.dates.append(d) }
        if let h = dict["headline"] as? String, found.headline == nil { found.headline = h }
        if let a = dict["author"] { found.authors.append(contentsOf: names(a)) }
        if let p = dict["publisher"], found.publisher == nil { found.publisher = names(p).first }
        if let graph = dict["@graph"] { walkJSONLD(graph, depth: depth + 1, into: &found) }
        if let main = dict["mainEntity"] { walkJSONLD(main, depth: depth + 1, into: &found) }
    }

    static func names(_ value: Any) -> [String] {
        if let s = value as? String { return s.lowercased().hasPrefix("http") ? [] : [s] }
        if let d = value as? [String: Any], let n = d["name"] as? String { return [n] }
        if let a = value as? [Any] { return a.prefix(10).flatMap { names($0) } }
        return []
    }
}
