import Foundation

/// Recognises wire-copy conventions in cleaned paragraphs: leading date lines, bylines, update notes,
/// boilerplate lines ("Read more", "Advertisement", …), datelines (`LONDON, Aug 30 (Reuters) - `),
/// self-attribution clauses (`…, Azernews reports, citing foreign media.`), reporting/editing trailers
/// and copyright footers. What it recognises is removed from the body and returned as metadata.
public enum WireConventions {
    /// Result of `process`.
    public struct Result: Sendable {
        public var paragraphs: [String]
        public var dateline: String?
        public var byline: String?
        public var credit: String?
        /// Best date found in header lines or the dateline.
        public var date: DateParser.Parsed?
        /// A headline line found at the top (only looked for when asked).
        public var headline: String?
    }

    /// Processes cleaned `paragraphs`. `knownTitle` (folded) is dropped when it repeats as the first paragraph;
    /// with `findHeadline`, a headline-like first line is taken out as the headline.
    public static func process(_ input: [String], knownTitle: String?, findHeadline: Bool) -> Result {
        var result = Result(paragraphs: [], dateline: nil, byline: nil, credit: nil, date: nil, headline: nil)
        // Work on lines of the leading paragraphs; later paragraphs stay intact.
        var paragraphs = input.filter { !isBoilerplateLine($0) }
        var dates: [DateParser.Parsed] = []
        let foldedTitle = knownTitle.map { TextFolding.fold($0) }

        // 1. Header lines: date lines, bylines, notes, a repeated or headline-like first line.
        var header = 0
        var lineIndex = 0
        var removedAny = false
        headerLoop: while header < min(paragraphs.count, 8) {
            var lines = splitLines(paragraphs[header])
            lineIndex = 0
            while lineIndex < lines.count {
                let line = lines[lineIndex]
                if let parsed = dateLine(line) {
                    dates.append(parsed)
                } else if let by = bylineLine(line, afterHeader: removedAny) {
                    if result.byline == nil { result.byline = by }
                } else if isNote(line) {
                    // dropped
                } else if header == 0, lineIndex == 0, let ft = foldedTitle, TextFolding.fold(line) == ft {
                    // the title repeated
                } else if header == 0, lineIndex == 0, findHeadline, result.headline == nil, lines.count == 1,
                          paragraphs.count > 1, isHeadlineLike(line), datelineMatch(line) == nil {
                    result.headline = line
                } else {
                    break headerLoop
                }
                removedAny = true
                lines.remove(at: lineIndex)
                paragraphs[header] = lines.joined(separator: "\n")
            }
            if paragraphs[header].isEmpty { paragraphs.remove(at: header) } else { header += 1 }
        }

        // 2. Dateline: a strong one (agency or date) in the first few paragraphs; anything before it is header.
        var datelineIndex: Int?
        var match: DatelineMatch?
        // First pass: a strong dateline in the first few paragraphs; second pass: a weak one (caps place
        // and a dash) only at the very top, followed by a sentence.
        for strongOnly in [true, false] where datelineIndex == nil {
            for k in 0..<min(paragraphs.count, strongOnly ? 4 : 1) {
                // A location split from ", Aug 30 (Reuters) -" by a stray break or note.
                if strongOnly, k + 1 < paragraphs.count, paragraphs[k].utf8.count <= 80, !paragraphs[k].containsByte(10) {
                    var j = k + 1
                    while j < paragraphs.count, j <= k + 2, isNote(paragraphs[j]) { j += 1 }
                    if j < paragraphs.count, paragraphs[j].hasPrefix(",") {
                        let candidate = paragraphs[k] + paragraphs[j]
                        if let m = datelineMatch(candidate), m.strong {
                            paragraphs[k] = candidate
                            paragraphs.removeSubrange((k + 1)...j)
                        }
                    }
                }
                guard let m = datelineMatch(paragraphs[k]) else { continue }
                if m.strong || (!strongOnly && m.capsLocation && startsSentence(paragraphs[k], at: m.length)) {
                    datelineIndex = k; match = m
                    break
                }
            }
        }
        // A bare all-caps place on its own line above the story ("BANGKOK\n\nThailand has…").
        if datelineIndex == nil, let first = paragraphs.first {
            let firstLine: Substring.UTF8View
            let rest: String
            if let nl = first.utf8.firstIndex(of: 10) {
                firstLine = first.utf8[..<nl]
                rest = String(first[first.index(after: nl)...])
            } else {
                firstLine = first.utf8[...]
                rest = ""
            }
            if firstLine.count <= 40, let place = barePlace(String(Substring(firstLine))), !rest.isEmpty || paragraphs.count > 1 {
                result.dateline = place
                if rest.isEmpty { paragraphs.removeFirst() } else { paragraphs[0] = rest }
            }
        }
        if let k = datelineIndex, let m = match {
            for p in paragraphs[0..<k] {
                if result.byline == nil, let by = bylineLine(p, afterHeader: true) { result.byline = by }
            }
            paragraphs.removeSubrange(0..<k)
            let first = paragraphs[0]
            let rest = String(Substring(first.unicodeScalars.dropFirst(m.length)))
            result.dateline = m.dateline
            if let agency = m.agency { result.credit = agency }
            if let d = m.date { dates.append(d) }
            if rest.isEmpty { paragraphs.removeFirst() } else { paragraphs[0] = rest }
        }

        // 2b. Chinese wire datelines: "新华社北京2月5日电 …" (agency, place, date, 电).
        if result.dateline == nil, let first = paragraphs.first, let m = chineseDateline(first) {
            result.dateline = m.dateline
            if result.credit == nil { result.credit = m.agency }
            paragraphs[0] = m.rest
            if paragraphs[0].isEmpty { paragraphs.removeFirst() }
        }

        // 3. Self-attribution in the lead ("…, Azernews reports, citing foreign media.").
        for k in 0..<min(paragraphs.count, 2) {
            if let (text, name) = stripAttribution(paragraphs[k]) {
                paragraphs[k] = text
                if result.credit == nil { result.credit = name }
                break
            }
        }

        // 4. Trailers: reporting/editing credits, copyright footers.
        var tail = paragraphs.count - 1
        var checked = 0
        // A trailer follows the story: the first paragraph is never one (a one-line item about subscribers is news).
        while tail >= 1, checked < 4 {
            checked += 1
            let p = paragraphs[tail]
            if let by = reportingTrailer(p) {
                if result.byline == nil, !by.isEmpty { result.byline = by }
                paragraphs.remove(at: tail); tail -= 1; continue
            }
            if isCopyright(p) || isLegalOrSubscriptionFooter(p) { paragraphs.remove(at: tail); tail -= 1; continue }
            // A trailer on the last line of the last paragraph.
            if let nl = p.lastByteIndex(of: 10), let by = reportingTrailer(String(p[p.utf8.index(after: nl)...])) {
                if result.byline == nil, !by.isEmpty { result.byline = by }
                paragraphs[tail] = String(p[..<nl])
            } else if let kept = withoutTrailingCopyright(p) {
                paragraphs[tail] = kept
            }
            break
        }

        // Ad markers glued to the end of a paragraph ("… by Friday morning. Advertisement").
        for k in paragraphs.indices {
            for marker in [" Advertisement", " ADVERTISEMENT", " Advertisement:"] where paragraphs[k].hasSuffix(marker) {
                let head = paragraphs[k].dropLast(marker.count)
                if let last = head.last, ".!?\u{201D}\"".contains(last) { paragraphs[k] = String(head) }
            }
        }
        result.paragraphs = paragraphs.filter { !$0.isEmpty }
        result.date = dates.first(where: { $0.hasTimeAndZone }) ?? dates.first
        return result
    }

