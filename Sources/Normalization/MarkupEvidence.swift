/// What an element's own markup says about the text inside it, as a weight on that text.
///
/// Weak evidence only: class and id words (matched as whole words, camelCase and `-`/`_` split), roles,
/// `itemprop`, hidden markers and the element itself. A weight multiplies the text score of everything
/// inside the element, so a wrapper around the whole article (whatever its class says) changes nothing in
/// the comparison between blocks it holds; it only counts where it tells one part of the page from another.
enum MarkupEvidence {
    /// Class/id words of page furniture: navigation, sharing, ads, comments, related links.
    static let furnitureWords: Set<UInt64> = hashes([
        "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adsense", "sponsor", "sponsored", "banner",
        "breadcrumb", "breadcrumbs", "comment", "comments", "commentlist", "disqus", "footer", "masthead", "menu", "nav", "navbar",
        "navigation", "newsletter", "outbrain", "taboola", "popup", "promo", "promos", "related", "recommended",
        "recommendations", "share", "sharing", "sharebar", "sharetools", "social", "sidebar", "sidebox", "rail", "skip",
        "subscribe", "subscription", "signup", "tags", "toolbar", "tools", "trending", "popular", "mostread", "mostpopular",
        "cookie", "cookies", "consent", "gdpr", "login", "pagination", "pager", "rss", "widget", "widgets", "modal", "shoutbox",
        "skyscraper", "sponsorship", "teaser", "teasers", "ticker", "meta", "caption", "captions", "gallery", "galleries",
        "slideshow", "slideshows", "carousel", "slider", "lightbox",
    ])
    /// Class/id words of article text.
    static let contentWords: Set<UInt64> = hashes([
        "article", "articlebody", "articletext", "articlecontent", "body", "content", "entry", "entrycontent", "hentry", "main",
        "post", "postbody", "story", "storybody", "storytext", "storycontent", "text", "blog", "permalink",
    ])
    static let furnitureRoles: Set<UInt64> = hashes([
        "navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search", "menu", "menubar", "toolbar",
    ])

    static let furnitureWeight: Float = 0.3
    static let contentWeight: Float = 1.25
    static let hiddenWeight: Float = 0.02
    static let articleBodyWeight: Float = 3
    static let articleElementWeight: Float = 1.5

    static func hashes(_ words: [String]) -> Set<UInt64> { Set(words.map { ByteHash.fnv(Array($0.utf8)) }) }

    /// Whether the element is hidden (`hidden`, `display:none`, `visibility:hidden`).
    static func hides(_ a: AttributeRanges, in buf: UnsafeBufferPointer<UInt8>) -> Bool {
        a.hidden || a.style.map { styleHides(buf, $0) } == true
    }

    /// The weight of `tag`'s own markup (1 is neutral).
    static func weight(tag: HTMLTag, attributes a: AttributeRanges, hidden: Bool, in buf: UnsafeBufferPointer<UInt8>) -> Float {
        var w: Float = 1
        switch tag {
        case .article: w *= articleElementWeight
        case .main: w *= 1.25
        default: if tag.has(HTMLTag.isFurniture) { w *= furnitureWeight }
        }
        if hidden { return w * hiddenWeight }
        if let r = a.ariaHidden, ByteScan.equalsLower(buf, r, "true") { w *= 0.2 }
        if let r = a.itemprop, ByteScan.equalsLower(buf, r, "articlebody") { w *= articleBodyWeight }
        if let r = a.role {
            if furnitureRoles.contains(ByteHash.fnv(buf, r.lowerBound, r.upperBound)) { w *= furnitureWeight }
            else if ByteScan.equalsLower(buf, r, "main") || ByteScan.equalsLower(buf, r, "article") { w *= contentWeight }
        }
        var furniture = false, content = false
        for r in [a.classValue, a.id] {
            guard let r else { continue }
            forEachWord(buf, r) { h in
                if furnitureWords.contains(h) { furniture = true } else if contentWords.contains(h) { content = true }
            }
        }
        if furniture { w *= furnitureWeight } else if content { w *= contentWeight }
        return w
    }

    /// Calls `body` with the hash of each word of a class or id value: split at anything not a letter or
    /// digit, at lower→upper case changes (`ArticlePage` → article, page) and between letters and digits.
    static func forEachWord(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ body: (UInt64) -> Void) {
        var h = ByteHash.offset
        var length = 0
        var previous: UInt8 = 0  // 1 lower, 2 upper, 3 digit
        let end = min(r.upperBound, r.lowerBound + 512)
        var k = r.lowerBound
        while k < end {
            let b = buf[k]
            let kind: UInt8 = (b >= 97 && b <= 122) ? 1 : (b >= 65 && b <= 90) ? 2 : (b >= 48 && b <= 57) ? 3 : 0
            let boundary = kind == 0 || (length > 0 && ((previous == 1 && kind == 2) || (previous == 3) != (kind == 3)))
            if boundary, length > 0 {
                body(h)
                h = ByteHash.offset
                length = 0
            }
            if kind != 0 {
                h = (h ^ UInt64(ByteHash.lower(b))) &* ByteHash.prime
                length += 1
            }
            previous = kind
            k += 1
        }
        if length > 0 { body(h) }
    }

    static let authorWords: Set<UInt64> = hashes(["byline", "author", "byl", "authors"])

    /// Author markup: `rel=author`, `itemprop=author`, or a class word byline/author.
    static func isAuthor(_ a: AttributeRanges, _ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        if let r = a.rel, ByteScan.equalsLower(buf, r, "author") { return true }
        if let r = a.itemprop, ByteScan.equalsLower(buf, r, "author") { return true }
        guard let r = a.classValue else { return false }
        var found = false
        forEachWord(buf, r) { if authorWords.contains($0) { found = true } }
        return found
    }

    /// `display:none` or `visibility:hidden` in a style attribute.
    static func styleHides(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
        var compact: [UInt8] = []
        compact.reserveCapacity(min(r.count, 256))
        for k in r.lowerBound..<min(r.upperBound, r.lowerBound + 1024) where !(buf[k] == 32 || buf[k] == 9 || buf[k] == 10 || buf[k] == 13) {
            compact.append(ByteHash.lower(buf[k]))
        }
        return ByteScan.contains(compact, "display:none") || ByteScan.contains(compact, "visibility:hidden")
    }
}
