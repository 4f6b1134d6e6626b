import Digest
import Foundation

/// The normalize stage's logic: HTML or plain text in, clean text with metadata, language and offsets out.
///
/// Pure and thread-safe; one instance can serve any number of tasks.
public struct Normalizer: Sendable {
    /// Bodies larger than this (UTF-8 bytes) are rejected with `NormalizationError.tooLarge`.
    public var maxBodyBytes: Int
    /// Identifier used for `language`.
    public var languageIdentifier: LanguageIdentifier

    public init() {
        self.maxBodyBytes = 64 << 20
        self.languageIdentifier = .shared
    }

    /// Normalizes one article. Throws `.emptyDocument` when nothing readable is left.
    public func normalize(_ raw: RawText) throws(NormalizationError) -> NormalizedText {
        let size = raw.body.utf8.count
        guard size <= maxBodyBytes else { throw .tooLarge(size, maxBodyBytes) }
        let html = raw.isHTML || Normalizer.looksLikeHTMLPage(raw.body)

        var title = raw.title.map { Normalizer.cleanTitle($0, html: html) }.flatMap { $0.isEmpty ? nil : $0 }
        var paragraphs: [String]
        var metaDate: DateParser.Parsed?
        var metaByline: String?
        var siteName: String?
        var langHint: String?
        var titleFromDocument = false
        var canonicalURL: String?
        var pageTitles: [String] = []

        if html {
            let page = HTMLExtractor.extract(raw.body)
            paragraphs = page.paragraphs.flatMap { UnicodeCleaner.paragraphs($0, htmlWhitespace: true) }
            if title == nil {
                title = [page.h1, page.ogTitle].compactMap { $0 }.map { UnicodeCleaner.singleLine($0) }.first { !$0.isEmpty }
                if title == nil, let doc = page.documentTitle.map(Normalizer.stripSiteSuffix), !doc.isEmpty {
                    title = doc
                    titleFromDocument = true
                }
            }
            let parsedDates = page.dates.compactMap { DateParser.parse($0) }
            metaDate = parsedDates.first(where: { $0.hasTimeAndZone }) ?? parsedDates.first
            metaByline = page.authors.lazy.compactMap { Normalizer.cleanByline($0) }.first
            siteName = page.siteName.map { UnicodeCleaner.singleLine($0) }.flatMap { $0.isEmpty ? nil : $0 }
            langHint = page.lang.map { String($0.lowercased().prefix(2)) }
            canonicalURL = page.canonicalURL.map { UnicodeCleaner.singleLine($0) }.flatMap { $0.isEmpty ? nil : $0 }
            pageTitles = [page.h1, page.ogTitle, page.documentTitle].compactMap { $0 }
        } else {
            paragraphs = UnicodeCleaner.paragraphs(HTMLEntities.decode(raw.body, requireSemicolon: true))
        }

        // A `<title>`-only page may carry its real headline as the first short line of the body.
        let wire = WireConventions.process(paragraphs, knownTitle: title, findHeadline: title == nil || titleFromDocument)
        if titleFromDocument, let headline = wire.headline { title = headline }
        // Conventions never empty a document that has text: a one-line item is the story, not furniture.
        if !wire.paragraphs.isEmpty { paragraphs = wire.paragraphs }
        if paragraphs.isEmpty, let headline = pageTitles.lazy.map({ UnicodeCleaner.singleLine($0) }).first(where: { !$0.isEmpty }) {
            paragraphs = [headline]  // a page whose only text is its headline
        }
        let text = paragraphs.joined(separator: "\n\n")
        guard !text.isEmpty else {
            throw .emptyDocument(raw.body.isEmpty ? "empty body" : "no readable text in the body")
        }
        let (scalars, wordCount) = Normalizer.scalarArrayAndWordCount(text)
        let paragraphSpans = Segmenter.paragraphs(scalars)
        var sentenceSpans: [TextSpan] = []
        for p in paragraphSpans { Segmenter.sentences(scalars, p.start, p.end, into: &sentenceSpans) }

        if title == nil {
            title = wire.headline ?? sentenceSpans.first.map { Normalizer.headline(from: scalars, $0) }
        }

        // Dates: a full instant from the text or page beats the feed's stamp, which beats a bare day.
        var publishedAt: Date?
        if let d = wire.date, d.hasTimeAndZone { publishedAt = d.date }
        else if let d = metaDate, d.hasTimeAndZone { publishedAt = d.date }
        else if let feed = raw.publishedAt.flatMap({ DateParser.parseFeedTimestamp($0) }) { publishedAt = feed }
        else if let d = wire.date ?? metaDate { publishedAt = d.date }

        // Language.
        var sample = String(Normalizer.scalarPrefix(title ?? "", 200))
        sample += "\n"
        sample += Normalizer.scalarPrefix(text, LanguageIdentifier.maxScalars)
        var (language, confidence) = languageIdentifier.identify(sample)
        if let hint = langHint, hint.count == 2, hint.allSatisfy({ $0.isLetter }) {
            if language == "und" { (language, confidence) = (hint, 0.5) }
            else if hint != language, confidence < 0.5, languageIdentifier.scores(sample).contains(where: { $0.language == hint }) {
                (language, confidence) = (hint, 0.5)
            }
        }

        return NormalizedText(
            title: title ?? "",
            text: text,
            language: language,
            languageConfidence: (confidence * 1000).rounded() / 1000,
            publishedAt: publishedAt,
            byline: wire.byline ?? metaByline,
            dateline: wire.dateline,
            credit: wire.credit ?? siteName,
            wordCount: wordCount,
            canonicalURL: canonicalURL,
            contentHash: TextFolding.withFoldedBytes(text) { SHA256.hex($0) },
            paragraphs: paragraphSpans,
            sentences: sentenceSpans
        )
    }