    // MARK: - lines

    static let boilerplatePrefixes: [String] = [
        "read more", "read also", "also read", "see also", "related:", "related articles", "related stories", "related news",
        "related coverage", "more:", "follow us", "subscribe to", "sign up for", "sign up to", "click here", "share this",
        "share on", "photo:", "photo credit", "image:", "image credit", "advertisement", "listen to this article", "watch:",
        "recommended:", "skip to", "this article was", "you may also like", "more on this", "most read", "download our app",
        "join our", "get the latest", "continue reading", "story continues", "scroll to continue",
    ]
    static let boilerplateExact: Set<String> = [
        "share", "tweet", "email", "print", "comments", "advertisement", "advertising", "sponsored", "sponsored content", "more",
        "read more", "close", "menu", "home", "next", "previous", "back to top", "top", "loading", "subscribe", "log in", "login",
        "sign in", "register", "search", "share this article", "share this story", "copy link", "link copied", "whatsapp",
        "facebook", "twitter", "linkedin", "reddit", "telegram", "related", "ad", "[ad]",
        "publicidad", "anuncio", "publicité", "anzeige", "werbung", "pubblicità", "publicidade", "advertentie", "reklam", "реклама",
        "partager", "teilen", "compartir", "condividi", "compartilhar", "delen", "paylaş",
    ]

