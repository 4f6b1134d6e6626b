/// Paragraph and sentence boundaries as code-point spans.
///
/// Paragraphs are blocks separated by blank lines. Sentences end at `.`, `!`, `?`, `…` (and CJK `。！？`)
/// followed by closing quotes/brackets, white space and a plausible sentence start; abbreviations
/// (`Mr.`, `U.S.`, `Jan.`, `e.g.`), initials (`J. R. R.`), decimals (`3.5`) and numbered items do not end one.
/// A line break inside a paragraph ends a sentence unless the line visibly continues.
public enum Segmenter {
    /// Paragraph spans (trimmed of surrounding white space).
    public static func paragraphs(in text: String) -> [TextSpan] {
        let s = Array(text.unicodeScalars)
        return paragraphs(s)
    }

    /// Sentence spans, never crossing a paragraph boundary.
    public static func sentences(in text: String) -> [TextSpan] {
        let s = Array(text.unicodeScalars)
        var result: [TextSpan] = []
        for p in paragraphs(s) { sentences(s, p.start, p.end, into: &result) }
        return result
    }

    static func paragraphs(_ scalars: [Unicode.Scalar]) -> [TextSpan] {
        scalars.withUnsafeBufferPointer { s in
            var spans: [TextSpan] = []
            var i = 0
            let n = s.count
            while i < n {
                while i < n, isSpaceOrNewline(s[i].value) { i += 1 }
                guard i < n else { break }
                let start = i
                // The paragraph ends at a line break followed by a blank line (or at the end); only line
                // breaks need a look, and the last non-space scalar is found backwards from there.
                while i < n {
                    if s[i].value == 0x0A {
                        // Blank line ahead?
                        var j = i + 1
                        while j < n, isSpace(s[j]) { j += 1 }
                        if j >= n || s[j].value == 0x0A { break }
                    }
                    i += 1
                }
                var last = i - 1
                while last > start, isSpaceOrNewline(s[last].value) { last -= 1 }
                spans.append(TextSpan(start: start, end: last + 1))
            }
            return spans
        }
    }

    /// Space, tab, CR, NBSP or LF.
    @inline(__always) static func isSpaceOrNewline(_ v: UInt32) -> Bool {
        v == 0x20 || v == 0x0A || v == 0x09 || v == 0x0D || v == 0xA0
    }

    @inline(__always) static func isSpace(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return v == 0x20 || v == 0x09 || v == 0x0D || v == 0xA0
    }

