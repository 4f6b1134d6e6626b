/// A parsed XML document: a flat node table over the (UTF-8) bytes it was read from.
///
/// Built by ``XMLTokenizer`` in one pass. Names are kept as byte ranges and compared as bytes, namespaces are
/// resolved to URIs while parsing (so readers match by namespace URI and local name, never by prefix), and text
/// is decoded only when a reader asks for it.
public final class XMLDocument: Sendable {
    /// What a node is.
    enum Kind: UInt8, Sendable { case element, text, cdata }

    struct Node: Sendable {
        var kind: Kind
        /// Element: the local name; text/CDATA: the content.
        var start: Int32
        var end: Int32
        /// Element: index into ``namespaces`` (-1 = none).
        var namespace: Int32
        var parent: Int32
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        var next: Int32 = -1
        /// Element: first attribute in ``attributes`` and how many.
        var attributeStart: Int32 = 0
        var attributeCount: Int32 = 0
        /// Text: the raw bytes contain `&` (references to resolve).
        var hasReference: Bool = false
    }

    struct Attribute: Sendable {
        var nameStart: Int32, nameEnd: Int32
        var namespace: Int32
        var valueStart: Int32, valueEnd: Int32
        var hasReference: Bool
    }

    let bytes: [UInt8]
    let nodes: [Node]
    let attributes: [Attribute]
    /// Namespace URIs seen in the document; node and attribute namespaces index into it.
    let namespaces: [String]
    /// Index of the root element in ``nodes``.
    let rootIndex: Int32
    /// The parser had to repair the markup (unclosed or stray tags, unquoted attributes, undeclared prefixes).
    public let repaired: Bool

    init(bytes: [UInt8], nodes: [Node], attributes: [Attribute], namespaces: [String], rootIndex: Int32, repaired: Bool) {
        self.repaired = repaired
        self.bytes = bytes
        self.nodes = nodes
        self.attributes = attributes
        self.namespaces = namespaces
        self.rootIndex = rootIndex
    }

    /// The document element.
    public var root: XMLElement { XMLElement(document: self, index: rootIndex) }

    /// Parses `bytes` (UTF-8) tolerantly; throws only when there is no element at all.
    public static func parse(_ bytes: [UInt8]) throws(XMLSyntaxError) -> XMLDocument {
        var tokenizer = XMLTokenizer(bytes)
        return try tokenizer.parse()
    }

    /// Compares a byte range with an ASCII name.
    @inline(__always)
    func bytesEqual(_ start: Int32, _ end: Int32, _ name: StaticString) -> Bool {
        let count = Int(end - start)
        guard count == name.utf8CodeUnitCount else { return false }
        let base = name.utf8Start
        for k in 0..<count where bytes[Int(start) + k] != base[k] { return false }
        return true
    }

    /// Case-insensitive variant of ``bytesEqual(_:_:_:)`` (for vocabularies that write `P` or `p`).
    @inline(__always)
    func bytesEqualIgnoringCase(_ start: Int32, _ end: Int32, _ name: StaticString) -> Bool {
        let count = Int(end - start)
        guard count == name.utf8CodeUnitCount else { return false }
        let base = name.utf8Start
        for k in 0..<count where bytes[Int(start) + k] | 0x20 != base[k] | 0x20 { return false }
        return true
    }

    func string(_ start: Int32, _ end: Int32) -> String {
        String(decoding: bytes[Int(start)..<Int(end)], as: UTF8.self)
    }

    /// The text of a text node or attribute value, with character and entity references resolved.
    func decodedText(_ start: Int32, _ end: Int32, hasReference: Bool) -> String {
        let raw = string(start, end)
        return hasReference ? CharacterReferences.decode(raw) : raw
    }
}

/// The input has no element at all (so it is not XML), with where parsing stopped.
public struct XMLSyntaxError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