    /// A paragraph that is only site furniture ("Read more", "Advertisement", "Share this article", …).
    public static func isBoilerplateLine(_ paragraph: String) -> Bool {
        guard paragraph.utf8.count <= 480, paragraph.scalarCount(atMost: 120) <= 120, !paragraph.containsByte(10) else { return false }
        let l = paragraph.lowercased().trimming(" .:»›>|-–—•·*()[]")
        if boilerplateExact.contains(l) { return true }
        guard boilerplatePrefixes.contains(where: { l.hasPrefix($0) }) else { return false }
        return l.utf8.reduce(0) { $0 + ($1 == 32 ? 1 : 0) } < 14
    }

    /// A short line made of a date with year and at most a few label words ("date 2026-02-05 …", "Published: …").
    static func dateLine(_ line: String) -> DateParser.Parsed? {
        guard line.scalarCount(atMost: 120) <= 120 else { return nil }
        let found = DateParser.findAll(line)
        guard !found.isEmpty else { return nil }
        // Everything not covered by a date must be label words, separators or zone remnants.
        let tokens = DateParser.tokenize(line)
        var covered = Set<Int>()
        for f in found { for t in f.tokens { covered.insert(t) } }
        let labels: Set<String> = [
            "date", "dated", "published", "updated", "posted", "on", "last", "modified", "first", "time", "at", "utc", "gmt", "am", "pm",
            "publié", "le", "mis", "à", "jour", "veröffentlicht", "aktualisiert", "am", "um", "publicado", "el", "actualizado",
            "pubblicato", "il", "aggiornato", "publicado", "em", "atualizado", "gepubliceerd", "op", "bijgewerkt", "local",
        ]
        var extraWords = 0
        var updated = false
        for (i, t) in tokens.enumerated() where !covered.contains(i) {
            switch t.kind {
            case .punct: continue
            case .number: extraWords += 1
            case .word:
                if t.text == "updated" || t.text == "modified" || t.text == "aktualisiert" || t.text == "actualizado" { updated = true }
                if !labels.contains(t.text) && !DateParser.weekdays.contains(t.text) { extraWords += 1 }
            }
        }
        guard extraWords <= 1 else { return nil }
        let best = found.first(where: { $0.parsed.hasTimeAndZone })?.parsed ?? found[0].parsed
        // An "updated" stamp still marks the line as header, but prefer other dates: callers take the first.
        _ = updated
        return best
    }

    static let bylineSuffixes: [String] = ["read more", "more articles", "view all posts", "all articles", "follow", "profile", "email", "send email", "twitter", "more by this author"]