    // MARK: - helpers

    /// The word count's step for one ASCII character of class `c` (bit 0: word character, bit 1:
    /// joiner such as an apostrophe, which continues a word but does not start one).
    @inline(__always)
    static func countWord(_ c: UInt8, inWord: inout Bool, count: inout Int) {
        let w = c & 1
        let open: UInt8 = inWord ? 1 : 0
        count &+= Int(w & ~open)
        inWord = (w | (c >> 1 & open)) != 0
    }

    /// A body passed as plain text that is really a whole HTML page.
    static func looksLikeHTMLPage(_ body: String) -> Bool {
        var head = body.utf8.prefix(512).drop(while: { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF })
        guard head.first == UInt8(ascii: "<") else { return false }
        head = head.prefix(512)
        let lowered = String(decoding: head.map { ($0 >= 65 && $0 <= 90) ? $0 | 0x20 : $0 }, as: UTF8.self)
        return lowered.hasPrefix("<!doctype html") || lowered.hasPrefix("<html") || (lowered.hasPrefix("<?xml") && lowered.hasSubstring("<html"))
    }

    static func cleanTitle(_ title: String, html: Bool) -> String {
        let decoded = HTMLEntities.decode(title, requireSemicolon: !html)
        return UnicodeCleaner.singleLine(decoded)
    }

    /// "Headline | Site" → "Headline" when the suffix is short.
    static func stripSiteSuffix(_ title: String) -> String {
        for sep in [" | ", " – ", " — ", " - ", " :: ", " · "] {
            if let r = title.byteRange(of: sep, backwards: true) {
                let head = String(title[..<r.lowerBound]), tail = String(title[r.upperBound...])
                let headWords = head.split(separator: " ").count, tailWords = tail.split(separator: " ").count
                // The site name is the shorter side ("Headline | Site", "Site - Headline").
                if tailWords <= 4 && headWords >= tailWords { return head }
                if headWords <= 4 && tailWords > headWords { return tail }
            }
        }
        return title
    }

    static func cleanByline(_ raw: String) -> String? {
        var s = UnicodeCleaner.singleLine(raw)
        for prefix in ["By ", "BY ", "by ", "Par ", "Von ", "Por ", "Door ", "Di "] where s.hasPrefix(prefix) {
            s = String(s.dropFirst(prefix.count)); break
        }
        for sep in [" | ", " · ", " • ", "\u{2014}"] { if let r = s.byteRange(of: sep) { s = String(s[..<r.lowerBound]) } }
        s = s.trimming(" ,;|-")
        if s.isEmpty || s.scalarCount(atMost: 121) > 120 || s.lowercased().hasSubstring("http") { return nil }
        return s
    }

