import Normalization

/// Small text utilities the readers share: whitespace collapsing, markup detection, and markup stripping for
/// fields that must be plain text (titles, bylines) and for comparing body text.
public enum WireText {
    /// Runs of whitespace (including no-break space and line breaks) become one space; the ends are trimmed.
    public static func collapseWhitespace(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for s in text.unicodeScalars {
            if s.properties.isWhitespace || s == "\u{FEFF}" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(s)
            }
        }
        return String(out)
    }

    /// True when `text` contains an HTML tag (`<p>`, `</a>`, `<br/>`) or a character reference: it needs an HTML
    /// reader to become plain text.
    public static func containsMarkup(_ text: String) -> Bool {
        let u = Array(text.utf8)
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