    /// A byline line: "By Jane Doe", "By Jane Doe and John Roe, Reuters", or "Nazrin Abdul Read more".
    static func bylineLine(_ line: String, afterHeader: Bool) -> String? {
        guard line.utf8.count <= 300, line.scalarCount(atMost: 100) <= 100, !line.containsByte(10) else { return nil }
        var s = line.trimmingSpaces()
        var hadMarker = false
        for prefix in ["By ", "BY ", "by ", "Par ", "Von ", "Por ", "Di ", "Door ", "Written by ", "Reporting by "] where s.hasPrefix(prefix) {
            s = String(s.dropFirst(prefix.count)); hadMarker = true; break
        }
        let lower = s.lowercased()
        for suffix in bylineSuffixes where lower.hasSuffix(" " + suffix) {
            s = String(s.dropLast(suffix.count + 1)); hadMarker = true; break
        }
        guard hadMarker else { return nil }
        s = s.trimming(" ,|-–—·•")
        // Drop a trailing ", Reuters" style affiliation and any date after a separator.
        for sep in [" | ", " - ", " – ", " — ", " · ", " • "] {
            if let r = s.byteRange(of: sep) { s = String(s[..<r.lowerBound]) }
        }
        let words = s.split(whereSeparator: { $0 == " " || $0 == "," })
        guard !words.isEmpty, words.count <= 10 else { return nil }
        let connectors: Set<String> = ["and", "&", "de", "van", "von", "der", "da", "di", "del", "la", "le", "bin", "al", "el", "et", "und", "y", "e", "in"]
        for w in words {
            guard let first = w.unicodeScalars.first else { return nil }
            if connectors.contains(w.lowercased()) { continue }
            if !first.properties.isUppercase { return nil }
        }
        return s
    }

    static let noteVerbs: Set<String> = [
        "updates", "update", "adds", "add", "recasts", "corrects", "correcting", "changes", "refile", "refiles", "repeats", "fixes",
        "rewrites", "inserts", "removes", "clarifies", "writethru", "updated", "adding", "new", "changing", "correction", "recasting",
    ]

    /// An editorial note such as "(Updates with details, quotes)".
    static func isNote(_ line: String) -> Bool {
        guard line.hasPrefix("("), line.hasSuffix(")"), line.utf8.count <= 600 else { return false }
        let inner = line.dropFirst().prefix(while: { $0.isLetter || $0 == " " })
        guard let first = inner.split(separator: " ").first else { return false }
        return noteVerbs.contains(first.lowercased())
    }

    /// A short headline-like line: a few words, no final period, mostly capitalised or a single clause.
    static func isHeadlineLike(_ line: String) -> Bool {
        guard line.utf8.count <= 480 else { return false }
        let words = line.split(separator: " ")
        guard words.count >= 2, words.count <= 20, line.count <= 160 else { return false }
        guard let last = line.last, !".,;:".contains(last) else { return false }
        return line.first?.isUppercase ?? false || line.first?.isNumber ?? false
    }

    // MARK: - dateline

    struct DatelineMatch {
        var length: Int   // scalars consumed, including the separator and following space
        var dateline: String
        var agency: String?
        var date: DateParser.Parsed?
        var strong: Bool
        var capsLocation: Bool
    }

