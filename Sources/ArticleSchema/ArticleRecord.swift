import Foundation

/// The versioned article record every stage reads and writes: raw input fields, one section per stage,
/// and the lineage of stages that touched it. Top-level fields this version does not know are kept in
/// ``extra`` and written back unchanged, so a stage deployed later never loses what another wrote.
public struct ArticleRecord: Sendable, Equatable {
    /// The schema version this build reads and writes.
    public static let schemaVersion = 1

    public var id: String
    public var source: String?
    public var url: String?
    public var title: String?
    public var body: String?
    /// `text/plain` or `text/html`.
    public var contentType: ContentType
    /// ISO 8601 as supplied by the source, if any.
    public var publishedAt: String?
    /// ISO 8601 UTC time of ingestion.
    public var receivedAt: String?

    public var normalized: NormalizedSection?
    public var entities: [EntityRecord]?
    public var topics: [TopicRecord]?
    public var dedupe: DedupeRecord?
    public var lineage: [LineageEntry]

    /// Top-level fields this version does not know, in their original order.
    public var extra: JSONObject

    public enum ContentType: String, Sendable, Equatable, CaseIterable {
        case plain = "text/plain"
        case html = "text/html"
    }

    public init(
        id: String? = nil, source: String? = nil, url: String? = nil, title: String? = nil, body: String,
        contentType: ContentType = .plain, publishedAt: String? = nil, receivedAt: String? = nil
    ) {
        self.id = id.flatMap { $0.isEmpty ? nil : $0 } ?? StableID.make(source: source, url: url, title: title, body: body)
        self.source = source
        self.url = url
        self.title = title
        self.body = body
        self.contentType = contentType
        self.publishedAt = publishedAt
        self.receivedAt = receivedAt
        self.lineage = []
        self.extra = [:]
    }

    /// Appends this stage to ``lineage``.
    public mutating func appendLineage(stage: String, version: String, at date: Date = Date()) {
        lineage.append(LineageEntry(stage: stage, version: version, processedAt: ISOTime.string(from: date)))
    }

    /// The text later stages work on: `normalized.text` when present, else the raw body.
    public var workingText: String { normalized?.text ?? body ?? "" }
    /// The title later stages work on.
    public var workingTitle: String { normalized?.title ?? title ?? "" }

    /// Every field as given (the byte-level reader has already checked and defaulted them).
    init(
        id: String, source: String?, url: String?, title: String?, body: String?, contentType: ContentType, publishedAt: String?,
        receivedAt: String?, normalized: NormalizedSection?, entities: [EntityRecord]?, topics: [TopicRecord]?, dedupe: DedupeRecord?,
        lineage: [LineageEntry], extra: JSONObject
    ) {
        self.id = id
        self.source = source
        self.url = url
        self.title = title
        self.body = body
        self.contentType = contentType
        self.publishedAt = publishedAt
        self.receivedAt = receivedAt
        self.normalized = normalized
        self.entities = entities
        self.topics = topics
        self.dedupe = dedupe
        self.lineage = lineage
        self.extra = extra
    }

    static let knownKeys: Set<String> = [
        "schema_version", "id", "source", "url", "title", "body", "content_type", "published_at", "received_at",
        "normalized", "entities", "topics", "dedupe", "lineage",
    ]
}

extension ArticleRecord {
    /// Reads a record from a parsed JSON value, checking every known field's type.
    /// - Parameter headerSchemaVersion: the version from the message header, if there was one.
    public init(json: JSONValue, headerSchemaVersion: Int? = nil) throws(ArticleDecodingError) {
        guard case .object(let o) = json else { throw .notAnObject(found: json.typeName) }
        let bodyVersion = try o.optionalInt("schema_version", "")
        let version = max(headerSchemaVersion ?? 0, bodyVersion ?? 0)
        if version > Self.schemaVersion { throw .newerSchema(found: version, supported: Self.schemaVersion) }

        source = try o.optionalString("source", "")
        url = try o.optionalString("url", "")
        title = try o.optionalString("title", "")
        body = try o.optionalString("body", "")
        if let ct = try o.optionalString("content_type", "") {
            guard let parsed = ContentType(rawValue: ct.lowercased()) else {
                throw .invalidValue(field: "content_type", reason: "expected 'text/plain' or 'text/html', got '\(ct)'")
            }
            contentType = parsed
        } else {
            contentType = .plain
        }
        publishedAt = try o.optionalString("published_at", "")
        receivedAt = try o.optionalString("received_at", "")

        // `null` means absent, as for every optional field.
        if let v = o["normalized"], !v.isNull { normalized = try NormalizedSection(json: v, path: "normalized") }
        if body == nil && normalized == nil { throw .missingField("body") }
        if let v = o["entities"], !v.isNull {
            guard let items = v.arrayValue else { throw .wrongType(field: "entities", expected: "an array", found: v.typeName) }
            var list: [EntityRecord] = []
            for (i, item) in items.enumerated() { list.append(try EntityRecord(json: item, path: "entities[\(i)]")) }
            entities = list
        }
        if let v = o["topics"], !v.isNull {
            guard let items = v.arrayValue else { throw .wrongType(field: "topics", expected: "an array", found: v.typeName) }
            var list: [TopicRecord] = []
            for (i, item) in items.enumerated() { list.append(try TopicRecord(json: item, path: "topics[\(i)]")) }
            topics = list
        }
        if let v = o["dedupe"], !v.isNull { dedupe = try DedupeRecord(json: v, path: "dedupe") }
        var lineage: [LineageEntry] = []
        for (i, item) in try o.optionalArray("lineage", "").enumerated() {
            lineage.append(try LineageEntry(json: item, path: "lineage[\(i)]"))
        }
        self.lineage = lineage
        var extra = JSONObject()
        for (k, v) in o where !Self.knownKeys.contains(k) { extra[k] = v }
        self.extra = extra

        if let given = try o.optionalString("id", ""), !given.isEmpty {
            id = given
        } else {
            id = StableID.make(source: source, url: url, title: title, body: body ?? normalized?.text ?? "")
        }
    }

    /// The record as a JSON object, known fields first in a fixed order, then unknown ones.
    public var json: JSONValue {
        var o: JSONObject = ["schema_version": JSONValue(Self.schemaVersion), "id": .string(id)]
        if let source { o["source"] = .string(source) }
        if let url { o["url"] = .string(url) }
        if let title { o["title"] = .string(title) }
        if let body { o["body"] = .string(body) }
        o["content_type"] = .string(contentType.rawValue)
        if let publishedAt { o["published_at"] = .string(publishedAt) }
        if let receivedAt { o["received_at"] = .string(receivedAt) }
        if let normalized { o["normalized"] = normalized.json }
        if let entities { o["entities"] = .array(entities.map(\.json)) }
        if let topics { o["topics"] = .array(topics.map(\.json)) }
        if let dedupe { o["dedupe"] = dedupe.json }
        o["lineage"] = .array(lineage.map(\.json))
        for (k, v) in extra { o[k] = v }
        return .object(o)
    }
}
