import Foundation

/// One element of the page: its tag, its parent and the weight of the markup around it.
struct PageNode {
    var tag: HTMLTag
    /// Index of the parent node (the document root, node 0, is its own parent).
    var parent: Int32
    /// This element's own markup weight (see `MarkupEvidence`).
    var own: Float
    /// Product of `own` over the element and all its ancestors.
    var weight: Float
    /// Author markup (`rel=author`, `itemprop=author`, a byline class).
    var author = false
    /// Hidden by its own or an ancestor's markup.
    var hidden = false
    /// Hash of the tag and its class attribute (0 without a class): elements from the same template share it.
    var markup: UInt64 = 0
    /// Byte offset of the element's start tag in the page (for explanations).
    var source: Int32 = 0
}

/// A run of text between block boundaries, decoded to UTF-8 in the parser's text arena.
struct TextBlock {
    var start: Int32
    var end: Int32
    /// Non-space code points.
    var chars: Int32
    /// Non-space code points inside links.
    var linkChars: Int32
    /// Sentence ends (`.` `!` `?` and their CJK forms).
    var stops: Int32
    var commas: Int32
    /// Innermost open element when the block ended.
    var node: Int32
    /// Nearest enclosing block-level element.
    var tag: HTMLTag
}

/// A tolerant, linear-time pass over the page bytes: elements, text blocks and metadata. No recursion;
/// nesting deeper than `maxDepth` is flattened, end tags are matched within the innermost 64 open elements.
struct PageParser {
    static let maxDepth = 1024
    /// Longest block (non-space code points) read as an author line.
    static let longestAuthorLine: Int32 = 120

    let buf: UnsafeBufferPointer<UInt8>
    var nodes: [PageNode] = [PageNode(tag: .other, parent: 0, own: 1, weight: 1)]
    var blocks: [TextBlock] = []
    var arena: [UInt8] = []
    var metadata = PageMetadataCollector()
    /// Whether the input is a whole page (has `<html>`, `<head>` or `<body>`) rather than a fragment.
    var isPage = false

    private var stack: [Int32] = [0]
    private var hiddenDepth = 0
    private var linkDepth = 0
    private var preDepth = 0
    private var blockStart = 0
    private var chars: Int32 = 0
    private var linkChars: Int32 = 0
    private var stops: Int32 = 0
    private var commas: Int32 = 0
    private var lastWasSpace = true
    private var quoteSearch: [MemoizedSearch] = [MemoizedSearch(), MemoizedSearch()]
    private var gtSearch = MemoizedSearch()
    private var commentSearch = MemoizedSearch()
    private var closeSearch: [HTMLTag: MemoizedSearch] = [:]

    init(buf: UnsafeBufferPointer<UInt8>) {
        self.buf = buf
        arena.reserveCapacity(buf.count / 3)
        nodes.reserveCapacity(buf.count / 40)
        blocks.reserveCapacity(buf.count / 200)
    }