    /// The first `limit` Unicode scalars of `text` (all by default), decoded from its UTF-8 in one pass.
    static func scalarArray(_ text: String, limit: Int = Int.max) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { buf in
            [Unicode.Scalar](unsafeUninitializedCapacity: min(buf.count, limit)) { out, count in
                var i = 0, o = 0
                let n = buf.count
                while i < n && o < limit {
                    let b = buf[i]
                    if b < 0x80 {
                        out[o] = Unicode.Scalar(b); o += 1; i += 1
                        continue
                    }
                    guard let (v, len) = UTF8Decoding.scalar(buf, at: i) else { break }
                    out[o] = Unicode.Scalar(v) ?? "\u{FFFD}"
                    o += 1
                    i += len
                }
                count = o
            }
        }
    }

    /// `(scalarArray(text), wordCount(scalarArray(text)))` in one pass over the UTF-8 bytes.
    static func scalarArrayAndWordCount(_ text: String) -> ([Unicode.Scalar], Int) {
        var text = text
        var count = 0
        let scalars = text.withUTF8 { buf in
            asciiWordClasses.withUnsafeBufferPointer { classes in
                [Unicode.Scalar](unsafeUninitializedCapacity: buf.count) { out, outCount in
                    var i = 0, o = 0
                    let n = buf.count
                    var inWord = false
                    let base = buf.baseAddress
                    while i < n {
                        let b = buf[i]
                        if b < 0x80, i + 8 <= n, let base {
                            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                            if word & 0x8080_8080_8080_8080 == 0 {
                                // Eight ASCII bytes: per-byte masks (high bits) of word characters and joiners.
                                let wordChars = asciiWordMask(word)
                                let joiners = asciiJoinerMask(word)
                                if joiners & (joiners << 8) == 0 {
                                    // No two joiners in a row: a joiner's state is that of the byte before it.
                                    let carry: UInt64 = inWord ? 0x80 : 0
                                    let open = wordChars | (joiners & (wordChars << 8 | carry))
                                    let starts = wordChars & ~(open << 8 | carry)
                                    count &+= starts.nonzeroBitCount
                                    inWord = open >> 63 != 0
                                    for k in 0..<8 { out[o + k] = Unicode.Scalar(UInt8(truncatingIfNeeded: word >> UInt64(8 * k))) }
                                    o += 8
                                    i += 8
                                    continue
                                }
                            }
                        }
                        if b < 0x80 {
                            out[o] = Unicode.Scalar(b); o += 1; i += 1
                            Normalizer.countWord(classes[Int(b)], inWord: &inWord, count: &count)
                            continue
                        }
                        guard let (v, len) = UTF8Decoding.scalar(buf, at: i) else { break }
                        let s = Unicode.Scalar(v) ?? "\u{FFFD}"
                        out[o] = s
                        o += 1
                        i += len
                        let sv = s.value
                        if (0x3040...0x30FF).contains(sv) || (0x3400...0x9FFF).contains(sv) || (0xF900...0xFAFF).contains(sv) {
                            count += 1; inWord = false
                        } else if sv == 0x2019 {
                            // A joiner: no change.
                        } else if s.properties.isAlphabetic || s.properties.numericType != nil || s.properties.generalCategory == .nonspacingMark {
                            if !inWord { count += 1; inWord = true }
                        } else {
                            inWord = false
                        }
                    }
                    outCount = o
                }
            }
        }
        return (scalars, count)
    }

    /// High bit of each byte of `word` (all bytes below 0x80) set where the byte is an ASCII letter or digit.
    @inline(__always) static func asciiWordMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let lower = word | (0x20 &* ones)
        let letters = (lower &+ 0x1F &* ones) & ~(lower &+ 0x05 &* ones)      // 'a'...'z'
        let digits = (word &+ 0x50 &* ones) & ~(word &+ 0x46 &* ones)         // '0'...'9'
        return (letters | digits) & (0x80 &* ones)
    }

    /// High bit of each byte of `word` (all bytes below 0x80) set where the byte is a joiner: ' , - .
    @inline(__always) static func asciiJoinerMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high = 0x80 &* ones
        let commaToPeriod = (word &+ 0x54 &* ones) & ~(word &+ 0x51 &* ones)   // 0x2C...0x2E
        let t = word ^ (0x27 &* ones)
        let apostrophe = ~(((t & (0x7F &* ones)) &+ 0x7F &* ones) | t | (0x7F &* ones))  // bytes equal to 0x27
        return (commaToPeriod | apostrophe) & high
    }

    /// `String(text.unicodeScalars.prefix(limit))`, found on the UTF-8 bytes.
    static func scalarPrefix(_ text: String, _ limit: Int) -> Substring {
        if text.utf8.count <= limit { return text[...] }
        var copy = text
        let bytes = copy.withUTF8 { buf -> Int in
            guard let base = buf.baseAddress else { return 0 }
            var scalars = 0
            var i = 0
            while i < buf.count {
                // Eight ASCII bytes are eight scalars, none of them the one after the limit.
                if i + 8 <= buf.count && scalars + 8 <= limit
                    && UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    scalars += 8
                    i += 8
                    continue
                }
                if buf[i] & 0xC0 != 0x80 {
                    if scalars == limit { return i }
                    scalars += 1
                }
                i += 1
            }
            return buf.count
        }
        return Substring(text.utf8[..<text.utf8.index(text.utf8.startIndex, offsetBy: bytes)])
    }

    /// The first sentence as a headline; longer than 200 code points, it is cut at a clause break
    /// (`,` `;` `:`) or, failing that, at a word break with an ellipsis.
    static func headline(from scalars: [Unicode.Scalar], _ span: TextSpan) -> String {
        var end = span.end
        if span.length > 200 {
            // Prefer a clause break after at least 100 code points, else a word break with an ellipsis.
            var cut = span.start + 200
            while cut > span.start + 100, scalars[cut - 1] != ",", scalars[cut - 1] != ";", scalars[cut - 1] != ":" { cut -= 1 }
            if cut > span.start + 100 {
                end = cut
            } else {
                cut = span.start + 160
                while cut > span.start + 40, scalars[cut - 1] != " " { cut -= 1 }
                let s = String(scalarSlice: scalars[span.start..<cut]).trimming(" ,;:")
                return s.split(separator: "\n").joined(separator: " ") + "\u{2026}"
            }
        }
        let s = String(scalarSlice: scalars[span.start..<end])
        return s.split(separator: "\n").joined(separator: " ").trimming(" ,;:")
    }

    /// Words: runs of letters/digits (joined by ' ’ - . , inside); each CJK ideograph or kana counts as one.
    ///
    /// A joiner never changes the state (inside a word it keeps the word open for a following word
    /// character; outside one it is a separator like any other), so ASCII needs no branches.
    static func wordCount(_ scalars: [Unicode.Scalar]) -> Int {
        scalars.withUnsafeBufferPointer { buf in
            asciiWordClasses.withUnsafeBufferPointer { classes in
            var count = 0
            var inWord = false
            for s in buf {
                let v = s.value
                let isWordChar: Bool
                if v < 128 {
                    Normalizer.countWord(classes[Int(v)], inWord: &inWord, count: &count)
                    continue
                } else if (0x3040...0x30FF).contains(v) || (0x3400...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) {
                    count += 1; inWord = false; continue
                } else if v == 0x2019 {
                    continue
                } else {
                    isWordChar = s.properties.isAlphabetic || s.properties.numericType != nil || s.properties.generalCategory == .nonspacingMark
                }
                if isWordChar {
                    if !inWord { count += 1; inWord = true }
                } else {
                    inWord = false
                }
            }
            return count
            }
        }
    }

    /// Per ASCII byte: 1 for a letter or digit, 2 for a joiner (' , - .), else 0.
    static let asciiWordClasses: [UInt8] = (0..<128).map { v in
        if (48...57).contains(v) || (65...90).contains(v) || (97...122).contains(v) { return 1 }
        return v == 0x27 || v == 0x2C || v == 0x2D || v == 0x2E ? 2 : 0
    }
}
