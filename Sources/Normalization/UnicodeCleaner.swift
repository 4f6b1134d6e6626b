import Foundation

/// Unicode and whitespace clean-up: NFC, CRLF/CR to LF, control, zero-width and bidi-control characters
/// removed, soft hyphen removed, NBSP and other spaces to a single space, lines trimmed, runs of blank lines
/// become one paragraph break, runs of U+FFFD (invalid input) collapsed to one (kept, never dropped silently).
public enum UnicodeCleaner {
    /// Splits `input` into cleaned paragraphs (lines inside a paragraph joined with "\n").
    ///
    /// With `htmlWhitespace`, CR/LF/tab count as spaces (as in HTML text) and only U+2028 breaks a line,
    /// U+2029 a paragraph.
    public static func paragraphs(_ input: String, htmlWhitespace: Bool = false) -> [String] {
        var state = State(htmlWhitespace: htmlWhitespace)
        let text = isASCII(input) ? input : input.precomposedStringWithCanonicalMapping
        for scalar in text.unicodeScalars { state.feed(scalar) }
        state.endParagraph()
        return state.paragraphs
    }

    /// `input` cleaned to a single line (all breaks become spaces).
    public static func singleLine(_ input: String) -> String {
        paragraphs(input, htmlWhitespace: true).joined(separator: " ").replacingOccurrences(of: "\n", with: " ")
    }

    static func isASCII(_ s: String) -> Bool {
        var result = true
        var s = s
        s.withUTF8 { buf in
            for b in buf where b >= 0x80 { result = false; break }
        }
        return result
    }

    /// Kind of a scalar for cleaning.
    enum Kind { case keep, space, lineBreak, paragraphBreak, drop }

    @inline(__always)
    static func kind(_ s: Unicode.Scalar, previous: UInt32, htmlWhitespace: Bool) -> Kind {
        let v = s.value
        if v >= 0x20 && v < 0x7F { return v == 0x20 ? .space : .keep }
        switch v {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85: return htmlWhitespace ? .space : .lineBreak
        case 0x09: return .space
        case 0x2028: return .lineBreak
        case 0x2029: return .paragraphBreak
        case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return .space
        case 0x00AD, 0x200B, 0x2060, 0xFEFF, 0x180E, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFFFE, 0xFFFF:
            return .drop
        case 0x200C, 0x200D:
            // Joiners matter inside non-Latin scripts and emoji sequences; elsewhere they are noise.
            return previous > 0x2FF ? .keep : .drop
        case 0...0x1F, 0x7F...0x9F: return .drop
        default:
            if v < 0x300 { return .keep }
            switch s.properties.generalCategory {
            case .format, .control, .surrogate: return .drop
            case .spaceSeparator: return .space
            case .lineSeparator: return .lineBreak
            case .paragraphSeparator: return .paragraphBreak
            default: return .keep
            }
        }
    }

    struct State {
        let htmlWhitespace: Bool
        var paragraphs: [String] = []
        var paragraph = String.UnicodeScalarView()
        var line = String.UnicodeScalarView()
        var pendingSpace = false
        var previous: UInt32 = 0
        var lastCR = false

        init(htmlWhitespace: Bool) { self.htmlWhitespace = htmlWhitespace }

        mutating func feed(_ s: Unicode.Scalar) {
            let v = s.value
            if lastCR {
                lastCR = false
                if v == 0x0A && !htmlWhitespace { return }
            }
            switch UnicodeCleaner.kind(s, previous: previous, htmlWhitespace: htmlWhitespace) {
            case .keep:
                if v == 0xFFFD && previous == 0xFFFD { return }
                if pendingSpace && !line.isEmpty { line.append(" ") }
                pendingSpace = false
                line.append(s)
                previous = v
            case .space:
                pendingSpace = true
            case .lineBreak:
                if v == 0x0D { lastCR = true }
                endLine()
            case .paragraphBreak:
                endParagraph()
            case .drop:
                break
            }
        }

        mutating func endLine() {
            pendingSpace = false
            previous = 0
            if line.isEmpty {
                endParagraph()
                return
            }
            if !paragraph.isEmpty { paragraph.append("\n") }
            paragraph.append(contentsOf: line)
            line = String.UnicodeScalarView()
        }

        mutating func endParagraph() {
            if !line.isEmpty {
                if !paragraph.isEmpty { paragraph.append("\n") }
                paragraph.append(contentsOf: line)
                line = String.UnicodeScalarView()
            }
            pendingSpace = false
            previous = 0
            if !paragraph.isEmpty {
                paragraphs.append(String(paragraph))
                paragraph = String.UnicodeScalarView()
            }
        }
    }
}
