import Foundation

/// The `normalized` section the normalize stage writes.
public struct NormalizedSection: Sendable, Equatable {
    public var title: String
    public var text: String
    /// ISO 639-1 code, `und` when unknown.
    public var language: String
    /// ISO 8601 UTC, only when a trustworthy date was found.
    public var publishedAt: String?
    public var byline: String?
    public var dateline: String?
    public var wordCount: Int
    /// Hex SHA-256 of the folded text (case, quotes, dashes and diacritics folded).
    public var contentHash: String
    /// Further fields (language confidence, credit, paragraph spans, …) kept as written.
    public var extra: JSONObject

    public init(
        title: String, text: String, language: String, publishedAt: String?, byline: String?, dateline: String?,
        wordCount: Int, contentHash: String, extra: JSONObject = [:]
    ) {
        self.title = title
        self.text = text
        self.language = language
        self.publishedAt = publishedAt
        self.byline = byline
        self.dateline = dateline
        self.wordCount = wordCount
        self.contentHash = contentHash
        self.extra = extra
    }

    static let knownKeys: Set<String> = ["title", "text", "language", "published_at", "byline", "dateline", "word_count", "content_hash"]

    init(json: JSONValue, path: String) throws(ArticleDecodingError) {
        let o = try json.object(at: path)
        title = try o.string("title", path)
        text = try o.string("text", path)
        language = try o.optionalString("language", path) ?? "und"
        publishedAt = try o.optionalString("published_at", path)
        byline = try o.optionalString("byline", path)
        dateline = try o.optionalString("dateline", path)
        wordCount = try o.optionalInt("word_count", path) ?? 0
        contentHash = try o.optionalString("content_hash", path) ?? ""
        var extra = JSONObject()
        for (k, v) in o where !Self.knownKeys.contains(k) { extra[k] = v }
        self.extra = extra
    }

    var json: JSONValue {
        var o: JSONObject = [
            "title": .string(title), "text": .string(text), "language": .string(language),
            "published_at": JSONValue(publishedAt), "byline": JSONValue(byline), "dateline": JSONValue(dateline),
            "word_count": JSONValue(wordCount), "content_hash": .string(contentHash),
        ]
        for (k, v) in extra { o[k] = v }
        return .object(o)
    }
}

/// One entity of the `entities` section: a name or value with every place it is mentioned.
public struct EntityRecord: Sendable, Equatable {
    /// PERSON, ORGANIZATION, LOCATION, MISC, DATE, MONEY, QUANTITY or PERCENT.
    public var type: String
    public var text: String
    public var canonical: String
    /// Unicode code-point offsets into `normalized.text`, end exclusive.
    public var mentions: [Mention]

    public struct Mention: Sendable, Equatable {
        public var start: Int
        public var end: Int
        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }
    }

    public static let allowedTypes: Set<String> = ["PERSON", "ORGANIZATION", "LOCATION", "MISC", "DATE", "MONEY", "QUANTITY", "PERCENT"]

    public init(text: String, type: String, canonical: String, mentions: [Mention]) {
        self.text = text
        self.type = type
        self.canonical = canonical
        self.mentions = mentions
    }

    init(json: JSONValue, path: String) throws(ArticleDecodingError) {
        let o = try json.object(at: path)
        text = try o.string("text", path)
        type = try o.string("type", path)
        guard Self.allowedTypes.contains(type) else {
            throw .invalidValue(field: "\(path).type", reason: "expected one of \(Self.allowedTypes.sorted().joined(separator: ", ")), got '\(type)'")
        }
        canonical = try o.optionalString("canonical", path) ?? text
        var mentions: [Mention] = []
        for (i, m) in try o.optionalArray("mentions", path).enumerated() {
            let mp = "\(path).mentions[\(i)]"
            let mo = try m.object(at: mp)
            mentions.append(Mention(start: try mo.int("start", mp), end: try mo.int("end", mp)))
        }
        self.mentions = mentions
    }

    var json: JSONValue {
        .object([
            "text": .string(text), "type": .string(type), "canonical": .string(canonical),
            "mentions": .array(mentions.map { .object(["start": JSONValue($0.start), "end": JSONValue($0.end)]) }),
        ])
    }
}

/// One label of the `topics` section.
public struct TopicRecord: Sendable, Equatable {
    public var label: String
    public var score: Double
    public init(label: String, score: Double) {
        self.label = label
        self.score = score
    }

    init(json: JSONValue, path: String) throws(ArticleDecodingError) {
        let o = try json.object(at: path)
        label = try o.string("label", path)
        score = try o.double("score", path)
    }

    var json: JSONValue { .object(["label": .string(label), "score": .number((score * 10000).rounded() / 10000)]) }
}

/// The `dedupe` section.
public struct DedupeRecord: Sendable, Equatable {
    /// `unique`, `duplicate` or `near_duplicate`.
    public var status: String
    public var duplicateOf: String?
    public var similarity: Double

    public static let allowedStatuses: Set<String> = ["unique", "duplicate", "near_duplicate"]

    public init(status: String, duplicateOf: String?, similarity: Double) {
        self.status = status
        self.duplicateOf = duplicateOf
        self.similarity = similarity
    }

    init(json: JSONValue, path: String) throws(ArticleDecodingError) {
        let o = try json.object(at: path)
        status = try o.string("status", path)
        guard Self.allowedStatuses.contains(status) else {
            throw .invalidValue(field: "\(path).status", reason: "expected one of unique, duplicate, near_duplicate, got '\(status)'")
        }
        duplicateOf = try o.optionalString("duplicate_of", path)
        similarity = try o.optionalDouble("similarity", path) ?? 0
    }

    var json: JSONValue {
        .object([
            "status": .string(status), "duplicate_of": JSONValue(duplicateOf),
            "similarity": .number((similarity * 10000).rounded() / 10000),
        ])
    }
}

/// One entry of `lineage`: which stage touched the record, in which version, when.
public struct LineageEntry: Sendable, Equatable {
    public var stage: String
    public var version: String
    /// ISO 8601 UTC.
    public var processedAt: String

    public init(stage: String, version: String, processedAt: String) {
        self.stage = stage
        self.version = version
        self.processedAt = processedAt
    }

    init(json: JSONValue, path: String) throws(ArticleDecodingError) {
        let o = try json.object(at: path)
        stage = try o.string("stage", path)
        version = try o.optionalString("version", path) ?? ""
        processedAt = try o.optionalString("processed_at", path) ?? ""
    }

    var json: JSONValue {
        .object(["stage": .string(stage), "version": .string(version), "processed_at": .string(processedAt)])
    }
}
