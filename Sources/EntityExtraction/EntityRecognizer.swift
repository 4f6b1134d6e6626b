import Foundation

/// Finds entities in raw article text: names (PERSON, ORGANIZATION, LOCATION, MISC) with the trained
/// tagger, values (DATE, MONEY, QUANTITY, PERCENT) with rules, merged per document under canonical names.
public struct EntityRecognizer: Sendable {
    let model: TaggerModel

    /// File name of the shipped model inside the module's `Resources` folder.
    public static let bundledModelName = "ner-perceptron.bin"

    private static let cached: Result<EntityRecognizer, any Error> = Result {
        guard let url = Bundle.module.url(forResource: bundledModelName, withExtension: nil, subdirectory: "Resources") else {
            throw EntityModelError.missingResource(bundledModelName)
        }
        return try EntityRecognizer(modelAt: url)
    }

    /// The shipped model; loaded once per process and shared.
    public static func bundled() throws -> EntityRecognizer { try cached.get() }

    /// Loads a model written by `EntityTraining.train`.
    public init(modelAt url: URL) throws {
        model = try TaggerModel(contentsOf: url)
    }

    /// Entities of one document, in order of first mention, each with all mention offsets
    /// (Unicode scalar offsets into `text`, end exclusive).
    public func recognize(_ text: String) -> [RecognizedEntity] {
        let scalars = Array(text.unicodeScalars)
        let tokens = Tokenizer.tokenize(scalars)
        guard !tokens.isEmpty else { return [] }
        let words = tokens.map(\.text)
        var nameSpans: [(EntityType, Int, Int)] = []
        for range in Tokenizer.sentences(tokens) {
            var sentence = Array(words[range])
            // Title-case headlines ("Oracle Adds Software For ...") look like nothing in the training data;
            // the tagger reads them as the all-caps headlines it was trained on.
            if Self.isTitleCase(sentence) { sentence = sentence.map { $0.uppercased() } }
            let tags = model.tag(sentence)
            for (t, s, e) in TagScheme.spans(tags: tags) {
                nameSpans.append((EntityType.nameTypes[t], range.lowerBound + s, range.lowerBound + e))
            }
        }
        nameSpans = DocumentConsistency.extend(nameSpans, words: words)
        var covered = [Bool](repeating: false, count: tokens.count)
        for (_, s, e) in nameSpans { for k in s..<e { covered[k] = true } }
        var spans = nameSpans
        for v in ValueRules.find(words) where !(v.1..<v.2).contains(where: { covered[$0] }) {
            spans.append(v)
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
        return CanonicalNames.merge(mentions)
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

    /// At least four words, nearly all capitalized, not already in capitals.
    static func isTitleCase(_ words: [String]) -> Bool {
        var alpha = 0
        var capitalized = 0
        for w in words {
            guard let f = w.unicodeScalars.first, CharClass.isLetter(f) else { continue }
            alpha += 1
            if CharClass.isUpper(f) { capitalized += 1 }
        }
        return alpha >= 4 && capitalized * 10 >= alpha * 8 && !FeatureExtractor.isAllCaps(words)
    }

    /// Name tags for an already tokenized sentence (`PER`, `LOC`, `ORG`, `MISC` spans as token ranges).
    public func tagNames(_ tokens: [String]) -> [(type: EntityType, range: Range<Int>)] {
        TagScheme.spans(tags: model.tag(tokens)).map { (EntityType.nameTypes[$0.0], $0.1..<$0.2) }
    }
}
