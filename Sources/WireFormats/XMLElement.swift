/// An element of an ``XMLDocument``: a cheap handle (document + index) with the queries the format readers need.
/// Names are matched by local name (and namespace URI where it matters), never by prefix.
public struct XMLElement: Sendable {
    let document: XMLDocument
    let index: Int32

    var node: XMLDocument.Node { document.nodes[Int(index)] }

    /// The local name, e.g. `newsItem` for `<ns0:newsItem>`.
    public var name: String { document.string(node.start, node.end) }

    /// The namespace URI, or nil when the element is in no namespace.
    public var namespaceURI: String? {
        let ns = node.namespace
        return ns >= 0 ? document.namespaces[Int(ns)] : nil
    }

    /// True when the local name is `name` (byte comparison, no allocation).
    @inline(__always)
    public func `is`(_ name: StaticString) -> Bool {
        let n = node
        return document.bytesEqual(n.start, n.end, name)
    }

    /// Like ``is(_:)`` but ignoring ASCII case (`BODY`, `P` in agency vocabularies).
    @inline(__always)
    public func isIgnoringCase(_ name: StaticString) -> Bool {
        let n = node
        return document.bytesEqualIgnoringCase(n.start, n.end, name)
    }

    /// True when the element is `name` in a namespace whose URI starts with `namespacePrefix`.
    public func `is`(_ name: StaticString, inNamespaceStartingWith namespacePrefix: String) -> Bool {
        guard self.is(name), let uri = namespaceURI else { return false }
        return uri.hasPrefix(namespacePrefix)
    }

    public var parent: XMLElement? {
        let p = node.parent
        return p >= 0 ? XMLElement(document: document, index: p) : nil
    }

    /// Child elements in document order.
    public var children: [XMLElement] {
        var out: [XMLElement] = []
        var c = node.firstChild
        while c >= 0 {
            let child = document.nodes[Int(c)]
            if child.kind == .element { out.append(XMLElement(document: document, index: c)) }
            c = child.next
        }
        return out
    }

    /// The first child element with local name `name`.
    public func child(_ name: StaticString) -> XMLElement? {
        var c = node.firstChild
        while c >= 0 {
            let child = document.nodes[Int(c)]
            if child.kind == .element && document.bytesEqual(child.start, child.end, name) { return XMLElement(document: document, index: c) }
            c = child.next
        }
        return nil
    }

    /// Every child element with local name `name`.
    public func children(_ name: StaticString) -> [XMLElement] {
        var out: [XMLElement] = []
        var c = node.firstChild
        while c >= 0 {
            let child = document.nodes[Int(c)]
            if child.kind == .element && document.bytesEqual(child.start, child.end, name) { out.append(XMLElement(document: document, index: c)) }
            c = child.next
        }
        return out
    }

    /// Follows a path of local names through first children: `element.path("contentMeta", "headline")`.
    public func path(_ names: StaticString...) -> XMLElement? {
        var current: XMLElement? = self
        for name in names { current = current?.child(name) }
        return current
    }

    /// The first descendant (depth first, document order) with local name `name`.
    public func firstDescendant(_ name: StaticString) -> XMLElement? {
        descendants(limit: 1) { $0.is(name) }.first
    }

    /// Descendants with local name `name`, in document order (not looking inside a match).
    public func descendants(_ name: StaticString) -> [XMLElement] {
        descendants(limit: .max) { $0.is(name) }
    }

    /// Descendant elements matching `predicate`, in document order; a match's own descendants are not searched.
    public func descendants(limit: Int = .max, where predicate: (XMLElement) -> Bool) -> [XMLElement] {
        var out: [XMLElement] = []
        let nodes = document.nodes
        var c = nodes[Int(index)].firstChild
        // iterative pre-order walk bounded to this subtree
        while c >= 0 && out.count < limit {
            let n = nodes[Int(c)]
            var descend = false
            if n.kind == .element {
                let e = XMLElement(document: document, index: c)
                if predicate(e) { out.append(e) } else { descend = n.firstChild >= 0 }
            }
            if descend { c = n.firstChild; continue }
            // next sibling, or climb until one exists (stopping at self)
            var k = c
            while k >= 0 && k != index && nodes[Int(k)].next < 0 { k = nodes[Int(k)].parent }
            if k < 0 || k == index { break }
            c = nodes[Int(k)].next
        }
        return out
    }

    /// The value of the attribute with local name `name` (any namespace unless one is given), references resolved.
    public func attribute(_ name: StaticString, namespace: String? = nil) -> String? {
        let n = node
        guard n.attributeCount > 0 else { return nil }
        for k in Int(n.attributeStart)..<Int(n.attributeStart + n.attributeCount) {
            let a = document.attributes[k]
            guard document.bytesEqual(a.nameStart, a.nameEnd, name) else { continue }
            if let namespace, a.namespace < 0 || document.namespaces[Int(a.namespace)] != namespace { continue }
            return document.decodedText(a.valueStart, a.valueEnd, hasReference: a.hasReference)
        }
        return nil
    }

    /// `xml:lang` on this element or the nearest ancestor that has one.
    public var inheritedLanguage: String? {
        var e: XMLElement? = self
        while let current = e {
            if let lang = current.attribute("lang", namespace: XMLTokenizer.xmlNamespace), !lang.isEmpty { return lang }
            e = current.parent
        }
        return nil
    }

    /// All text inside the element (text and CDATA of every descendant), references resolved.
    public var text: String {
        var out = ""
        appendText(to: &out)
        return out
    }

    /// ``text`` with runs of whitespace collapsed to one space and trimmed; nil when empty.
    public var trimmedText: String? {
        let t = WireText.collapseWhitespace(text)
        return t.isEmpty ? nil : t
    }

    func appendText(to out: inout String) {
        let nodes = document.nodes
        var c = nodes[Int(index)].firstChild
        while c >= 0 {
            let n = nodes[Int(c)]
            switch n.kind {
            case .text: out += document.decodedText(n.start, n.end, hasReference: n.hasReference)
            case .cdata: out += document.string(n.start, n.end)
            case .element: XMLElement(document: document, index: c).appendText(to: &out)
            }
            c = n.next
        }
    }

    /// True when the element has child elements (not only text).
    public var hasElementChildren: Bool {
        var c = node.firstChild
        while c >= 0 {
            let n = document.nodes[Int(c)]
            if n.kind == .element { return true }
            c = n.next
        }
        return false
    }
}
