/// Cuts tagged person names at lowercase words that are not name particles.
enum PersonSpans {
    /// Lowercase words that belong inside a person's name.
    static let particles: Set<String> = [
        "de", "del", "della", "der", "den", "des", "di", "da", "dal", "das", "do", "dos", "du", "van", "von", "ten", "ter",
        "la", "le", "bin", "ibn", "bint", "al", "el", "abu", "ben", "y", "e", "zu", "af", "wa", "of", "the",
    ]

    /// `spans` with each PERSON span cut at its inner lowercase non-particle words (the word itself left out);
    /// other spans unchanged.
    static func split(_ spans: [(EntityType, Int, Int)], words: [String]) -> [(EntityType, Int, Int)] {
        var out: [(EntityType, Int, Int)] = []
        out.reserveCapacity(spans.count)
        for (t, s, e) in spans {
            guard t == .person, e - s >= 3 else { out.append((t, s, e)); continue }
            var start = s
            for k in (s + 1)..<(e - 1) where isLowercaseWord(words[k]) && !particles.contains(words[k]) {
                if k > start { out.append((t, start, k)) }
                start = k + 1
            }
            if e > start { out.append((t, start, e)) }
        }
        return out
    }

    /// Only lowercase letters.
    private static func isLowercaseWord(_ w: String) -> Bool {
        !w.isEmpty && w.unicodeScalars.allSatisfy { CharClass.isLower($0) }
    }
}