    mutating func run() {
        let n = buf.count
        var i = 0
        var textStart = 0
        while i < n {
            // Skip to the next '<'.
            if buf[i] != UInt8(ascii: "<") {
                if let base = buf.baseAddress, let hit = memchr(base + i, Int32(UInt8(ascii: "<")), n - i) {
                    i = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
                } else {
                    i = n
                    break
                }
            }
            let next = i + 1 < n ? buf[i + 1] : 0
            if next == UInt8(ascii: "!") {
                if i > textStart { text(textStart, i) }
                if i + 3 < n, buf[i + 2] == UInt8(ascii: "-"), buf[i + 3] == UInt8(ascii: "-") {
                    i = endOfComment(from: i + 4)
                } else {
                    i = afterGT(from: i + 2)
                }
                textStart = i
            } else if next == UInt8(ascii: "?") {
                if i > textStart { text(textStart, i) }
                i = afterGT(from: i + 2)
                textStart = i
            } else if next == UInt8(ascii: "/"), i + 2 < n, ByteScan.isAlpha(buf[i + 2]) {
                if i > textStart { text(textStart, i) }
                var j = i + 2
                while j < n, !ByteScan.isSpace(buf[j]), buf[j] != UInt8(ascii: ">"), buf[j] != UInt8(ascii: "/") { j += 1 }
                let tag = HTMLTag.byHash[ByteHash.fnv(buf, i + 2, j)] ?? .other
                i = afterGT(from: j)
                endTag(tag)
                textStart = i
            } else if ByteScan.isAlpha(next) {
                if i > textStart { text(textStart, i) }
                var j = i + 1
                while j < n, !ByteScan.isSpace(buf[j]), buf[j] != UInt8(ascii: ">"), buf[j] != UInt8(ascii: "/") { j += 1 }
                let tag = HTMLTag.byHash[ByteHash.fnv(buf, i + 1, j)] ?? .other
                var attrs = AttributeRanges()
                var selfClosing = false
                let tagStart = i
                i = attributes(from: j, into: &attrs, selfClosing: &selfClosing)
                if tag.has(HTMLTag.isRawText) && !selfClosing {
                    let close = closeTag(tag, from: i)
                    rawText(tag, attrs, i, close?.contentEnd ?? n)
                    i = close?.after ?? n
                } else {
                    startTag(tag, attrs, selfClosing: selfClosing, at: tagStart)
                }
                textStart = i
            } else {
                i += 1  // a literal '<'
            }
        }
        if n > textStart { text(textStart, n) }
        popTo(1)
        flush()
    }

    // MARK: scanning

    private mutating func afterGT(from: Int) -> Int {
        let buf = self.buf
        return gtSearch.first(from: from, limit: buf.count) { buf[$0] == UInt8(ascii: ">") }.map { $0 + 1 } ?? buf.count
    }

    private mutating func endOfComment(from: Int) -> Int {
        let buf = self.buf
        let n = buf.count
        return commentSearch.first(from: from, limit: n) { k in
            k + 2 < n && buf[k] == UInt8(ascii: "-") && buf[k + 1] == UInt8(ascii: "-") && buf[k + 2] == UInt8(ascii: ">")
        }.map { $0 + 3 } ?? n
    }

    /// Finds `</name` (case-insensitive) from `from`; returns where the content ends and the index after `>`.
    private mutating func closeTag(_ tag: HTMLTag, from: Int) -> (contentEnd: Int, after: Int)? {
        let buf = self.buf
        let n = buf.count
        let name = Array(tag.name.utf8)
        var search = closeSearch[tag] ?? MemoizedSearch()
        defer { closeSearch[tag] = search }
        guard let k = search.first(from: from, limit: n, { k in
            guard buf[k] == UInt8(ascii: "<"), k + 2 + name.count <= n, buf[k + 1] == UInt8(ascii: "/") else { return false }
            for m in 0..<name.count where ByteHash.lower(buf[k + 2 + m]) != name[m] { return false }
            let after = k + 2 + name.count
            return after >= n || ByteScan.isSpace(buf[after]) || buf[after] == UInt8(ascii: ">") || buf[after] == UInt8(ascii: "/")
        }) else { return nil }
        return (k, afterGT(from: k + 2 + name.count))
    }

