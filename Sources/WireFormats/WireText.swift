import Normalization

/// Small text utilities the readers share: whitespace collapsing, markup detection, and markup stripping for
/// fields that must be plain text (titles, bylines) and for comparing body text.
public enum WireText {
    /// Runs of whitespace (including no-break space, the Unicode spaces and line breaks) become one space; the ends
    /// are trimmed. Works on the UTF-8 bytes.
    public static func collapseWhitespace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { buf in
            var out: [UInt8] = []
            out.reserveCapacity(buf.count)
            var pendingSpace = false
            var i = 0
            let n = buf.count
            while i < n {
                let width = whitespaceWidth(buf, i)
                if width > 0 {
                    pendingSpace = !out.isEmpty
                    i += width
                    continue
                }
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(buf[i])
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// True when the text has a character other than whitespace.
    public static func hasVisibleText(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { buf in
            var i = 0
            while i < buf.count {
                let width = whitespaceWidth(buf, i)
                if width == 0 { return true }
                i += width
            }
            return false
        }
    }

    /// The byte length of the whitespace character at `i` (ASCII space and controls, U+0085, U+00A0, U+1680,
    /// U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF), or 0 when it is not whitespace.
    @inline(__always)
    static func whitespaceWidth(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b = buf[i]
        if b < 0x80 { return b == 0x20 || (b >= 0x09 && b <= 0x0D) ? 1 : 0 }
        let n = buf.count
        if b == 0xC2, i + 1 < n { return buf[i + 1] == 0xA0 || buf[i + 1] == 0x85 ? 2 : 0 }
        guard i + 2 < n else { return 0 }
        let b1 = buf[i + 1], b2 = buf[i + 2]
        switch b {
        case 0xE1: return b1 == 0x9A && b2 == 0x80 ? 3 : 0
        case 0xE2:
            if b1 == 0x80 { return (b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF ? 3 : 0 }
            return b1 == 0x81 && b2 == 0x9F ? 3 : 0
        case 0xE3: return b1 == 0x80 && b2 == 0x80 ? 3 : 0
        case 0xEF: return b1 == 0xBB && b2 == 0xBF ? 3 : 0
        default: return 0
        }
    }

    /// True when `text` contains an HTML tag (`<p>`, `</a>`, `<br/>`) or a character reference: it needs an HTML
    /// reader to become plain text.
    public static func containsMarkup(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { containsMarkup($0) }
    }

    static func containsMarkup(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < u.count {
            let b = u[i]
            if b == 0x3C, i + 1 < u.count {
                let c = u[i + 1]
                if (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x2F || c == 0x21 { return true }
            } else if b == 0x26 {
                var j = i + 1
                while j < u.count && j - i <= 32 && (u[j] == 0x23 || (u[j] | 0x20 >= 0x61 && u[j] | 0x20 <= 0x7A) || (u[j] >= 0x30 && u[j] <= 0x39)) { j += 1 }
                if j < u.count && u[j] == 0x3B && j > i + 1 { return true }
            }
            i += 1
        }
        return false
    }

    /// True when text declared plain is really HTML: it has paragraph or line-break tags (agencies send
    /// `<p>…</p>` in CDATA under `text/plain`).
    public static func looksLikeHTML(_ text: String) -> Bool {
        let lower = text.lowercased()
        return ["</p>", "<br", "</div>", "<p>", "</li>"].contains { lower.contains($0) }
    }

    /// The text a reader sees in an HTML fragment: tags removed (block-level ones end a line), `script`/`style`
    /// content dropped, character references resolved, whitespace collapsed within lines, empty lines dropped.
    public static func plainText(html: String) -> String {
        var lines: [String] = []
        var current = ""
        let scalars = Array(html.unicodeScalars)
        var i = 0
        var skipUntil: String? = nil
        func flush() {
            let line = collapseWhitespace(HTMLEntities.decode(current))
            if !line.isEmpty { lines.append(line) }
            current = ""
        }
        while i < scalars.count {
            let s = scalars[i]
            if s == "<" {
                var j = i + 1
                while j < scalars.count && scalars[j] != ">" { j += 1 }
                if j >= scalars.count {  // a lone '<' is text
                    if skipUntil == nil { current.unicodeScalars.append(s) }
                    i += 1
                    continue
                }
                var tag = String(String.UnicodeScalarView(scalars[(i + 1)..<j])).lowercased()
                i = j + 1
                let closing = tag.hasPrefix("/")
                if closing { tag.removeFirst() }
                let name = String(tag.prefix { $0.isLetter || $0.isNumber })
                if let until = skipUntil {
                    if closing && name == until { skipUntil = nil }
                    continue
                }
                if !closing && (name == "script" || name == "style") && !tag.hasSuffix("/") { skipUntil = name; continue }
                if blockTags.contains(name) { flush() }
                continue
            }
            if skipUntil == nil { current.unicodeScalars.append(s) }
            i += 1
        }
        flush()
        return lines.joined(separator: "\n")
    }

    /// A plain-text version of a field that may carry markup (titles, bylines): one line.
    public static func plainLine(_ text: String) -> String {
        collapseWhitespace(containsMarkup(text) ? plainText(html: text) : text)
    }

    static let blockTags: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote",
        "section", "article", "header", "footer", "dd", "dt", "dl", "hr", "figure", "figcaption", "caption", "tbody", "thead",
    ]
}
