/// A raw mention before merging: token range, type and normalized token texts.
struct RawMention {
    package var type: EntityType
    var firstToken: Int
    var endToken: Int
    var words: [String]
    var start: Int
    var end: Int
    var surface: String
}

/// Per-document merging of mentions into entities with canonical names.
enum CanonicalNames {
    /// Abbreviations whose full name is not spelled out in most articles that use them.
    static let wellKnownNames: [String: String] = [
        "US": "United States", "U.S.": "United States", "USA": "United States", "U.S.A.": "United States",
        "UK": "United Kingdom", "U.K.": "United Kingdom", "UAE": "United Arab Emirates",
        "UN": "United Nations", "U.N.": "United Nations", "EU": "European Union", "E.U.": "European Union",
    ]

    static let acronymStopwords: Set<String> = ["of", "the", "and", "for", "&", "de", "du", "des", "la", "le", "in", "on"]

    /// Groups mentions (in text order) into entities; the first mention fixes the entity's order. With
    /// `shortNamesOfPersons`, a short name matched to a person's full name becomes a person. Every other mention keeps
    /// the tagger's type (a majority vote per surface form cost 0.08 F1 on CoNLL valid; see MODEL.md).
    static func merge(_ mentions: [RawMention], shortNamesOfPersons: Bool = true) -> [RecognizedEntity] {
        let keys = mentions.map { key($0.words) }
        // every distinct key string gets a small id (one hash per mention)
        var idOf: [String: Int] = [:]
        idOf.reserveCapacity(mentions.count)
        var keyIds: [Int] = []
        keyIds.reserveCapacity(mentions.count)
        for k in keys {
            if let id = idOf[k] { keyIds.append(id) } else { let id = idOf.count; idOf[k] = id; keyIds.append(id) }
        }
        let ms = mentions
        // 1. canonical form (as a string id) for every mention
        var index = Index(ms)
        var canonicalIds: [Int] = []
        var names: [String] = Array(repeating: "", count: idOf.count)
        for (k, id) in idOf { names[id] = k }
        var personOf: [Int?] = []
        canonicalIds.reserveCapacity(ms.count)
        personOf.reserveCapacity(ms.count)
        for (i, m) in ms.enumerated() {
            let isName = m.type.nameIndex != nil
            let p = isName ? index.personMatch(m, key: keys[i], at: i) : nil
            personOf.append(p)
            if !isName {
                canonicalIds.append(keyIds[i])
            } else if let p {
                canonicalIds.append(keyIds[p])
            } else if let a = index.acronymMatch(m) {
                canonicalIds.append(keyIds[a])
            } else if keys[i].utf8.count <= wellKnownMaxBytes, let full = wellKnownNames[keys[i]] {
                if let id = idOf[full] {
                    canonicalIds.append(id)
                } else {
                    let id = idOf.count
                    idOf[full] = id
                    names.append(full)
                    canonicalIds.append(id)
                }
            } else {
                canonicalIds.append(keyIds[i])
            }
        }
        // 2. group by (type, canonical); a short name matched to a person's full name becomes that person
        var entities: [RecognizedEntity] = []
        var groupOf = [Int](repeating: -1, count: names.count * 8)  // canonical id * 8 + type ordinal → entity
        for (i, m) in ms.enumerated() {
            let type: EntityType = shortNamesOfPersons && personOf[i] != nil ? .person : m.type
            let slot = canonicalIds[i] * 8 + type.ordinal
            var g = groupOf[slot]
            if g < 0 {
                g = entities.count
                groupOf[slot] = g
                entities.append(RecognizedEntity(text: m.surface, type: type, canonical: names[canonicalIds[i]], mentions: []))
            }
            entities[g].mentions.append(EntityMention(start: m.start, end: m.end))
        }
        return entities
    }

    static let wellKnownMaxBytes = wellKnownNames.keys.map(\.utf8.count).max() ?? 0

    /// Lookup tables over a document's mentions so merging stays linear in the number of mentions.
    private struct Index {
        let mentions: [RawMention]
        /// first or last words of multi-word person names → indices of those names, ascending
        var personParts: [String: [Int]] = [:]
        /// (type, acronym) → first same-type multi-word name with those initials; built at the first look-up
        var acronyms: [AcronymKey: Int]?

        struct AcronymKey: Hashable {
            var type: EntityType
            var letters: String
        }

        init(_ ms: [RawMention]) {
            mentions = ms
            for (j, m) in ms.enumerated() where m.words.count >= 2 && m.type == .person {
                let w = m.words
                // prefixes and suffixes of one and (for three or more words) two words, each key once
                let first = w[0], last = w[w.count - 1]
                personParts[first, default: []].append(j)
                if last != first { personParts[last, default: []].append(j) }
                if w.count >= 3 {
                    let p2 = w[0] + " " + w[1]
                    let s2 = w[w.count - 2] + " " + w[w.count - 1]
                    personParts[p2, default: []].append(j)
                    if s2 != p2 { personParts[s2, default: []].append(j) }
                }
            }
        }

        static func buildAcronyms(_ ms: [RawMention]) -> [AcronymKey: Int] {
            var table: [AcronymKey: Int] = [:]
            for (j, m) in ms.enumerated() where m.words.count >= 2 {
                // the uppercased first letters of the words that are not stopwords (`uppercased()` maps letter by letter)
                var letters = ""
                for word in m.words where !CanonicalNames.isAcronymStopword(word) {
                    guard let f = word.unicodeScalars.first else { continue }
                    if f.value < 128 {
                        letters.unicodeScalars.append(f.value >= 97 && f.value <= 122 ? Unicode.Scalar(UInt8(f.value - 32)) : f)
                    } else {
                        letters += String(f).uppercased()
                    }
                }
                let key = AcronymKey(type: m.type, letters: letters)
                if table[key] == nil { table[key] = j }
            }
            return table
        }

        /// The longer PERSON name (most recent before `i`, else the first after) starting or ending with the mention's words.
        func personMatch(_ m: RawMention, key: String, at i: Int) -> Int? {
            guard m.words.count < 3, m.type == .person || (m.words.count == 1) else { return nil }
            guard let list = personParts[key] else { return nil }
            let candidates = list.filter { mentions[$0].words.count > m.words.count }
            if let before = candidates.last(where: { $0 < i }) { return before }
            if m.type == .person { return candidates.first { $0 > i } }
            return nil
        }

        /// `US` / `U.S.` → `United States` when a same-type multi-word name with those initials is in the document.
        mutating func acronymMatch(_ m: RawMention) -> Int? {
            guard m.words.count == 1 else { return nil }
            var count = 0
            for c in m.words[0].unicodeScalars where c != "." {
                count += 1
                guard count <= 6, CharClass.isUpper(c) else { return nil }
            }
            guard count >= 2 else { return nil }
            var letters = ""
            for c in m.words[0].unicodeScalars where c != "." { letters.unicodeScalars.append(c) }
            if acronyms == nil { acronyms = Index.buildAcronyms(mentions) }
            return acronyms?[AcronymKey(type: m.type, letters: letters)]
        }
    }

    /// `acronymStopwords.contains(word.lowercased())`, without lowercasing longer ASCII words.
    static func isAcronymStopword(_ word: String) -> Bool {
        if word.utf8.count > 3 && !word.utf8.contains(where: { $0 >= 128 }) { return false }
        return acronymStopwords.contains(word.lowercased())
    }

    static func key(_ words: [String]) -> String { words.count == 1 ? words[0] : words.joined(separator: " ") }
}