    /// Reads the attributes from `j` to the end of the tag; returns the index after `>`.
    private mutating func attributes(from j: Int, into attrs: inout AttributeRanges, selfClosing: inout Bool) -> Int {
        let buf = self.buf
        let n = buf.count
        var k = j
        var count = 0
        while k < n {
            while k < n, ByteScan.isSpace(buf[k]) { k += 1 }
            guard k < n else { return n }
            if buf[k] == UInt8(ascii: ">") { return k + 1 }
            if buf[k] == UInt8(ascii: "/") {
                if k + 1 < n, buf[k + 1] == UInt8(ascii: ">") { selfClosing = true; return k + 2 }
                k += 1
                continue
            }
            let nameStart = k
            k += 1
            while k < n, !ByteScan.isSpace(buf[k]), buf[k] != UInt8(ascii: "="), buf[k] != UInt8(ascii: ">"), buf[k] != UInt8(ascii: "/") { k += 1 }
            let nameHash = count < 64 ? ByteHash.fnv(buf, nameStart, k) : 0
            count += 1
            while k < n, ByteScan.isSpace(buf[k]) { k += 1 }
            var value: Range<Int> = k..<k
            if k < n, buf[k] == UInt8(ascii: "=") {
                k += 1
                while k < n, ByteScan.isSpace(buf[k]) { k += 1 }
                if k < n, buf[k] == UInt8(ascii: "\"") || buf[k] == UInt8(ascii: "'") {
                    let quote = buf[k]
                    let valueStart = k + 1
                    // Tolerant: an unclosed quote ends at the next '>'.
                    if let close = quoteSearch[quote == UInt8(ascii: "\"") ? 0 : 1].first(from: valueStart, limit: n, { buf[$0] == quote }) {
                        value = valueStart..<close
                        k = close + 1
                    } else {
                        let gt = gtSearch.first(from: valueStart, limit: n) { buf[$0] == UInt8(ascii: ">") } ?? n
                        value = valueStart..<gt
                        k = gt
                    }
                } else {
                    let valueStart = k
                    while k < n, !ByteScan.isSpace(buf[k]), buf[k] != UInt8(ascii: ">") { k += 1 }
                    value = valueStart..<k
                }
            }
            if let slot = AttributeRanges.slots[nameHash] {
                attrs.set(slot, value)
            } else if nameHash == AttributeRanges.hiddenHash {
                attrs.hidden = true
            } else if nameHash == AttributeRanges.pubdateHash {
                attrs.pubdate = true
            }
        }
        return n
    }

    // MARK: tree events

    private mutating func startTag(_ tag: HTMLTag, _ attrs: AttributeRanges, selfClosing: Bool, at offset: Int) {
        switch tag {
        case .meta: metadata.meta(attrs, buf); return
        case .link: metadata.link(attrs, buf); return
        case .html:
            isPage = true
            if let r = attrs.lang { metadata.lang = PageMetadataCollector.string(buf, r) }
        case .head: isPage = true
        case .body:
            isPage = true
            if let k = stack.lastIndex(where: { nodes[Int($0)].tag == .head }) { popTo(k) }
        case .time: metadata.time(attrs, buf)
        case .br:
            if hiddenDepth == 0 { appendLineBreak() }
            return
        default: break
        }
        if tag.has(HTMLTag.isBlock) {
            flush()
            // Implied ends: a new block closes an open <p>; <li>, <dt>/<dd>, <tr>, <td>/<th> close their siblings.
            if nodes[Int(stack[stack.count - 1])].tag == .p, stack.count > 1 { popTo(stack.count - 1) }
            closeImplied(by: tag)
        }
        if selfClosing || tag.has(HTMLTag.isVoid) { return }
        guard stack.count < PageParser.maxDepth else { return }
        let parent = stack[stack.count - 1]
        let needsEvidence = attrs.classValue != nil || attrs.id != nil || attrs.role != nil || attrs.itemprop != nil
            || attrs.style != nil || attrs.hidden || attrs.ariaHidden != nil || tag == .article || tag == .main || tag.has(HTMLTag.isFurniture)
        let ownHidden = (attrs.hidden || attrs.style != nil) && MarkupEvidence.hides(attrs, in: buf)
        let hidden = nodes[Int(parent)].hidden || ownHidden
        let own = needsEvidence ? MarkupEvidence.weight(tag: tag, attributes: attrs, hidden: ownHidden, in: buf) : 1
        let weight = min(max(nodes[Int(parent)].weight * own, 1e-6), 1e6)
        let author = (attrs.rel != nil || attrs.itemprop != nil || attrs.classValue != nil) && MarkupEvidence.isAuthor(attrs, buf)
        let markup = attrs.classValue.map { ByteHash.fnv(buf, $0.lowerBound, $0.upperBound) ^ UInt64(tag.rawValue) } ?? 0
        nodes.append(PageNode(tag: tag, parent: parent, own: own, weight: weight, author: author, hidden: hidden,
                              markup: markup, source: Int32(offset)))
        stack.append(Int32(nodes.count - 1))
        if tag.has(HTMLTag.isHidden) { hiddenDepth += 1 }
        if tag == .a { linkDepth += 1 }
        if tag == .pre { preDepth += 1 }
    }

