/// A tolerant, byte-level XML parser building an ``XMLDocument``.
///
/// Handles the XML declaration, processing instructions, comments, DOCTYPE (with an internal subset), CDATA,
/// single- or double-quoted (and, tolerantly, unquoted) attribute values, namespace declarations at any depth,
/// and empty-element tags. It repairs instead of failing: an end tag without a matching start tag is ignored, an
/// unclosed element is closed at its parent's end tag or at the end of input, a stray `<` is read as text.
/// ``repaired`` says whether it had to.
struct XMLTokenizer {
    private let bytes: [UInt8]
    private var nodes: [XMLDocument.Node] = []
    private var attributes: [XMLDocument.Attribute] = []
    private var namespaces: [String] = []
    private var namespaceIndex: [String: Int32] = [:]
    /// In-scope prefix bindings: (prefix bytes range, namespace index); the empty prefix is the default namespace.
    private var bindings: [(start: Int32, end: Int32, namespace: Int32)] = []
    /// Open elements: node index, qualified-name range, bindings count at open.
    private var stack: [(node: Int32, qStart: Int32, qEnd: Int32, bindingMark: Int)] = []
    private var rootIndex: Int32 = -1
    private(set) var repaired = false

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        nodes.reserveCapacity(bytes.count / 24)
        attributes.reserveCapacity(bytes.count / 64)
    }

    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    mutating func parse() throws(XMLSyntaxError) -> XMLDocument {
        let n = bytes.count
        try bytes.withUnsafeBufferPointer { (buf: UnsafeBufferPointer<UInt8>) throws(XMLSyntaxError) in
            _ = intern(Self.xmlNamespace)
            var i = 0
            while i < n {
                if buf[i] != 0x3C {  // text up to the next '<'
                    let start = i
                    var amp = false
                    while i < n && buf[i] != 0x3C {
                        if buf[i] == 0x26 { amp = true }
                        i += 1
                    }
                    addText(start, i, amp, kind: .text)
                    continue
                }
                guard i + 1 < n else { addText(i, n, false, kind: .text); i = n; break }
                let c = buf[i + 1]
                if c == 0x21 {  // '!'
                    if hasPrefix(buf, i, "<!--") {
                        i = find(buf, i + 4, "-->").map { $0 + 3 } ?? n
                    } else if hasPrefix(buf, i, "<![CDATA[") {
                        let start = i + 9
                        let end = find(buf, start, "]]>") ?? n
                        if end == n { repaired = true }
                        addText(start, end, false, kind: .cdata)
                        i = min(end + 3, n)
                    } else {  // DOCTYPE or other declaration, possibly with an internal subset
                        var depth = 0
                        var j = i + 2
                        while j < n {
                            let b = buf[j]
                            if b == 0x5B { depth += 1 } else if b == 0x5D { depth -= 1 } else if b == 0x3E && depth <= 0 { break }
                            j += 1
                        }
                        i = min(j + 1, n)
                    }
                } else if c == 0x3F {  // '?'
                    i = find(buf, i + 2, "?>").map { $0 + 2 } ?? n
                } else if c == 0x2F {  // '/'
                    i = endTag(buf, i)
                } else if isNameStart(c) {
                    i = startTag(buf, i)
                } else {  // a stray '<' in text
                    repaired = true
                    addText(i, i + 1, false, kind: .text)
                    i += 1
                }
            }
            if !stack.isEmpty { repaired = true }
            stack.removeAll()
            if rootIndex < 0 { throw XMLSyntaxError(description: "no XML element found") }
        }
        return XMLDocument(bytes: bytes, nodes: nodes, attributes: attributes, namespaces: namespaces, rootIndex: rootIndex, repaired: repaired)
    }

    // MARK: tags

    private mutating func startTag(_ buf: UnsafeBufferPointer<UInt8>, _ open: Int) -> Int {
        let n = buf.count
        var i = open + 1
        let qStart = i
        while i < n && isNameChar(buf[i]) { i += 1 }
        let qEnd = i
        let bindingMark = bindings.count
        let firstAttribute = attributes.count
        var pending: [(qStart: Int, qEnd: Int, vStart: Int, vEnd: Int, amp: Bool)] = []
        var selfClosing = false
        // attributes
        while i < n {
            let b = buf[i]
            if b == 0x3E { i += 1; break }
            if b == 0x2F && i + 1 < n && buf[i + 1] == 0x3E { selfClosing = true; i += 2; break }
            if b == 0x3C { repaired = true; break }  // unterminated tag: the next tag starts here
            if !isNameStart(b) { i += 1; continue }
            let aStart = i
            while i < n && isNameChar(buf[i]) { i += 1 }
            let aEnd = i
            while i < n && isSpace(buf[i]) { i += 1 }
            var vStart = i, vEnd = i, amp = false
            if i < n && buf[i] == 0x3D {
                i += 1
                while i < n && isSpace(buf[i]) { i += 1 }
                if i < n && (buf[i] == 0x22 || buf[i] == 0x27) {
                    let quote = buf[i]
                    i += 1
                    vStart = i
                    while i < n && buf[i] != quote {
                        if buf[i] == 0x26 { amp = true }
                        i += 1
                    }
                    vEnd = i
                    if i < n { i += 1 }
                } else {
                    repaired = true
                    vStart = i
                    while i < n && !isSpace(buf[i]) && buf[i] != 0x3E { i += 1 }
                    vEnd = i
                }
            }
            // namespace declarations take effect for this element's own name and attributes
            if aEnd - aStart >= 5 && hasPrefix(buf, aStart, "xmlns") && (aEnd - aStart == 5 || buf[aStart + 5] == 0x3A) {
                let uri = String(decoding: UnsafeBufferPointer(rebasing: buf[vStart..<vEnd]), as: UTF8.self)
                let prefixStart = aEnd - aStart == 5 ? aEnd : aStart + 6
                bindings.append((Int32(prefixStart), Int32(aEnd), uri.isEmpty ? -1 : intern(uri)))
            } else {
                pending.append((aStart, aEnd, vStart, vEnd, amp))
            }
        }
        let (nameStart, namespace) = resolve(buf, qStart, qEnd, isAttribute: false)
        for a in pending {
            let (localStart, ns) = resolve(buf, a.qStart, a.qEnd, isAttribute: true)
            attributes.append(XMLDocument.Attribute(
                nameStart: Int32(localStart), nameEnd: Int32(a.qEnd), namespace: ns, valueStart: Int32(a.vStart), valueEnd: Int32(a.vEnd),
                hasReference: a.amp))
        }
        let parent = stack.last?.node ?? -1
        if parent < 0 && rootIndex >= 0 {
            // a second top-level element: not well-formed; keep it under the root so nothing is lost
            repaired = true
        }
        let index = Int32(nodes.count)
        var node = XMLDocument.Node(kind: .element, start: Int32(nameStart), end: Int32(qEnd), namespace: namespace, parent: parent >= 0 ? parent : (rootIndex >= 0 ? rootIndex : -1))
        node.attributeStart = Int32(firstAttribute)
        node.attributeCount = Int32(attributes.count - firstAttribute)
        append(node)
        if rootIndex < 0 { rootIndex = index }
        if selfClosing {
            bindings.removeSubrange(bindingMark...)
        } else {
            stack.append((index, Int32(qStart), Int32(qEnd), bindingMark))
        }
        return i
    }

    private mutating func endTag(_ buf: UnsafeBufferPointer<UInt8>, _ open: Int) -> Int {
        let n = buf.count
        var i = open + 2
        let qStart = i
        while i < n && isNameChar(buf[i]) { i += 1 }
        let qEnd = i
        while i < n && buf[i] != 0x3E { i += 1 }
        i = min(i + 1, n)
        // close the innermost open element with this name; unmatched end tags are dropped
        var k = stack.count - 1
        while k >= 0 {
            let e = stack[k]
            if e.qEnd - e.qStart == Int32(qEnd - qStart) && sameBytes(buf, Int(e.qStart), qStart, qEnd - qStart) { break }
            k -= 1
        }
        if k < 0 { repaired = true; return i }
        if k != stack.count - 1 { repaired = true }
        bindings.removeSubrange(stack[k].bindingMark...)
        stack.removeSubrange(k...)
        return i
    }

    /// The local name's start and the namespace of a qualified name.
    private mutating func resolve(_ buf: UnsafeBufferPointer<UInt8>, _ qStart: Int, _ qEnd: Int, isAttribute: Bool) -> (Int, Int32) {
        var colon = -1
        for k in qStart..<qEnd where buf[k] == 0x3A { colon = k; break }
        if colon < 0 {
            if isAttribute { return (qStart, -1) }
            return (qStart, lookup(buf, qStart, qStart))
        }
        if colon - qStart == 3 && hasPrefix(buf, qStart, "xml:") { return (colon + 1, 0) }
        let ns = lookup(buf, qStart, colon)
        if ns == -2 { repaired = true; return (colon + 1, -1) }  // undeclared prefix
        return (colon + 1, ns)
    }

    /// The namespace bound to the prefix `buf[start..<end]` (empty = default); -1 none, -2 undeclared prefix.
    private func lookup(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        let length = end - start
        var k = bindings.count - 1
        while k >= 0 {
            let b = bindings[k]
            if Int(b.end - b.start) == length && sameBytes(buf, Int(b.start), start, length) { return b.namespace }
            k -= 1
        }
        return length == 0 ? -1 : -2
    }

    // MARK: nodes

    private mutating func addText(_ start: Int, _ end: Int, _ amp: Bool, kind: XMLDocument.Kind) {
        guard end > start, let parent = stack.last?.node else { return }
        append(XMLDocument.Node(kind: kind, start: Int32(start), end: Int32(end), namespace: -1, parent: parent, hasReference: amp))
    }

    private mutating func append(_ node: XMLDocument.Node) {
        let index = Int32(nodes.count)
        let parent = node.parent
        nodes.append(node)
        guard parent >= 0 else { return }
        let last = nodes[Int(parent)].lastChild
        if last >= 0 { nodes[Int(last)].next = index } else { nodes[Int(parent)].firstChild = index }
        nodes[Int(parent)].lastChild = index
    }

    private mutating func intern(_ uri: String) -> Int32 {
        if let k = namespaceIndex[uri] { return k }
        let k = Int32(namespaces.count)
        namespaces.append(uri)
        namespaceIndex[uri] = k
        return k
    }

    // MARK: bytes

    @inline(__always) private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
    @inline(__always) private func isNameStart(_ b: UInt8) -> Bool {
        (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F || b == 0x3A || b >= 0x80
    }
    @inline(__always) private func isNameChar(_ b: UInt8) -> Bool {
        isNameStart(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x2E
    }
    @inline(__always) private func sameBytes(_ buf: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int, _ count: Int) -> Bool {
        for k in 0..<count where buf[a + k] != buf[b + k] { return false }
        return true
    }
    private func hasPrefix(_ buf: UnsafeBufferPointer<UInt8>, _ at: Int, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard at + count <= buf.count else { return false }
        let base = literal.utf8Start
        for k in 0..<count where buf[at + k] != base[k] { return false }
        return true
    }
    /// Index of the next occurrence of `literal` at or after `from`.
    private func find(_ buf: UnsafeBufferPointer<UInt8>, _ from: Int, _ literal: StaticString) -> Int? {
        let count = literal.utf8CodeUnitCount
        let first = literal.utf8Start[0]
        var i = from
        while i + count <= buf.count {
            if buf[i] == first && hasPrefix(buf, i, literal) { return i }
            i += 1
        }
        return nil
    }
}
