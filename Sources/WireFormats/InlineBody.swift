/// Finding the story container inside an inline body, whatever vocabulary carries it: XHTML (`html/body`), NITF
/// (`nitf/body/body.content`), or an agency's own markup (used as it is). Also returns the headline the inline
/// document states (`hl1`, `h1`, `title`), for formats whose metadata has none.
enum InlineBody {
    static func container(_ root: XMLElement) -> (XMLElement, String?) {
        if root.isIgnoringCase("nitf") || root.firstDescendant("body.content") != nil {
            let nitf = root.isIgnoringCase("nitf") ? root : (root.firstDescendant("nitf") ?? root)
            let headline = nitf.firstDescendant("hl1")?.trimmedText ?? nitf.path("head", "title")?.trimmedText
            if let content = nitf.firstDescendant("body.content") { return (content, headline) }
            return (nitf, headline)
        }
        if root.isIgnoringCase("html") {
            let headline = root.firstDescendant("h1")?.trimmedText ?? root.path("head", "title")?.trimmedText
            return (root.child("body") ?? root, headline)
        }
        if root.isIgnoringCase("body") || root.isIgnoringCase("div") || root.isIgnoringCase("section") || root.isIgnoringCase("article") {
            return (root, root.firstDescendant("h1")?.trimmedText)
        }
        // an agency vocabulary, or a bare paragraph: the whole inline element, including itself
        return (root.parent ?? root, nil)
    }
}
