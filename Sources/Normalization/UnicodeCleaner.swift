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
        var state = State(htmlWhitespace: htmlWhitespace, capacity: input.utf8.count + 16)
        defer { state.finish() }
        var text = needsNFC(input) ? input.precomposedStringWithCanonicalMapping : input
        text.withUTF8 { buf in
            var i = 0
            let n = buf.count
            while i < n {
                let b = buf[i]
                if b < 0x80 {
                    if b > 0x20 && b < 0x7F {
                        // A run of printable ASCII goes in at once (same effect as byte by byte), single spaces
                        // between printable bytes included: inside a run they are written as they are.
                        var j = i + 1
                        while j < n {
                            if j + 8 <= n, let base = buf.baseAddress,
                               ASCIIWord.isSpacedPrintableRun(UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)) {
                                j += 8
                                continue
                            }
                            let c = buf[j]
                            if c > 0x20 && c < 0x7F { j += 1; continue }
                            if c == 0x20, j + 1 < n, buf[j + 1] > 0x20, buf[j + 1] < 0x7F { j += 2; continue }
                            break
                        }
                        state.feedPrintableRun(UnsafeBufferPointer(rebasing: buf[i..<j]))
                        i = j
                        continue
                    }
                    if b == 0x20 {
                        state.lastCR = false
                        state.pendingSpace = true
                        i += 1
                        continue
                    }
                    state.feedASCII(b)
                    i += 1
                    continue
                }
                // Valid UTF-8 (String guarantees it): decode one scalar.
                guard let (v, len) = UTF8Decoding.scalar(buf, at: i) else { break }
                state.feed(Unicode.Scalar(v) ?? Unicode.Scalar(0xFFFD)!, bytes: UnsafeBufferPointer(rebasing: buf[i..<(i + len)]))
                i += len
            }
        }
        state.endParagraph()
        return state.paragraphs
    }

    /// Whether NFC could change `input`: false for text whose scalars are all in blocks without
    /// combining marks, decompositions or singletons (ASCII, Latin-1/Extended, Greek, Cyrillic, General
    /// Punctuation, CJK ideographs, kana, Hangul syllables, emoji…), so the costly pass is skipped.
    public static func needsNFC(_ input: String) -> Bool {
        // Only scalars >= U+0300 (lead byte >= 0xCC) can matter.
        var input = input
        let hasHighLead = input.withUTF8 { buf in
            guard let base = buf.baseAddress else { return false }
            var i = 0
            // Eight bytes at a time past all-ASCII stretches.
            while i + 8 <= buf.count {
                if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                    for k in i..<(i + 8) where buf[k] >= 0xCC { return true }
                }
                i += 8
            }
            while i < buf.count { if buf[i] >= 0xCC { return true }; i += 1 }
            return false
        }
        guard hasHighLead else { return false }
        for s in input.unicodeScalars where s.value >= 0x300 && !nfcStable(s.value) { return true }
        return false
    }

    @inline(__always)
    static func nfcStable(_ v: UInt32) -> Bool {
        switch v {
        case 0x0388...0x03FF, 0x0400...0x0482, 0x048A...0x052F, 0x0531...0x0556, 0x0561...0x0587, 0x05D0...0x05EA,
             0x0620...0x064A, 0x0660...0x066F, 0x0671...0x06D5, 0x2002...0x2029, 0x202F...0x206F, 0x2070...0x20CF, 0x2100...0x2125,
             0x2127...0x2129, 0x212C...0x2328, 0x232B...0x2ADB, 0x2ADD...0x2FFF, 0x3000...0x3029, 0x3030...0x3098, 0x309B...0x30FF,
             0x3100...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xABFF, 0xAC00...0xD7A3, 0xE000...0xF8FF,
             0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x1F000...0x1FAFF:
            return true
        default:
            return false
        }
    }

    /// `input` cleaned to a single line (all breaks become spaces).
    public static func singleLine(_ input: String) -> String {
        paragraphs(input, htmlWhitespace: true).joined(separator: " ").split(separator: "\n").joined(separator: " ")
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

    /// The cleaning state machine. Line bytes go straight into the paragraph buffer (a line break is
    /// written before a line's first byte when the paragraph already has text), so nothing is copied twice.
    struct State {
        let htmlWhitespace: Bool
        var paragraphs: [String] = []
        /// Bytes of the current paragraph (owned; freed by `finish`).
        var buffer: UnsafeMutablePointer<UInt8>
        var count = 0
        var capacity: Int
        var lineEmpty = true
        var pendingSpace = false
        var previous: UInt32 = 0
        var lastCR = false

        init(htmlWhitespace: Bool, capacity: Int = 256) {
            self.htmlWhitespace = htmlWhitespace
            self.capacity = max(16, capacity)
            self.buffer = .allocate(capacity: self.capacity)
        }

        /// Frees the buffer; `paragraphs` stays valid.
        func finish() { buffer.deallocate() }

        @inline(__always) mutating func reserve(_ extra: Int) {
            if count + extra > capacity {
                let bigger = max(capacity * 2, count + extra)
                let next = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
                next.update(from: buffer, count: count)
                buffer.deallocate()
                buffer = next
                capacity = bigger
            }
        }

        /// Before kept bytes: the pending space inside a line, or the line break before a new line.
        @inline(__always) mutating func beginKeep(_ extra: Int) {
            reserve(extra + 1)
            if lineEmpty {
                if count > 0 { buffer[count] = 0x0A; count += 1 }
                lineEmpty = false
            } else if pendingSpace {
                buffer[count] = 0x20; count += 1
            }
            pendingSpace = false
        }

        /// Bytes 0x21...0x7E, all kept.
        @inline(__always)
        mutating func feedPrintableRun(_ run: UnsafeBufferPointer<UInt8>) {
            lastCR = false
            beginKeep(run.count)
            if let base = run.baseAddress { (buffer + count).update(from: base, count: run.count) }
            count += run.count
            previous = UInt32(run[run.count - 1])
        }

        @inline(__always)
        mutating func feedASCII(_ b: UInt8) {
            if b > 0x20 && b < 0x7F {
                if lastCR { lastCR = false }
                beginKeep(1)
                buffer[count] = b; count += 1
                previous = UInt32(b)
                return
            }
            feed(Unicode.Scalar(b), bytes: nil)
        }

        mutating func feed(_ s: Unicode.Scalar, bytes: UnsafeBufferPointer<UInt8>?) {
            let v = s.value
            if lastCR {
                lastCR = false
                if v == 0x0A && !htmlWhitespace { return }
            }
            switch UnicodeCleaner.kind(s, previous: previous, htmlWhitespace: htmlWhitespace) {
            case .keep:
                if v == 0xFFFD && previous == 0xFFFD { return }
                if let bytes {
                    beginKeep(bytes.count)
                    for b in bytes { buffer[count] = b; count += 1 }
                } else {
                    let utf8 = Array(String(s).utf8)
                    beginKeep(utf8.count)
                    for b in utf8 { buffer[count] = b; count += 1 }
                }
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
            if lineEmpty {
                endParagraph()
                return
            }
            lineEmpty = true
        }

        mutating func endParagraph() {
            pendingSpace = false
            previous = 0
            lineEmpty = true
            if count > 0 {
                paragraphs.append(String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self))
                count = 0
            }
        }
    }
}
