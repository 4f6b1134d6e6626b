import Foundation

/// The folded form of a text that hashing and matching use: case, quotes, dashes, diacritics,
/// compatibility forms and format characters folded; whitespace collapsed to single spaces.
///
/// `normalized.text` keeps its typography so offsets stay meaningful; only this form is folded.
public enum TextFolding {
    /// Folds `text` for matching: NFKC, lower case, no diacritics, ASCII quotes and dashes,
    /// no format characters (soft hyphen, zero-width), runs of hyphens/dashes as one `-`, single spaces,
    /// no leading/trailing space.
    ///
    /// ASCII runs are handled byte by byte; each distinct non-ASCII scalar is folded once per call
    /// (compatibility decomposition, marks removed, lower-cased, recomposed).
    public static func fold(_ text: String) -> String {
        String(decoding: foldedBytes(text), as: UTF8.self)
    }

    /// UTF-8 of `fold(text)`.
    static func foldedBytes(_ text: String) -> [UInt8] {
        withFoldedBytes(text) { Array($0) }
    }

    /// Calls `body` with the UTF-8 of `fold(text)`; walks the UTF-8 bytes of `text` directly into a
    /// temporary buffer (no intermediate array or string).
    public static func withFoldedBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var text = text
        return text.withUTF8 { buf in
            let n = buf.count
            // Each ASCII byte writes at most two bytes (a pending space and itself); room for the rest of
            // the input is re-checked before each non-ASCII scalar, whose folded form may be longer.
            var capacity = 2 * n + 16
            var out = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            defer { out.deallocate() }
            var o = 0
            var pendingSpace = false
            var cache: [UInt32: [UInt8]] = [:]
            var i = 0
            asciiFolds.withUnsafeBufferPointer { table in
            while i < n {
                let b = buf[i]
                if b < 0x80 {
                    // A run of bytes that fold to one byte each (letters, digits, punctuation but '-').
                    if table[Int(b)] != 0 {
                        if pendingSpace { out[o] = 0x20; o += 1; pendingSpace = false }
                        out[o] = table[Int(b)]; o += 1; i += 1
                        // Eight bytes at a time: printable ASCII or single spaces, no '-' or '`', capitals
                        // lower-cased in place.
                        while i < n {
                            if i + 8 <= n, let base = buf.baseAddress {
                                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                                if ASCIIWord.isSpacedPrintableRun(w), ASCIIWord.equal(w, 0x2D) | ASCIIWord.equal(w, 0x60) == 0 {
                                    UnsafeMutableRawPointer(out + o).storeBytes(of: w | ASCIIWord.inRange(w, 0x41, 0x5A) >> 2, as: UInt64.self)
                                    o += 8
                                    i += 8
                                    continue
                                }
                            }
                            let t = table[Int(buf[i] & 0x7F)]
                            if t == 0 || buf[i] >= 0x80 {
                                // One space before another such byte is written as it is (as a pending space would be).
                                if buf[i] == 0x20, i + 1 < n, buf[i + 1] < 0x80, table[Int(buf[i + 1])] != 0 {
                                    out[o] = 0x20; out[o + 1] = table[Int(buf[i + 1])]; o += 2; i += 2
                                    continue
                                }
                                break
                            }
                            out[o] = t; o += 1; i += 1
                        }
                        continue
                    }
                    i += 1
                    if b >= 65 && b <= 90 {
                        if pendingSpace { out[o] = 0x20; o += 1; pendingSpace = false }
                        out[o] = b | 0x20; o += 1
                    } else if b > 0x20 && b < 0x7F {
                        // A run of hyphens ("--" as a dash) folds to one, like the dashes it stands for.
                        if b == 0x2D && !pendingSpace && o > 0 && out[o - 1] == 0x2D { continue }
                        if pendingSpace { out[o] = 0x20; o += 1; pendingSpace = false }
                        out[o] = b == 0x60 ? 0x27 : b; o += 1
                    } else {
                        // Space or control: both separate words.
                        pendingSpace = o > 0
                    }
                    continue
                }
                // Valid UTF-8 (String guarantees it): decode one scalar.
                guard let (v, len) = UTF8Decoding.scalar(buf, at: i) else { break }
                i += len
                let folded: [UInt8]
                if v < 0x250 {
                    folded = latinFolds[Int(v) - 0x80]
                } else if let cached = cache[v] {
                    folded = cached
                } else {
                    folded = foldScalar(Unicode.Scalar(v) ?? "\u{FFFD}")
                    cache[v] = folded
                }
                if folded.isEmpty { continue }
                if folded.count == 1 && folded[0] == 0x20 { pendingSpace = o > 0; continue }
                if folded.count == 1 && folded[0] == 0x2D && !pendingSpace && o > 0 && out[o - 1] == 0x2D { continue }
                let needed = o + 1 + folded.count + 2 * (n - i) + 16
                if needed > capacity {
                    let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: max(needed, capacity * 2))
                    bigger.update(from: out, count: o)
                    out.deallocate()
                    out = bigger
                    capacity = max(needed, capacity * 2)
                }
                if pendingSpace { out[o] = 0x20; o += 1; pendingSpace = false }
                for f in folded { out[o] = f; o += 1 }
            }
            }
            return body(UnsafeBufferPointer(start: out, count: o))
        }
    }

    /// Per ASCII byte: what it folds to when that is one byte kept as is (letters lower-cased, '`' as '\''),
    /// 0 for space, controls and '-' (which need the state machine).
    static let asciiFolds: [UInt8] = (0..<128).map { (b: Int) -> UInt8 in
        if b >= 65 && b <= 90 { return UInt8(b) | 0x20 }
        if b > 0x20 && b < 0x7F && b != 0x2D { return b == 0x60 ? 0x27 : UInt8(b) }
        return 0
    }

    /// `foldScalar` of U+0080…U+024F (Latin-1 and Latin Extended), computed once.
    static let latinFolds: [[UInt8]] = (0x80..<0x250).map { foldScalar(Unicode.Scalar(UInt32($0)) ?? "\u{FFFD}") }

    /// UTF-8 of one non-ASCII scalar folded; `[0x20]` for white space, empty when dropped.
    static func foldScalar(_ scalar: Unicode.Scalar) -> [UInt8] {
        switch scalar.value {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x00B4, 0x2039, 0x203A: return [0x27]
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: return [0x22]
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x2E3A, 0x2E3B: return [0x2D]
        case 0x2026: return [0x2E, 0x2E, 0x2E]
        case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return []
        default: break
        }
        let props = scalar.properties
        if props.isWhitespace || scalar.value < 0xA0 { return [0x20] }
        switch props.generalCategory {
        case .format, .control, .nonspacingMark, .enclosingMark: return []
        default: break
        }
        // Compatibility decomposition, marks dropped, lower-cased, recomposed.
        let decomposed = String(scalar).decomposedStringWithCompatibilityMapping
        var kept = String.UnicodeScalarView()
        for s in decomposed.unicodeScalars {
            let cat = s.properties.generalCategory
            if cat == .nonspacingMark || cat == .enclosingMark { continue }
            kept.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
        }
        if kept.isEmpty { return [] }
        // Decomposed quotes/dashes (e.g. fullwidth forms) fold again.
        var out: [UInt8] = []
        for s in String(kept).precomposedStringWithCanonicalMapping.unicodeScalars {
            if s.value < 0x80 {
                let b = UInt8(s.value)
                out.append(b >= 65 && b <= 90 ? b | 0x20 : (b == 0x60 ? 0x27 : b))
            } else if s == scalar {
                out.append(contentsOf: String(s).utf8)
            } else {
                let again = foldScalar(s)
                out.append(contentsOf: again == [0x20] ? [] : again)
            }
        }
        return out
    }
}