    /// Matches `PLACE[, Region][, Date][ (Agency)] - ` at the start of `text`.
    static func datelineMatch(_ text: String) -> DatelineMatch? {
        let s = Normalizer.scalarArray(text, limit: 160)
        var i = 0
        let n = s.count
        func isUpper(_ c: Unicode.Scalar) -> Bool { c.value < 128 ? (c.value >= 65 && c.value <= 90) : c.properties.isUppercase }
        func isLetter(_ c: Unicode.Scalar) -> Bool { c.value < 128 ? ((c.value | 0x20) >= 97 && (c.value | 0x20) <= 122) : c.properties.isAlphabetic }
        // Location: an all-caps segment ("NEW YORK"), or capitalised words ("New York") — the latter only
        // counts when a date or an agency follows.
        let locStart = i
        var letters = 0
        var allCaps = true
        var words = 0
        var atWordStart = true
        while i < n {
            let c = s[i]
            if c == " " || c == "." || c == "-" || c == "'" || c.value == 0x2019 {
                if c == " " { atWordStart = true }
                i += 1
                continue
            }
            guard isLetter(c) else { break }
            if atWordStart {
                guard isUpper(c), words < 5 else { break }
                words += 1
                atWordStart = false
            } else if !isUpper(c) {
                allCaps = false
            }
            letters += 1
            i += 1
        }
        // Stop at the end of the last whole word.
        while i > locStart, s[i - 1] == " " || (allCaps == false && s[i - 1] == "-") { i -= 1 }
        guard letters >= 2, i > locStart else { return nil }
        if i < n, isLetter(s[i]) { return nil }
        var location = String(scalarSlice: s[locStart..<i])
        // Optional ", Region" segments (capitalised words) and ", Date".
        var datePart: String?
        var parsedDate: DateParser.Parsed?
        var segments = 0
        while i + 2 < n, s[i] == ",", s[i + 1] == " ", segments < 3 {
            var j = i + 2
            let segStart = j
            while j < n, s[j] != ",", s[j] != "(", s[j] != "-", s[j].value != 0x2013, s[j].value != 0x2014, j - segStart < 40,
                  !(s[j] == "." && j + 1 < n && s[j + 1] == " " && j > segStart && s[j - 1].properties.isLowercase && !isUpperInitialWord(s, segStart, j)) { j += 1 }
            var segEnd = j
            while segEnd > segStart, s[segEnd - 1] == " " { segEnd -= 1 }
            let segment = String(scalarSlice: s[segStart..<segEnd])
            guard !segment.isEmpty, let firstScalar = segment.unicodeScalars.first, isUpper(firstScalar) || firstScalar.properties.numericType != nil else { break }
            if let d = monthDay(segment) {
                datePart = segment
                parsedDate = d.parsed
                i = segEnd
                // "Aug 30, 2026" continues with a year segment.
                if i + 2 < n, s[i] == ",", s[i + 1] == " " {
                    var k = i + 2
                    var digits = 0
                    while k < n, s[k].properties.numericType != nil, digits < 4 { k += 1; digits += 1 }
                    if digits == 4, let full = DateParser.parse(segment + ", " + String(scalarSlice: s[(i + 2)..<k])) {
                        datePart = segment + ", " + String(scalarSlice: s[(i + 2)..<k])
                        parsedDate = full; i = k
                    }
                }
                break
            }
            let words = segment.split(separator: " ")
            guard words.count <= 4, words.allSatisfy({ $0.first?.isUppercase ?? false }) else { break }
            location += ", " + segment
            i = segEnd
            segments += 1
        }
        // Optional "(Agency)".
        var agency: String?
        var k = i
        while k < n, s[k] == " " { k += 1 }
        if k < n, s[k] == "(" {
            var j = k + 1
            while j < n, s[j] != ")", j - k < 40 { j += 1 }
            if j < n, s[j] == ")" {
                let name = String(scalarSlice: s[(k + 1)..<j]).trimmingSpaces()
                let words = name.split(separator: " ")
                if !name.isEmpty, words.count <= 4, let f = name.unicodeScalars.first, isLetter(f), !(name.lowercased().hasPrefix("update")) {
                    agency = name
                    i = j + 1
                }
            }
        }
        // Separator.
        k = i
        while k < n, s[k] == " " { k += 1 }
        guard k < n else { return nil }
        var sepEnd = k
        if s[k] == "-" {
            sepEnd = k + 1
            if sepEnd < n, s[sepEnd] == "-" { sepEnd += 1 }
        } else if s[k].value == 0x2013 || s[k].value == 0x2014 || s[k].value == 0x2015 {
            sepEnd = k + 1
        } else if s[k] == ".", k + 1 < n, s[k + 1] == "-" || s[k + 1].value == 0x2013 || s[k + 1].value == 0x2014 {
            // Spanish agencies: "MADRID, 5 feb (EFE).- "
            sepEnd = k + 2
        } else if s[k] == ".", agency == nil, datePart != nil, k + 3 < n, s[k + 1] == " ", s[k + 2] == "/",
                  let close = (k + 3..<min(n, k + 30)).first(where: { s[$0] == "/" }), close + 1 < n, s[close + 1] == "." {
            // Russian agencies: "МОСКВА, 5 февраля. /ТАСС/. "
            let name = String(scalarSlice: s[(k + 3)..<close]).trimmingSpaces()
            guard !name.isEmpty else { return nil }
            agency = name
            sepEnd = close + 2
        } else {
            return nil
        }
        // Separator must be followed by a space (not a hyphenated word).
        guard sepEnd < n, s[sepEnd] == " " else { return nil }
        while sepEnd < n, s[sepEnd] == " " { sepEnd += 1 }
        let locWords = location.split(separator: " ")
        guard locWords.count <= 8 else { return nil }
        var dateline = location
        if let d = datePart { dateline += ", " + d }
        if !allCaps && datePart == nil && agency == nil { return nil }
        return DatelineMatch(
            length: sepEnd, dateline: dateline, agency: agency, date: parsedDate,
            strong: agency != nil || datePart != nil, capsLocation: allCaps && letters >= 3
        )
    }