    /// List items, table rows and cells, definition terms and options close an open sibling, up to
    /// their list, table or row: `<li>a<li>b`, `<tr><td>a<tr><td>b`.
    private mutating func closeImplied(by tag: HTMLTag) {
        let closes: (HTMLTag) -> Bool
        let boundary: (HTMLTag) -> Bool
        switch tag {
        case .li: closes = { $0 == .li }; boundary = { $0 == .ul || $0 == .ol || $0 == .menu }
        case .dt, .dd: closes = { $0 == .dt || $0 == .dd }; boundary = { $0 == .dl }
        case .tr: closes = { $0 == .tr || $0 == .td || $0 == .th }; boundary = { $0 == .table || $0 == .tbody || $0 == .thead || $0 == .tfoot }
        case .td, .th: closes = { $0 == .td || $0 == .th }; boundary = { $0 == .tr || $0 == .table }
        case .tbody, .thead, .tfoot: closes = { $0 == .tr || $0 == .td || $0 == .th || $0 == .tbody || $0 == .thead || $0 == .tfoot }; boundary = { $0 == .table }
        case .option: closes = { $0 == .option }; boundary = { $0 == .select }
        default: return
        }
        var k = stack.count - 1
        let limit = max(1, stack.count - 16)
        var found = -1
        while k >= limit {
            let t = nodes[Int(stack[k])].tag
            if boundary(t) { break }
            if closes(t) { found = k }
            k -= 1
        }
        if found >= 1 { popTo(found) }
    }

    private mutating func endTag(_ tag: HTMLTag) {
        if tag == .br {
            if hiddenDepth == 0 { appendLineBreak() }
            return
        }
        if tag.has(HTMLTag.isBlock) { flush() }
        var k = stack.count - 1
        let limit = max(1, stack.count - 64)
        while k >= limit {
            if nodes[Int(stack[k])].tag == tag { popTo(k); return }
            k -= 1
        }
    }

    /// Pops the open elements `index...` (never the root).
    private mutating func popTo(_ index: Int) {
        while stack.count > max(index, 1) {
            let tag = nodes[Int(stack[stack.count - 1])].tag
            if tag.has(HTMLTag.isBlock) { flush() }
            stack.removeLast()
            if tag.has(HTMLTag.isHidden) { hiddenDepth -= 1 }
            if tag == .a { linkDepth = max(0, linkDepth - 1) }
            if tag == .pre { preDepth = max(0, preDepth - 1) }
        }
    }

    private mutating func rawText(_ tag: HTMLTag, _ attrs: AttributeRanges, _ a: Int, _ b: Int) {
        guard b > a else { return }
        if tag == .title {
            metadata.documentTitle(buf, a, b)
        } else if tag == .script, let t = attrs.type, ByteScan.containsLower(buf, t, "ld+json") {
            metadata.jsonLD(buf, a, b)
        }
    }

    // MARK: text

    private mutating func appendLineBreak() {
        arena.append(contentsOf: [0xE2, 0x80, 0xA8])  // U+2028
        lastWasSpace = true
    }

