import Foundation

/// Finds entities in raw article text: names (PERSON, ORGANIZATION, LOCATION, MISC) with the trained
/// tagger, values (DATE, MONEY, QUANTITY, PERCENT) with rules, merged per document under canonical names.
public struct EntityRecognizer: Sendable {
    package let model: TaggerModel

    /// File name of the shipped model inside the module's `Resources` folder.
    public static let bundledModelName = "ner-perceptron.bin"

    private static let cached: Result<EntityRecognizer, any Error> = Result {
        try EntityRecognizer(modelAt: bundledResourceURL(bundledModelName))
    }

    /// The shipped model; loaded once per process and shared.
    public static func bundled() throws -> EntityRecognizer { try cached.get() }

    /// Loads a model written by `EntityTraining.train`.
    public init(modelAt url: URL) throws {
        model = try TaggerModel(contentsOf: url)
    }

    /// Entities of one document, in order of first mention, each with all mention offsets
    /// (Unicode scalar offsets into `text`, end exclusive).
    public func recognize(_ text: String) -> [RecognizedEntity] { recognize(text, steps: .deployed) }

    /// `recognize(_:)` with some post-tagging steps switched off (for measuring each step's effect).
    package func recognize(_ text: String, steps: PostTaggingSteps) -> [RecognizedEntity] {
        let scalars = Self.scalars(of: text)
        let tokens = Tokenizer.tokenize(scalars)
        return recognize(scalars: scalars, tokens: tokens, sentences: Tokenizer.sentences(tokens), steps: steps)
    }

    /// The entities of a text whose tokens and sentences are given (`start`/`end` are scalar offsets into `text`),
    /// instead of found by the tokenizer: the text path without raw-text tokenization.
    package func recognize(_ text: String, tokens: [(start: Int, end: Int)], sentences: [Range<Int>], steps: PostTaggingSteps) -> [RecognizedEntity] {
        let scalars = Self.scalars(of: text)
        let textTokens = tokens.map { TextToken(text: Tokenizer.normalize(scalars[$0.start..<$0.end]), start: $0.start, end: $0.end, newlinesBefore: 0) }
        return recognize(scalars: scalars, tokens: textTokens, sentences: sentences, steps: steps)
    }

    private func recognize(scalars: [Unicode.Scalar], tokens: [TextToken], sentences: [Range<Int>], steps: PostTaggingSteps) -> [RecognizedEntity] {
        guard !tokens.isEmpty else { return [] }
        let words = tokens.map(\.text)
        var nameSpans: [(EntityType, Int, Int)] = []
        let context = DocumentFeatures.keys(words: words, sentences: sentences)
        for range in sentences {
            let tags = model.tag(Array(words[range]), context: context.slice(range))
            for (t, s, e) in TagScheme.spans(tags: tags) {
                nameSpans.append((EntityType.nameTypes[t], range.lowerBound + s, range.lowerBound + e))
            }
        }
        if steps.personsSplitAtLowercase { nameSpans = PersonSpans.split(nameSpans, words: words) }
        if steps.listItemsAlike { nameSpans = ListItems.alike(nameSpans, words: words, sentences: sentences) }
        if steps.documentConsistency { nameSpans = DocumentConsistency.extend(nameSpans, words: words) }
        var covered = [Bool](repeating: false, count: tokens.count)
        for (_, s, e) in nameSpans { for k in s..<e { covered[k] = true } }
        var spans = nameSpans
        if steps.valueRules {
            for v in ValueRules.find(words) where !(v.1..<v.2).contains(where: { covered[$0] }) {
                spans.append(v)
            }
        }
        spans.sort { $0.1 < $1.1 }
        let mentions = spans.map { (type, s, e) -> RawMention in
            let start = tokens[s].start
            let end = tokens[e - 1].end
            let surface = Tokenizer.string(scalars[start..<end])
            // values keep their written form (`$11 billion`); names are compared word by word
            let forms = type.conllLabel == nil ? [Self.valueForm(surface)] : Array(words[s..<e])
            return RawMention(type: type, firstToken: s, endToken: e, words: forms, start: start, end: end, surface: surface)
        }
        return CanonicalNames.merge(mentions, shortNamesOfPersons: steps.shortNamesOfPersons)
    }

    /// `Array(text.unicodeScalars)`, decoded from the string's UTF-8 in one pass (the view's generic copy counts first).
    static func scalars(of text: String) -> [Unicode.Scalar] {
        let decoded = text.utf8.withContiguousStorageIfAvailable { buf -> [Unicode.Scalar] in
            [Unicode.Scalar](unsafeUninitializedCapacity: buf.count) { dst, count in
                // a String's UTF-8 is always valid: lead bytes give the length, continuation bytes 6 bits each
                let n = buf.count
                var i = 0, k = 0
                while i < n {
                    let b0 = UInt32(buf[i])
                    let v: UInt32
                    if b0 < 0x80 {
                        dst[k] = Unicode.Scalar(UInt8(truncatingIfNeeded: b0))
                        k += 1
                        i += 1
                        continue
                    } else if b0 < 0xE0 {
                        v = (b0 & 0x1F) << 6 | UInt32(buf[i + 1] & 0x3F); i += 2
                    } else if b0 < 0xF0 {
                        v = (b0 & 0x0F) << 12 | UInt32(buf[i + 1] & 0x3F) << 6 | UInt32(buf[i + 2] & 0x3F); i += 3
                    } else {
                        v = (b0 & 0x07) << 18 | UInt32(buf[i + 1] & 0x3F) << 12 | UInt32(buf[i + 2] & 0x3F) << 6
                            | UInt32(buf[i + 3] & 0x3F)
                        i += 4
                    }
                    dst[k] = Unicode.Scalar(v) ?? "\u{FFFD}"
                    k += 1
                }
                count = k
            }
        }
        return decoded ?? Array(text.unicodeScalars)
    }

    /// The written form of a value: whitespace runs become one space, typographic quotes ASCII.
    static func valueForm(_ surface: String) -> String {
        var ascii = true
        for b in surface.utf8 where b >= 128 { ascii = false; break }
        guard ascii else { return Tokenizer.normalize(surface.split(whereSeparator: \.isWhitespace).joined(separator: " ")) }
        // ASCII: the whitespace characters are 9-13 and 32 (CR LF is one whitespace character), normalizing changes nothing
        var out: [UInt8] = []
        out.reserveCapacity(surface.utf8.count)
        var pendingSpace = false
        for b in surface.utf8 {
            if b == 32 || (b >= 9 && b <= 13) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(32); pendingSpace = false }
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Name tags for an already tokenized sentence (`PER`, `LOC`, `ORG`, `MISC` spans as token ranges).
    public func tagNames(_ tokens: [String]) -> [(type: EntityType, range: Range<Int>)] {
        TagScheme.spans(tags: model.tag(tokens)).map { (EntityType.nameTypes[$0.0], $0.1..<$0.2) }
    }
}
