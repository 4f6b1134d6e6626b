import Foundation

/// Self-attribution clauses, reporting/editing trailers, copyright and legal/subscription footers.
extension WireConventions {
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
        // Most paragraphs have no "©" (UTF-8 C2 A9): a byte scan answers before any scalar array is built.
        guard paragraph.utf8.contains(0xA9) else { return nil }
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