    static func isUpper(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return c.value >= 65 && c.value <= 90 }
        return c.properties.isUppercase
    }
    static func isLower(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return c.value >= 97 && c.value <= 122 }
        return c.properties.isLowercase
    }
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 { return (c.value | 0x20) >= 97 && (c.value | 0x20) <= 122 }
        return c.properties.isAlphabetic
    }
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

    @inline(__always) static func isCloser(_ v: UInt32) -> Bool {
        switch v {
        case 0x22, 0x27, 0x29, 0x5D, 0x7D, 0x2019, 0x201D, 0x00BB, 0x203A, 0x300D, 0x300F, 0xFF09: return true
        default: return false
        }
    }

    static let closers: Set<UInt32> = [0x22, 0x27, 0x29, 0x5D, 0x7D, 0x2019, 0x201D, 0x00BB, 0x203A, 0x300D, 0x300F, 0xFF09]
    static let openers: Set<UInt32> = [0x22, 0x27, 0x28, 0x5B, 0x2018, 0x201C, 0x00AB, 0x2039, 0x300C, 0x300E, 0xBF, 0xA1, 0x2014, 0x2013, 0x2D]
    static let cjkTerminals: Set<UInt32> = [0x3002, 0xFF01, 0xFF1F, 0xFF0E]

    /// Lower-cased abbreviations (without the final period) that do not end a sentence when a word follows.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "rev", "hon", "gen", "lt", "col", "maj", "capt", "cpt", "sgt",
        "cmdr", "adm", "gov", "sen", "rep", "pres", "supt", "det", "insp", "messrs", "mme", "mlle", "mm", "sra", "srta", "dra", "hr", "fr",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "inc", "corp", "co", "ltd", "plc", "llc", "bros", "dept", "univ", "assn", "ave", "blvd", "rd", "hwy",
        "no", "nos", "vol", "vols", "pp", "fig", "figs", "ch", "art", "sec", "approx", "est", "vs", "etc", "cf", "al", "ca",
        "e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "u.n", "u.s.a", "e.u", "d.c", "ph.d", "b.a", "m.a",
        "z.b", "bzw", "nr", "ggf", "vgl", "usw", "dh", "d.h", "u.a", "ca", "sra", "pág", "núm", "av", "gral",
        "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "kans", "ky", "la", "md", "mass",
        "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
    ]
    /// Abbreviations that are often the last word of a sentence: they end one when a typical sentence opener follows.
    static let terminalAbbreviations: Set<String> = [
        "inc", "corp", "co", "ltd", "plc", "llc", "etc", "u.s", "u.k", "u.n", "a.m", "p.m", "d.c", "e.u", "u.s.a", "jr", "sr", "bros",
    ]
    static let sentenceOpeners: Set<String> = [
        "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "there", "in", "on",
        "at", "but", "and", "if", "when", "while", "as", "after", "before", "his", "her", "its", "their", "our", "some", "many",
        "most", "no", "one", "two", "for", "by", "with", "officials", "shares", "analysts", "however", "meanwhile", "last", "earlier",
    ]

    /// Bits of LF, `!`, `.` and `?`.
    static let candidateMask: UInt64 = 1 << 0x0A | 1 << 0x21 | 1 << 0x2E | 1 << 0x3F

    static func sentences(_ s: [Unicode.Scalar], _ start: Int, _ end: Int, into out: inout [TextSpan]) {
        var sentenceStart = start
        var i = start
        func emit(_ endIndex: Int) {
            var a = sentenceStart, b = endIndex
            while a < b, isSpace(s[a]) || s[a] == "\n" { a += 1 }
            while b > a, isSpace(s[b - 1]) || s[b - 1] == "\n" { b -= 1 }
            if b > a { out.append(TextSpan(start: a, end: b)) }
            sentenceStart = endIndex
        }
        while i < end {
            // Skip to the next scalar that can end a sentence: LF . ! ? (all below 64), … or CJK terminals.
            i = s.withUnsafeBufferPointer { buf in
                var k = i
                while k < end {
                    let v = buf[k].value
                    if v < 64 ? (candidateMask &>> UInt64(v)) & 1 != 0 : v >= 0x2026 { break }
                    k += 1
                }
                return k
            }
            guard i < end else { break }
            let c = s[i]
            if c == "\n" {
                if lineBreakEndsSentence(s, i, start, end) { emit(i) }
                i += 1
                continue
            }
            if c.value >= 0x3002, cjkTerminals.contains(c.value) {
                var j = i + 1
                while j < end, isCloser(s[j].value) || cjkTerminals.contains(s[j].value) { j += 1 }
                emit(j); i = j
                continue
            }
            if c == "." || c == "!" || c == "?" || c.value == 0x2026 {
                var j = i + 1
                while j < end, s[j] == "." || s[j] == "!" || s[j] == "?" || s[j].value == 0x2026 { j += 1 }
                while j < end, isCloser(s[j].value) { j += 1 }
                // Must be followed by white space (or the end).
                if j >= end { emit(end); i = end; break }
                guard isSpace(s[j]) || s[j] == "\n" else { i = j; continue }
                var k = j
                while k < end, isSpace(s[k]) { k += 1 }
                if k >= end { emit(end); i = end; break }
                if s[k] == "\n" { emit(j); i = j; continue }
                if c == "." && j == i + 1 && !isBoundaryAfterPeriod(s, i, k, start, end) { i = j; continue }
                // The next sentence must start plausibly (upper case, digit, opening quote/bracket, non-cased script).
                let next = s[k]
                if isLower(next) { i = j; continue }
                emit(j)
                i = j
                continue
            }
            i += 1
        }
        if sentenceStart < end { emit(end) }
    }

    /// Decides whether the period at `p` (followed by space, next word at `k`) ends a sentence.
    static func isBoundaryAfterPeriod(_ s: [Unicode.Scalar], _ p: Int, _ k: Int, _ start: Int, _ end: Int) -> Bool {
        // The word before the period.
        var w = p
        while w > start, !isSpace(s[w - 1]), s[w - 1] != "\n" { w -= 1 }
        // Strip leading opening punctuation.
        while w < p, !isLetter(s[w]) && !isDigit(s[w]) { w += 1 }
        guard w < p else { return true }
        // Every listed abbreviation and opener is short; longer words skip the set look-ups (lower-casing never
        // shortens a word, so a long word cannot match).
        let wordIsShort = p - w <= 8
        let word = wordIsShort ? lowered(s, w, p) : ""
        // Next word (built only when needed).
        var e = k
        while e < end, isLetter(s[e]) || s[e] == "'" || s[e].value == 0x2019 { e += 1 }
        func nextWord() -> String { e - k <= 12 ? lowered(s, k, e) : "" }
        // Single letter: an initial ("J. Smith", "John F. Kennedy") unless the next word is a typical opener.
        if p - w == 1, isUpper(s[w]) {
            let next = nextWord()
            return sentenceOpeners.contains(next) && next != "a"
        }
        if wordIsShort {
            if terminalAbbreviations.contains(word) {
                return sentenceOpeners.contains(nextWord()) || (k < end && openers.contains(s[k].value) && s[k] != "-")
            }
            if abbreviations.contains(word) {
                // "No. 5", "Jan. 5", "Mr. Smith": not a boundary.
                return false
            }
        }
        // Dotted acronyms not in the list (e.g. "N.A.T.O."): boundary only before an opener.
        if s[w..<p].contains(".") {
            return sentenceOpeners.contains(nextWord())
        }
        // A number opening its line or paragraph is a list item's number ("1. Income tax thresholds frozen").
        if p - w <= 3, (w..<p).allSatisfy({ isDigit(s[$0]) }) {
            var b = w
            while b > start, isSpace(s[b - 1]), s[b - 1] != "\n" { b -= 1 }
            if b == start || s[b - 1] == "\n" { return false }
        }
        // Ordinals in German-style dates ("3. Oktober") are rare mid-sentence in news copy.
        return true
    }

    /// `s[a..<b]` lower-cased (ASCII without going through `String.lowercased`).
    static func lowered(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> String {
        var ascii = true
        for i in a..<b where s[i].value >= 128 { ascii = false; break }
        if ascii {
            return String(unsafeUninitializedCapacity: b - a) { buf in
                for i in a..<b {
                    let v = UInt8(s[i].value)
                    buf[i - a] = v >= 65 && v <= 90 ? v | 0x20 : v
                }
                return b - a
            }
        }
        return String(scalarSlice: s[a..<b]).lowercased()
    }

    /// A single line break ends a sentence unless the line visibly continues (ends with a lower-case word,
    /// comma, hyphen or opening bracket and the next line starts in lower case).
    static func lineBreakEndsSentence(_ s: [Unicode.Scalar], _ i: Int, _ start: Int, _ end: Int) -> Bool {
        var a = i
        while a > start, isSpace(s[a - 1]) { a -= 1 }
        guard a > start else { return false }
        var b = i + 1
        while b < end, isSpace(s[b]) { b += 1 }
        guard b < end else { return false }
        let prev = s[a - 1], next = s[b]
        if prev == "." || prev == "!" || prev == "?" || prev == ":" || prev == ";" { return true }
        if isLower(next) { return false }
        if prev == "," || prev == "-" || prev == "(" { return false }
        return true
    }
}
