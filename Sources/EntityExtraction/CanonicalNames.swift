/// A raw mention before merging: token range, type and normalized token texts.
struct RawMention {
    var type: EntityType
    var firstToken: Int
    var endToken: Int
    var words: [String]
    var start: Int
    var end: Int
    var surface: String
}

/// Per-document merging of mentions into entities with canonical names.
enum CanonicalNames {
    static let acronymStopwords: Set<String> = ["of", "the", "and", "for", "&", "de", "du", "des", "la", "le", "in", "on"]

    /// Groups mentions (in text order) into entities; the first mention fixes the entity's order.
    static func merge(_ mentions: [RawMention]) -> [RecognizedEntity] {
        // 1. majority type per surface form among names, so one string gets one name type in a document
        var typeVotes: [String: [EntityType: Int]] = [:]
        for m in mentions where m.type.conllLabel != nil {
            typeVotes[key(m.words), default: [:]][m.type, default: 0] += 1
        }
        var ms = mentions
        for i in ms.indices where ms[i].type.conllLabel != nil {
            if let votes = typeVotes[key(ms[i].words)] {
                var best = ms[i].type
                var bestCount = votes[best] ?? 0
                for t in EntityType.nameTypes where (votes[t] ?? 0) > bestCount { best = t; bestCount = votes[t] ?? 0 }
                ms[i].type = best
            }
        }
        // 2. canonical form for every mention
        var canonicals: [String] = []
        for (i, m) in ms.enumerated() {
            canonicals.append(canonical(for: m, index: i, all: ms))
        }
        // 3. group by (type, canonical); a short person name may have been re-typed by the full name
        var order: [String] = []
        var groups: [String: RecognizedEntity] = [:]
        for (i, m) in ms.enumerated() {
            var type = m.type
            if type.conllLabel != nil, let personIdx = personMatch(m, index: i, all: ms), m.words.count < ms[personIdx].words.count {
                type = .person
            }
            let k = type.rawValue + "\u{1}" + canonicals[i]
            if groups[k] == nil {
                order.append(k)
                groups[k] = RecognizedEntity(text: m.surface, type: type, canonical: canonicals[i], mentions: [])
            }
            groups[k]?.mentions.append(EntityMention(start: m.start, end: m.end))
        }
        return order.compactMap { groups[$0] }
    }

    private static func key(_ words: [String]) -> String { words.joined(separator: " ") }

    private static func canonical(for m: RawMention, index: Int, all: [RawMention]) -> String {
        guard m.type.conllLabel != nil else { return key(m.words) }
        if let p = personMatch(m, index: index, all: all) { return key(all[p].words) }
        if let a = acronymMatch(m, all: all) { return key(all[a].words) }
        return key(m.words)
    }

    /// A longer PERSON name (the most recent before the mention, else the first after) whose first or
    /// last words equal the mention's words.
    static func personMatch(_ m: RawMention, index: Int, all: [RawMention]) -> Int? {
        guard m.words.count < 3 else { return nil }
        func matches(_ full: RawMention) -> Bool {
            guard full.type == .person, full.words.count > m.words.count else { return false }
            return Array(full.words.suffix(m.words.count)) == m.words || Array(full.words.prefix(m.words.count)) == m.words
        }
        if m.type != .person && m.words.count != 1 { return nil }
        var j = index - 1
        while j >= 0 {
            if matches(all[j]) { return j }
            j -= 1
        }
        if m.type == .person {
            for k in (index + 1)..<max(index + 1, all.count) where matches(all[k]) { return k }
        }
        return nil
    }

    /// `US` / `U.S.` → `United States` when a same-type multi-word name with those initials is in the document.
    static func acronymMatch(_ m: RawMention, all: [RawMention]) -> Int? {
        guard m.words.count == 1 else { return nil }
        let letters = m.words[0].unicodeScalars.filter { $0 != "." }
        guard letters.count >= 2, letters.count <= 6, letters.allSatisfy({ $0.properties.isUppercase }) else { return nil }
        let acronym = String(String.UnicodeScalarView(letters))
        for (j, full) in all.enumerated() where full.type == m.type && full.words.count >= 2 {
            let initials = full.words.filter { !acronymStopwords.contains($0.lowercased()) }.compactMap { $0.unicodeScalars.first }
            if String(String.UnicodeScalarView(initials)).uppercased() == acronym { return j }
        }
        return nil
    }
}