    /// Appends the text `buf[a..<b]` (entities decoded, white space collapsed) to the current block.
    private mutating func text(_ a: Int, _ b: Int) {
        guard hiddenDepth == 0 else { return }
        var added: Int32 = 0
        var k = a
        let pre = preDepth > 0
        while k < b {
            let c = buf[k]
            if c == UInt8(ascii: "&"), let (scalars, next) = HTMLEntities.reference(buf, k, b) {
                for s in scalars {
                    if s.value == 0xA0 || s.value == 0x20 || s.value == 0x09 || s.value == 0x0A {
                        if !lastWasSpace { arena.append(32); lastWasSpace = true }
                        continue
                    }
                    appendScalar(s)
                    added += 1
                    lastWasSpace = false
                    countPunctuation(s.value)
                }
                k = next
                continue
            }
            if c == 32 || c == 9 || c == 10 || c == 13 || c == 12 {
                if pre && c == 10 {
                    appendLineBreak()
                } else if !lastWasSpace {
                    arena.append(32)
                    lastWasSpace = true
                }
                k += 1
                continue
            }
            arena.append(c)
            lastWasSpace = false
            if c & 0xC0 != 0x80 {
                added += 1
                if c < 0x80 {
                    if c == UInt8(ascii: ".") || c == UInt8(ascii: "!") || c == UInt8(ascii: "?") { stops += 1 }
                    else if c == UInt8(ascii: ",") { commas += 1 }
                } else if c == 0xE3, k + 2 < b, buf[k + 1] == 0x80 {
                    if buf[k + 2] == 0x82 { stops += 1 } else if buf[k + 2] == 0x81 { commas += 1 }
                } else if c == 0xEF, k + 2 < b, buf[k + 1] == 0xBC {
                    if buf[k + 2] == 0x8C { commas += 1 } else if buf[k + 2] == 0x81 || buf[k + 2] == 0x9F { stops += 1 }
                }
            }
            k += 1
        }
        chars += added
        if linkDepth > 0 { linkChars += added }
    }

    @inline(__always) private mutating func countPunctuation(_ v: UInt32) {
        if v == 0x2E || v == 0x21 || v == 0x3F || v == 0x3002 || v == 0xFF01 || v == 0xFF1F { stops += 1 }
        else if v == 0x2C || v == 0x3001 || v == 0xFF0C { commas += 1 }
    }

    @inline(__always) private mutating func appendScalar(_ s: Unicode.Scalar) {
        let v = s.value
        if v < 0x80 {
            arena.append(UInt8(v))
        } else if v < 0x800 {
            arena.append(UInt8(0xC0 | (v >> 6)))
            arena.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            arena.append(UInt8(0xE0 | (v >> 12)))
            arena.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            arena.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            arena.append(UInt8(0xF0 | (v >> 18)))
            arena.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            arena.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            arena.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// Ends the current text block (kept when it has any non-space text).
    private mutating func flush() {
        if chars > 0 {
            let top = stack[stack.count - 1]
            var tag = HTMLTag.body
            var k = stack.count - 1
            while k > 0 {
                let t = nodes[Int(stack[k])].tag
                if t.has(HTMLTag.isBlock) { tag = t; break }
                k -= 1
            }
            blocks.append(TextBlock(
                start: Int32(blockStart), end: Int32(arena.count), chars: chars, linkChars: linkChars, stops: stops, commas: commas,
                node: top, tag: tag))
            // An element that holds a paragraph is not a byline, whatever its class says (`author-…` on a post).
            if chars > PageParser.longestAuthorLine {
                var a = Int(top), steps = 0
                while a > 0, steps < 4 { nodes[a].author = false; a = Int(nodes[a].parent); steps += 1 }
            }
        } else {
            arena.removeSubrange(blockStart..<arena.count)
        }
        blockStart = arena.count
        chars = 0
        linkChars = 0
        stops = 0
        commas = 0
        lastWasSpace = true
    }

    /// Whether `block` sits in author markup (within four levels).
    func isAuthorLine(_ block: TextBlock) -> Bool {
        var k = Int(block.node), steps = 0
        while k > 0, steps < 4 {
            if nodes[k].author { return true }
            k = Int(nodes[k].parent)
            steps += 1
        }
        return false
    }

    /// Hash of a block's text (for finding repeated paragraphs).
    func textHash(_ block: TextBlock) -> UInt64 {
        arena.withUnsafeBufferPointer { ByteHash.fnv($0, Int(block.start), Int(block.end)) }
    }

    /// The text of `block` as a string.
    func string(_ block: TextBlock) -> String {
        arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(block.start)..<Int(block.end)]), as: UTF8.self) }
    }
}
