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
}
