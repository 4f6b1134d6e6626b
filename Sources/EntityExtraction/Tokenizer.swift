/// A token of raw text: normalized form plus scalar offsets into the original text.
struct TextToken: Sendable, Equatable {
    /// Normalized text (curly quotes and apostrophes folded to ASCII) used for features and rules.
    var text: String
    var start: Int
    var end: Int
    /// True when a line break separates this token from the previous one (two for a blank line).
    var newlinesBefore: Int
    /// Number of whitespace scalars between the previous token and this one.
    var gapBefore: Int = 1
}

/// Tokenizer for news text in the CoNLL-2003 style: punctuation split off, `'s` separate,
/// abbreviations (`U.S.`, `Feb.`, `Mr.`) and hyphenated words kept whole.
enum Tokenizer {
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "maj", "capt", "sgt", "cmdr", "adm",
        "jr", "sr", "st", "mt", "ft", "rev", "hon", "pres", "supt", "insp", "det",
        "inc", "corp", "co", "ltd", "plc", "bros", "dept", "univ", "assn", "est",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "no", "nos", "vs", "etc", "approx", "ave", "blvd", "rd", "cf", "al", "fig", "vol", "p", "pp", "e.g", "i.e",
    ]

    static let abbreviationMaxLength = abbreviations.map(\.unicodeScalars.count).max() ?? 0

    static func isOpeningPunct(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "\"", "'", "(", "[", "{", "\u{201C}", "\u{2018}", "\u{00AB}", "\u{201E}", "\u{2039}", "`": return true
        default: return false
        }
    }

    static func isClosingPunct(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "\"", "'", ")", "]", "}", ",", ";", ":", "!", "?", ".", "\u{201D}", "\u{2019}", "\u{00BB}", "\u{203A}", "\u{2026}", "`":
            return true
        default: return false
        }
    }

    static func isDash(_ c: Unicode.Scalar) -> Bool {
        c == "\u{2014}" || c == "\u{2013}" || c == "\u{2015}"
    }

    static func isApostrophe(_ c: Unicode.Scalar) -> Bool { c == "'" || c == "\u{2019}" || c == "\u{2018}" }

    static func isCurrency(_ c: Unicode.Scalar) -> Bool {
        c == "$" || c == "\u{20AC}" || c == "\u{00A3}" || c == "\u{00A5}"
    }

    static func normalize(_ s: String) -> String { normalize(Array(s.unicodeScalars)[...]) }

    /// Folds typographic quotes to ASCII so features match the training data.
    static func normalize(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var ascii = true
        for c in scalars where c.value >= 128 { ascii = false; break }
        if ascii {
            return scalars.withUnsafeBufferPointer { src in
                String(unsafeUninitializedCapacity: src.count) { dst in
                    for k in 0..<src.count { dst[k] = UInt8(truncatingIfNeeded: src[k].value) }
                    return src.count
                }
            }
        }
        var view = String.UnicodeScalarView()
        for c in scalars {
            switch c {
            case "\u{2019}", "\u{2018}", "\u{201B}", "\u{2032}": view.append("'")
            case "\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{00BB}": view.append("\"")
            case "\u{2013}", "\u{2014}": view.append("-")
            default: view.append(c)
            }
        }
        return String(view)
    }

    /// The text of a run of scalars (UTF-8 encoded directly).
    package static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var bytes = 0
        for c in scalars { bytes += UTF8.width(c) }
        return String(unsafeUninitializedCapacity: bytes) { dst in
            var k = 0
            for c in scalars {
                UTF8.encode(c) { dst[k] = $0; k += 1 }
            }
            return k
        }
    }

    static func tokenize(_ text: String) -> [TextToken] { tokenize(Array(text.unicodeScalars)) }

    static func tokenize(_ scalars: [Unicode.Scalar]) -> [TextToken] {
        var tokens: [TextToken] = []
        tokens.reserveCapacity(scalars.count / 5)
        var i = 0
        var newlines = 0
        var gap = 0
        let n = scalars.count
        while i < n {
            let c = scalars[i]
            if CharClass.isWhitespace(c) {
                if c == "\n" || c == "\u{2029}" || c == "\u{2028}" { newlines += 1 }
                gap += 1
                i += 1
                continue
            }
            var j = i
            while j < n, !CharClass.isWhitespace(scalars[j]) { j += 1 }
            let first = tokens.count
            let lineStart = tokens.isEmpty || newlines > 0
            if isClitic(scalars, i, j) || (lineStart && isListNumber(scalars, i, j)) {
                tokens.append(TextToken(text: normalize(scalars[i..<j]), start: i, end: j, newlinesBefore: newlines))
            } else {
                splitChunk(scalars, i, j, newlines: newlines, into: &tokens)
            }
            if first < tokens.count { tokens[first].gapBefore = gap }
            newlines = 0
            gap = 0
            i = j
        }
        return tokens
    }

    /// A chunk that is a clitic on its own (`'s`, `'m`, `'ve`, `'ll`, `'re`, `'d`, any case): one token, as in
    /// text written with its tokens spaced out (`Lord 's`).
    static func isClitic(_ sc: [Unicode.Scalar], _ s: Int, _ e: Int) -> Bool {
        guard e - s >= 2, e - s <= 3, isApostrophe(sc[s]) else { return false }
        var rest = ""
        for k in (s + 1)..<e {
            let v = sc[k].value
            guard v < 128 else { return false }
            rest.unicodeScalars.append(Unicode.Scalar(UInt8(v >= 65 && v <= 90 ? v + 32 : v)))
        }
        return rest == "s" || rest == "m" || rest == "d" || rest == "ve" || rest == "ll" || rest == "re"
    }

    /// `3.` or `12.` at the start of a line: a list number, one token (the period does not end a sentence).
    static func isListNumber(_ sc: [Unicode.Scalar], _ s: Int, _ e: Int) -> Bool {
        guard e - s >= 2, e - s <= 4, sc[e - 1] == "." else { return false }
        return (s..<(e - 1)).allSatisfy { sc[$0].value >= 48 && sc[$0].value <= 57 }
    }

    /// Splits one whitespace-delimited chunk `[s, e)` into tokens.
    private static func splitChunk(_ sc: [Unicode.Scalar], _ s0: Int, _ e0: Int, newlines: Int, into tokens: inout [TextToken]) {
        var s = s0
        var e = e0
        var nl = newlines
        func emit(_ a: Int, _ b: Int) {
            tokens.append(TextToken(text: normalize(sc[a..<b]), start: a, end: b, newlinesBefore: nl))
            nl = 0
        }
        // Leading punctuation and currency symbols.
        while s < e {
            let c = sc[s]
            if isOpeningPunct(c) || isDash(c) {
                // keep leading apostrophe of years like '96 as part of the token
                if c == "'" || c == "\u{2019}", s + 1 < e, CharClass.isDigit(sc[s + 1]) { break }
                emit(s, s + 1); s += 1
            } else if isCurrency(c), s + 1 < e {
                emit(s, s + 1); s += 1
            } else { break }
        }
        // Trailing punctuation, collected right to left.
        var trailing: [(Int, Int)] = []
        while e > s {
            let c = sc[e - 1]
            let len = e - s
            if len >= 3, (c == "s" || c == "S"), isApostrophe(sc[e - 2]) {
                trailing.append((e - 2, e)); e -= 2; continue
            }
            if c == "%" && len > 1 { trailing.append((e - 1, e)); e -= 1; continue }
            if isDash(c) && len > 1 { trailing.append((e - 1, e)); e -= 1; continue }
            if c == "." {
                if len == 1 { break }
                if e - 3 >= s, sc[e - 2] == ".", sc[e - 3] == "." {  // ellipsis
                    trailing.append((e - 3, e)); e -= 3; continue
                }
                if isAbbreviation(sc, s, e - 1) { break }
                trailing.append((e - 1, e)); e -= 1; continue
            }
            if isClosingPunct(c) && len > 1 {
                // plural possessive (`Reuters'`) and closing quotes
                trailing.append((e - 1, e)); e -= 1; continue
            }
            break
        }
        // Inner dashes (`word—word`) split; hyphens stay.
        if s < e {
            var a = s
            var k = s
            while k < e {
                if isDash(sc[k]) {
                    if k > a { emit(a, k) }
                    emit(k, k + 1)
                    a = k + 1
                } else if sc[k] == "-", k + 1 < e, sc[k + 1] == "-" {
                    if k > a { emit(a, k) }
                    emit(k, k + 2)
                    a = k + 2
                    k += 1
                }
                k += 1
            }
            if a < e { emit(a, e) }
        }
        for (a, b) in trailing.reversed() { emit(a, b) }
    }

    /// `U.S`, `J`, `Feb`, `Mr` (the part before a final period) keep their period.
    private static func isAbbreviation(_ sc: [Unicode.Scalar], _ s: Int, _ e: Int) -> Bool {
        guard e > s else { return false }
        var letters = 0
        var hasInnerPeriod = false
        for k in s..<e {
            let c = sc[k]
            if c == "." { hasInnerPeriod = true }
            if CharClass.isLetter(c) { letters += 1 }
        }
        if hasInnerPeriod && letters > 0 && e - s <= 8 { return true }
        if e - s == 1, CharClass.isUpper(sc[s]) { return true }
        // lowercase mappings never shorten a word, so longer words cannot be in the list
        if e - s > abbreviationMaxLength { return false }
        var lower = String.UnicodeScalarView()
        for k in s..<e {
            let v = sc[k].value
            if v < 128 {
                lower.append(Unicode.Scalar(UInt8(v >= 65 && v <= 90 ? v + 32 : v)))
            } else {
                lower.append(contentsOf: sc[k].properties.lowercaseMapping.unicodeScalars)
            }
        }
        return abbreviations.contains(String(lower))
    }

    /// Splits a token sequence into sentences (ranges of token indices).
    static func sentences(_ tokens: [TextToken]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        var k = 0
        while k < tokens.count {
            if k > start {
                let t = tokens[k]
                var boundary = false
                if t.newlinesBefore >= 2 || t.gapBefore >= 3 {
                    boundary = true
                } else if t.newlinesBefore == 1 {
                    let prev = tokens[k - 1].text
                    boundary = endsSentence(prev) || startsUpper(t.text) || k - start > 60
                } else {
                    // period / ! / ? (optionally followed by closing quotes) then a capital, quote or digit
                    var p = k - 1
                    while p > start, isOneByte(tokens[p].text, 0x22) || isOneByte(tokens[p].text, 0x27) || isOneByte(tokens[p].text, 0x29) {
                        p -= 1
                    }
                    if endsSentence(tokens[p].text) {
                        boundary = startsUpper(t.text) || isOneByte(t.text, 0x22) || t.text.first?.isNumber == true
                    }
                }
                if boundary {
                    result.append(start..<k)
                    start = k
                }
            }
            k += 1
        }
        if start < tokens.count { result.append(start..<tokens.count) }
        return result
    }

    /// `t == "." || t == "!" || t == "?" || t == "..."`, by bytes (no other string is canonically equivalent to these).
    private static func endsSentence(_ t: String) -> Bool {
        let u = t.utf8
        switch u.count {
        case 1:
            guard let b = u.first else { return false }
            return b == 0x2E || b == 0x21 || b == 0x3F
        case 3: return u.elementsEqual("...".utf8)
        default: return false
        }
    }

    /// `t` is the one ASCII character `b` (`"`, `'`, `)` are canonically equivalent to no other string).
    @inline(__always)
    private static func isOneByte(_ t: String, _ b: UInt8) -> Bool { t.utf8.count == 1 && t.utf8.first == b }

    private static func startsUpper(_ t: String) -> Bool {
        guard let f = t.unicodeScalars.first else { return false }
        return CharClass.isUpper(f)
    }
}