    /// Whether the word ending at `end` is a capitalised abbreviation like "Va" or "Fla" (kept with its period).
    static func isUpperInitialWord(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> Bool {
        var w = end
        while w > start, s[w - 1] != " " { w -= 1 }
        return w < end && s[w].properties.isUppercase && end - w <= 5
    }

    /// Lines of a paragraph (split on LF bytes, no empty lines).
    static func splitLines(_ paragraph: String) -> [String] {
        guard paragraph.containsByte(10) else { return paragraph.isEmpty ? [] : [paragraph] }
        return paragraph.utf8.split(separator: 10).map { String(Substring($0)) }
    }

    /// Whether the text after `offset` scalars starts like a sentence (capital, digit or opening quote).
    static func startsSentence(_ text: String, at offset: Int) -> Bool {
        guard let c = text.unicodeScalars.dropFirst(offset).first else { return false }
        return c.properties.isUppercase || c.properties.numericType != nil || "\"'\u{201C}\u{2018}\u{00AB}(".unicodeScalars.contains(c)
    }

    /// An all-caps place name alone on a line: 1–4 words of capitals (with `.`/`,`/`-`), no digits.
    static func barePlace(_ line: String) -> String? {
        let t = line.trimmingSpaces()
        guard t.utf8.count >= 3, t.utf8.count <= 40 else { return nil }
        var letters = 0
        for c in t.unicodeScalars {
            if c.properties.isAlphabetic {
                guard c.properties.isUppercase else { return nil }
                letters += 1
            } else if !(c == " " || c == "." || c == "," || c == "'") {
                return nil
            }
        }
        guard letters >= 3, t.split(separator: " ").count <= 4 else { return nil }
        return t
    }

    /// "新华社北京2月5日电 " → dateline "北京2月5日", agency "新华社"; "（记者 …）" reporter notes stay in the text.
    static func chineseDateline(_ paragraph: String) -> (dateline: String, agency: String?, rest: String)? {
        let s = Array(paragraph.unicodeScalars.prefix(40))
        guard let dian = (0..<s.count).first(where: { $0 >= 4 && s[$0] == "电" && s[$0 - 1] == "日" }) else { return nil }
        let head = String(scalarSlice: s[0..<(dian - 0)])
        guard head.unicodeScalars.contains("月"), !head.unicodeScalars.contains(where: { $0 == "，" || $0 == "。" || $0 == " " }) else { return nil }
        var agency: String?
        var place = head
        if let she = head.firstIndex(of: "社") {
            agency = String(head[...she])
            place = String(head[head.index(after: she)...])
        }
        guard !place.isEmpty else { return nil }
        var rest = paragraph.unicodeScalars.dropFirst(dian + 1)
        while let f = rest.first, f == " " || f.value == 0x3000 { rest = rest.dropFirst() }
        return (place, agency, String(String.UnicodeScalarView(rest)))
    }

    /// "Aug 30", "August 30", "30 August", optionally with a year; the day is only trusted with a year.
    static func monthDay(_ segment: String) -> (parsed: DateParser.Parsed?, ok: Bool)? {
        let tokens = DateParser.tokenize(segment)
        guard tokens.count >= 2, tokens.count <= 6 else { return nil }
        let words = tokens.filter { $0.kind == .word }
        let numbers = tokens.filter { $0.kind == .number }
        guard let w = words.first, DateParser.months[w.text] != nil || DateParser.months[w.text.replacingOccurrences(of: ".", with: "")] != nil,
              let d = numbers.first, d.digits <= 2, d.value >= 1, d.value <= 31 else { return nil }
        return (DateParser.parse(segment), true)
    }

    // MARK: - attribution and trailers

    /// Removes ", Name reports[, citing|quoting|according to …]" before the end of a sentence.
    static func stripAttribution(_ paragraph: String) -> (String, String)? {
        guard paragraph.utf8.count > 9, paragraph.hasSubstring(" reports") else { return nil }
        var searchStart = paragraph.startIndex
        while let r = paragraph.range(of: " reports", range: searchStart..<paragraph.endIndex) {
            searchStart = r.upperBound
            // Must be followed by "," or "." or end.
            let after = paragraph[r.upperBound...]
            guard let nextChar = after.first, nextChar == "," || nextChar == "." else { continue }
            // Name: capitalised words back to ", ".
            guard let comma = paragraph[..<r.lowerBound].range(of: ", ", options: .backwards) else { continue }
            let name = String(paragraph[comma.upperBound..<r.lowerBound])
            let words = name.split(separator: " ")
            guard !words.isEmpty, words.count <= 4, words.allSatisfy({ $0.first?.isUppercase ?? false }) else { continue }
            // End of the clause: the sentence end.
            var end = r.upperBound
            if nextChar == "," {
                let rest = paragraph[paragraph.index(after: r.upperBound)...].drop(while: { $0 == " " })
                let lower = rest.lowercased()
                guard lower.hasPrefix("citing") || lower.hasPrefix("quoting") || lower.hasPrefix("according to") || lower.hasPrefix("with reference to") || lower.hasPrefix("referring to") else { continue }
                guard let stop = rest.firstIndex(where: { $0 == "." || $0 == "\n" }) else { continue }
                end = stop
            }
            let text = String(paragraph[..<comma.lowerBound]) + String(paragraph[end...])
            return (text, name)
        }
        return nil
    }

    static func bytesContain(_ h: [UInt8], _ nb: [UInt8]) -> Bool {
        let m = nb.count
        guard m > 0, h.count >= m else { return false }
        var i = 0
        while i <= h.count - m {
            if h[i] == nb[0] {
                var k = 1
                while k < m, h[i + k] == nb[k] { k += 1 }
                if k == m { return true }
            }
            i += 1
        }
        return false
    }

    static func containsBytes(_ haystack: String, _ needle: StaticString) -> Bool {
        needle.withUTF8Buffer { bytesContain(Array(haystack.utf8), Array($0)) }
    }

    /// "(Reporting by Jane Doe; Editing by John Roe)" → "Jane Doe"; other trailer forms → "".
    static func reportingTrailer(_ paragraph: String) -> String? {
        guard paragraph.hasPrefix("("), paragraph.hasSuffix(")"), paragraph.utf8.count <= 900 else { return nil }
        let inner = paragraph.dropFirst().dropLast()
        let lower = inner.lowercased()
        let keys = ["reporting by", "writing by", "editing by", "additional reporting", "compiled by", "reported by", "written by", "reporting and writing by", "with reporting by", "contributing by"]
        guard keys.contains(where: { lower.hasPrefix($0) }) else { return nil }
        let firstPart = inner.split(separator: ";").first.map(String.init) ?? ""
        let fl = firstPart.lowercased()
        for key in ["reporting by ", "reported by ", "written by ", "writing by ", "reporting and writing by ", "with reporting by "] where fl.hasPrefix(key) {
            var name = String(firstPart.dropFirst(key.count)).trimmingSpaces()
            if let r = name.byteRange(of: " in ") { name = String(name[..<r.lowerBound]) }
            return name
        }
        return ""
    }

    static let footerCues: [String] = [
        "all rights reserved", "copyright", "may not be copied", "may not be reproduced", "may not be published", "republish",
        "redistribut", "without permission", "without prior written", "terms of use", "terms of service", "privacy policy",
        "subscriber", "subscribe", "sign up for", "newsletter", "in your inbox", "log in", "contact us", "follow us", "download our app",
    ]

    /// A closing paragraph made of publisher furniture: at least two cues such as "may not be copied",
    /// "terms of use", "subscriber", "newsletter" (legal notices, subscription pitches).
    static func isLegalOrSubscriptionFooter(_ paragraph: String) -> Bool {
        guard paragraph.utf8.count <= 1500 else { return false }
        return withLowercasedASCII(paragraph) { footerCueCount($0, atLeast: 2) >= 2 }
    }

    /// The number of distinct `footerCues` in `text` (counting stops at `atLeast`), in one pass: a cue is
    /// compared in full only where its first three bytes match (per-byte-position masks of candidate cues).
    static func footerCueCount(_ text: UnsafeBufferPointer<UInt8>, atLeast: Int) -> Int {
        let n = text.count
        guard n >= 3 else { return 0 }
        var found: UInt32 = 0
        return footerCueMasks.withUnsafeBufferPointer { masks in
            var i = 0
            while i + 2 < n {
                var m = masks[Int(text[i])] & masks[256 + Int(text[i + 1])] & masks[512 + Int(text[i + 2])] & ~found
                while m != 0 {
                    let c = m.trailingZeroBitCount
                    m &= m - 1
                    let cue = footerCueBytes[c]
                    if i + cue.count <= n {
                        var k = 3
                        while k < cue.count, text[i + k] == cue[k] { k += 1 }
                        if k == cue.count {
                            found |= 1 << UInt32(c)
                            if found.nonzeroBitCount >= atLeast { return found.nonzeroBitCount }
                        }
                    }
                }
                i += 1
            }
            return found.nonzeroBitCount
        }
    }

    /// For byte position 0, 1, 2 of a cue (256 entries each): the cues with that byte there.
    static let footerCueMasks: [UInt32] = {
        var masks = [UInt32](repeating: 0, count: 768)
        for (c, cue) in footerCueBytes.enumerated() {
            for p in 0..<3 { masks[p * 256 + Int(cue[p])] |= 1 << UInt32(c) }
        }
        return masks
    }()

    static let footerCueBytes: [[UInt8]] = footerCues.map { Array($0.utf8) }
    static let allRightsReserved: [UInt8] = Array("all rights reserved".utf8)

    /// Calls `body` with the UTF-8 of `text`, ASCII capitals lower-cased (a stack buffer for short texts).
    static func withLowercasedASCII<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var text = text
        return text.withUTF8 { src in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, src.count)) { dst in
                for i in 0..<src.count {
                    let b = src[i]
                    dst[i] = b >= 65 && b <= 90 ? b | 0x20 : b
                }
                return body(UnsafeBufferPointer(rebasing: dst[0..<src.count]))
            }
        }
    }

    static func bytesContain(_ h: UnsafeBufferPointer<UInt8>, _ nb: [UInt8]) -> Bool {
        let m = nb.count
        guard m > 0, h.count >= m, let hb = h.baseAddress else { return false }
        return nb.withUnsafeBufferPointer { n in
            guard let nbase = n.baseAddress else { return false }
            // memchr for the first byte, memcmp for the rest.
            let first = Int32(n[0])
            var start = 0
            let lastStart = h.count - m
            while start <= lastStart {
                guard let hit = memchr(hb + start, first, lastStart - start + 1) else { return false }
                let at = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - hb
                if m == 1 || (hb[at + 1] == n[1] && memcmp(hb + at, nbase, m) == 0) { return true }
                start = at + 1
            }
            return false
        }
    }

    /// The paragraph without a short copyright notice glued to its end after a finished sentence
    /// ("… opened an investigation. © 2026 Northfield Echo"); nil when it has none.
    static func withoutTrailingCopyright(_ paragraph: String) -> String? {
        let scalars = Array(paragraph.unicodeScalars)
        guard let mark = scalars.lastIndex(of: "\u{A9}"), mark > 0 else { return nil }
        let notice = scalars[mark...]
        guard notice.count <= 120, String(String.UnicodeScalarView(notice)).split(separator: " ").count <= 12 else { return nil }
        var end = mark
        while end > 0, scalars[end - 1].properties.isWhitespace { end -= 1 }
        guard end > 0, ".!?\"\u{201D}".unicodeScalars.contains(scalars[end - 1]) else { return nil }
        return String(String.UnicodeScalarView(scalars[..<end]))
    }

    static func isCopyright(_ paragraph: String) -> Bool {
        guard paragraph.utf8.count <= 2400 else { return false }
        let head = String(paragraph.unicodeScalars.prefix(12)).lowercased()
        if head.hasPrefix("copyright") || head.hasPrefix("©") || head.hasPrefix("(c) ") { return true }
        guard paragraph.utf8.count <= 900 else { return false }
        return withLowercasedASCII(paragraph) { bytesContain($0, allRightsReserved) }
    }
}
