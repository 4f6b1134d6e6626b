import Foundation

/// The folded form of a text that hashing and matching use: case, quotes, dashes, diacritics,
/// compatibility forms and format characters folded; whitespace collapsed to single spaces.
///
/// `normalized.text` keeps its typography so offsets stay meaningful; only this form is folded.
public enum TextFolding {
    /// Folds `text` for matching: NFKC, lower case, no diacritics, ASCII quotes and dashes,
    /// no format characters (soft hyphen, zero-width), single spaces.
    public static func fold(_ text: String) -> String {
        let decomposed = text.precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(decomposed.unicodeScalars.count)
        var pendingSpace = false
        for scalar in decomposed.unicodeScalars {
            switch scalar.value {
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x00B4, 0x0060:
                flush(&out, &pendingSpace); out.append("'")
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB:
                flush(&out, &pendingSpace); out.append("\"")
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212:
                flush(&out, &pendingSpace); out.append("-")
            case 0x2026:
                flush(&out, &pendingSpace); out.append(contentsOf: "...".unicodeScalars)
            case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
                continue
            default:
                if scalar.properties.isWhitespace || scalar.value < 0x20 {
                    pendingSpace = !out.isEmpty
                } else if scalar.properties.generalCategory == .format {
                    continue
                } else {
                    flush(&out, &pendingSpace); out.append(scalar)
                }
            }
        }
        return String(out)
    }

    @inline(__always)
    private static func flush(_ out: inout String.UnicodeScalarView, _ pendingSpace: inout Bool) {
        if pendingSpace { out.append(" "); pendingSpace = false }
    }
}
