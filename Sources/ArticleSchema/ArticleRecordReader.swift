import Foundation

/// Reads the known schema fields straight from the bytes into an ``ArticleRecord`` (keys matched on
/// bytes, no ``JSONValue`` tree except for unknown fields, which are kept). Whenever anything is not
/// plainly valid — a syntax error, a wrong type, a missing field, an escaped key — it gives up and
/// the caller takes the generic path, which produces today's exact result or error.
struct ArticleRecordReader {
    struct GiveUp: Error {}

    var r: JSONByteReader

    static func read(_ bytes: [UInt8], headerSchemaVersion: Int?) -> ArticleRecord? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = ArticleRecordReader(r: JSONByteReader(buffer))
            return try? reader.record(headerSchemaVersion: headerSchemaVersion)
        }
    }

    // MARK: tokens

    @inline(__always) private mutating func expect(_ byte: UInt8) throws(GiveUp) {
        guard r.consume(byte) else { throw GiveUp() }
    }

    /// A key without escapes: its byte range; then the `:`.
    @inline(__always) private mutating func key() throws(GiveUp) -> (start: Int, count: Int) {
        r.skipWhitespace()
        guard r.index < r.end, r.base[r.index] == UInt8(ascii: "\"") else { throw GiveUp() }
        let start = r.index + 1
        var i = start
        // Keys are short: a plain byte loop beats the 8-byte scan here.
        while i < r.end {
            let c = r.base[i]
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\") || c < 0x20 { throw GiveUp() }
            i += 1
        }
        guard i < r.end else { throw GiveUp() }
        r.index = i + 1
        if r.index < r.end && r.base[r.index] == UInt8(ascii: ":") {
            r.index += 1
        } else {
            guard r.consume(UInt8(ascii: ":")) else { throw GiveUp() }
        }
        r.skipWhitespace()
        return (start, i - start)
    }

    @inline(__always) private func matches(_ key: (start: Int, count: Int), _ literal: StaticString) -> Bool {
        guard key.count == literal.utf8CodeUnitCount else { return false }
        let a = r.base + key.start
        let b = literal.utf8Start
        for k in 0..<key.count where a[k] != b[k] { return false }
        return true
    }

    private func keyString(_ key: (start: Int, count: Int)) -> String {
        String(decoding: UnsafeBufferPointer(start: r.base + key.start, count: key.count), as: UTF8.self)
    }

    /// After a member: true when another follows (`,`), false at the closing `close`.
    @inline(__always) private mutating func more(_ close: UInt8) throws(GiveUp) -> Bool {
        r.skipWhitespace()
        guard r.index < r.end else { throw GiveUp() }
        let c = r.base[r.index]
        r.index += 1
        if c == UInt8(ascii: ",") { return true }
        if c == close { return false }
        throw GiveUp()
    }

    /// `{` then true when the object has members.
    @inline(__always) private mutating func openObject() throws(GiveUp) -> Bool {
        try expect(UInt8(ascii: "{"))
        return !r.consume(UInt8(ascii: "}"))
    }

    @inline(__always) private mutating func openArray() throws(GiveUp) -> Bool {
        try expect(UInt8(ascii: "["))
        return !r.consume(UInt8(ascii: "]"))
    }

    /// True (and consumed) when the value is `null`.
    @inline(__always) private mutating func null() -> Bool {
        let i = r.index
        if i + 4 <= r.end, r.base[i] == UInt8(ascii: "n"), r.base[i + 1] == UInt8(ascii: "u"), r.base[i + 2] == UInt8(ascii: "l"),
            r.base[i + 3] == UInt8(ascii: "l")
        {
            r.index += 4
            return true
        }
        return false
    }

    @inline(__always) private mutating func string() throws(GiveUp) -> String {
        guard r.index < r.end, r.base[r.index] == UInt8(ascii: "\"") else { throw GiveUp() }
        do { return try r.parseString() } catch { throw GiveUp() }
    }

    @inline(__always) private mutating func optionalString() throws(GiveUp) -> String? {
        if null() { return nil }
        return try string()
    }

    /// A string that must equal one of `allowed` (compared on bytes).
    private mutating func oneOf(_ allowed: [StaticString]) throws(GiveUp) -> String {
        guard r.index < r.end, r.base[r.index] == UInt8(ascii: "\"") else { throw GiveUp() }
        let start = r.index + 1
        let stop = r.scanPlain(from: start)
        guard stop < r.end, r.base[stop] == UInt8(ascii: "\"") else { throw GiveUp() }
        let key = (start: start, count: stop - start)
        for literal in allowed where matches(key, literal) {
            r.index = stop + 1
            return literal.description
        }
        throw GiveUp()
    }

    private mutating func number() throws(GiveUp) -> Double {
        guard r.index < r.end else { throw GiveUp() }
        let c = r.base[r.index]
        guard c == UInt8(ascii: "-") || c &- UInt8(ascii: "0") < 10 else { throw GiveUp() }
        do { return try r.parseNumber() } catch { throw GiveUp() }
    }

    /// An integer as ``JSONValue/intValue`` accepts it; plain digits are read directly.
    private mutating func int() throws(GiveUp) -> Int {
        var i = r.index
        let negative = i < r.end && r.base[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let digitsStart = i
        var value = 0
        while i < r.end, r.base[i] &- UInt8(ascii: "0") < 10, i - digitsStart < 15 {
            value = value * 10 + Int(r.base[i] &- UInt8(ascii: "0"))
            i += 1
        }
        let count = i - digitsStart
        // Plain when 1…15 digits, no leading zero (unless just "0"), and no fraction, exponent or more digits follow.
        if count > 0, count < 15, count == 1 || r.base[digitsStart] != UInt8(ascii: "0") {
            let next = i < r.end ? r.base[i] : 0
            if next &- UInt8(ascii: "0") >= 10 && next != UInt8(ascii: ".") && next != UInt8(ascii: "e") && next != UInt8(ascii: "E") {
                r.index = i
                return negative ? -value : value
            }
        }
        let n = try number()
        guard let v = JSONValue.number(n).intValue else { throw GiveUp() }
        return v
    }

    /// `"text/plain"` or `"text/html"` exactly (other spellings go to the generic path).
    private mutating func contentTypeValue() throws(GiveUp) -> ArticleRecord.ContentType {
        let i = r.index
        if i + 12 <= r.end, r.base[i] == UInt8(ascii: "\""), matches((i + 1, 10), "text/plain"), r.base[i + 11] == UInt8(ascii: "\"") {
            r.index += 12
            return .plain
        }
        if i + 11 <= r.end, r.base[i] == UInt8(ascii: "\""), matches((i + 1, 9), "text/html"), r.base[i + 10] == UInt8(ascii: "\"") {
            r.index += 11
            return .html
        }
        throw GiveUp()
    }

    /// An entity type from the contract, compared on bytes.
    private mutating func entityType() throws(GiveUp) -> String {
        guard r.index < r.end, r.base[r.index] == UInt8(ascii: "\"") else { throw GiveUp() }
        let start = r.index + 1
        var i = start
        while i < r.end, r.base[i] != UInt8(ascii: "\""), r.base[i] != UInt8(ascii: "\\") { i += 1 }
        guard i < r.end, r.base[i] == UInt8(ascii: "\"") else { throw GiveUp() }
        let k = (start: start, count: i - start)
        let type: String
        switch k.count {
        case 4 where matches(k, "MISC"): type = "MISC"
        case 4 where matches(k, "DATE"): type = "DATE"
        case 5 where matches(k, "MONEY"): type = "MONEY"
        case 6 where matches(k, "PERSON"): type = "PERSON"
        case 7 where matches(k, "PERCENT"): type = "PERCENT"
        case 8 where matches(k, "LOCATION"): type = "LOCATION"
        case 8 where matches(k, "QUANTITY"): type = "QUANTITY"
        case 12 where matches(k, "ORGANIZATION"): type = "ORGANIZATION"
        default: throw GiveUp()
        }
        r.index = i + 1
        return type
    }

    /// Any value, through the generic parser, at the current depth.
    private mutating func anyValue(depth: Int) throws(GiveUp) -> JSONValue {
        r.depth = depth
        do { return try r.parseValue() } catch { throw GiveUp() }
    }

    // MARK: record

    mutating func record(headerSchemaVersion: Int?) throws(GiveUp) -> ArticleRecord {
        var bodyVersion: Int?
        var id: String?
        var source: String?, url: String?, title: String?, body: String?
        var contentType = ArticleRecord.ContentType.plain
        var publishedAt: String?, receivedAt: String?
        var normalized: NormalizedSection?
        var entities: [EntityRecord]?
        var topics: [TopicRecord]?
        var dedupe: DedupeRecord?
        var lineage: [LineageEntry] = []
        var extra = JSONObject()

        if try openObject() {
            repeat {
                let k = try key()
                switch k.count {
                case 2 where matches(k, "id"): id = try optionalString()
                case 3 where matches(k, "url"): url = try optionalString()
                case 4 where matches(k, "body"): body = try optionalString()
                case 5 where matches(k, "title"): title = try optionalString()
                case 6 where matches(k, "source"): source = try optionalString()
                case 6 where matches(k, "topics"): topics = try null() ? nil : topicList()
                case 6 where matches(k, "dedupe"): dedupe = try null() ? nil : dedupeSection()
                case 7 where matches(k, "lineage"): lineage = try null() ? [] : lineageList()
                case 8 where matches(k, "entities"): entities = try null() ? nil : entityList()
                case 10 where matches(k, "normalized"): normalized = try null() ? nil : normalizedSection()
                case 11 where matches(k, "received_at"): receivedAt = try optionalString()
                case 12 where matches(k, "published_at"): publishedAt = try optionalString()
                case 12 where matches(k, "content_type"):
                    if null() {
                        contentType = .plain
                    } else {
                        contentType = try contentTypeValue()
                    }
                case 14 where matches(k, "schema_version"): bodyVersion = try null() ? nil : int()
                default: extra[keyString(k)] = try anyValue(depth: 1)
                }
            } while try more(UInt8(ascii: "}"))
        }
        r.skipWhitespace()
        guard r.index == r.end else { throw GiveUp() }

        let version = max(headerSchemaVersion ?? 0, bodyVersion ?? 0)
        if version > ArticleRecord.schemaVersion { throw GiveUp() }
        if body == nil && normalized == nil { throw GiveUp() }
        let finalID: String
        if let id, !id.isEmpty {
            finalID = id
        } else {
            finalID = StableID.make(source: source, url: url, title: title, body: body ?? normalized?.text ?? "")
        }
        return ArticleRecord(
            id: finalID, source: source, url: url, title: title, body: body, contentType: contentType, publishedAt: publishedAt,
            receivedAt: receivedAt, normalized: normalized, entities: entities, topics: topics, dedupe: dedupe, lineage: lineage,
            extra: extra)
    }

    // MARK: sections

    private mutating func normalizedSection() throws(GiveUp) -> NormalizedSection {
        var title: String?, text: String?
        var language: String?, publishedAt: String?, byline: String?, dateline: String?
        var wordCount: Int?
        var contentHash: String?
        var extra = JSONObject()
        if try openObject() {
            repeat {
                let k = try key()
                switch k.count {
                case 4 where matches(k, "text"): text = try optionalString()
                case 5 where matches(k, "title"): title = try optionalString()
                case 6 where matches(k, "byline"): byline = try optionalString()
                case 8 where matches(k, "language"): language = try optionalString()
                case 8 where matches(k, "dateline"): dateline = try optionalString()
                case 10 where matches(k, "word_count"): wordCount = try null() ? nil : int()
                case 12 where matches(k, "published_at"): publishedAt = try optionalString()
                case 12 where matches(k, "content_hash"): contentHash = try optionalString()
                default: extra[keyString(k)] = try anyValue(depth: 2)
                }
            } while try more(UInt8(ascii: "}"))
        }
        guard let title, let text else { throw GiveUp() }
        return NormalizedSection(
            title: title, text: text, language: language ?? "und", publishedAt: publishedAt, byline: byline, dateline: dateline,
            wordCount: wordCount ?? 0, contentHash: contentHash ?? "", extra: extra)
    }

    private mutating func entityList() throws(GiveUp) -> [EntityRecord] {
        var list: [EntityRecord] = []
        guard try openArray() else { return list }
        list.reserveCapacity(16)
        repeat {
            r.skipWhitespace()
            var text: String?, type: String?, canonical: String?
            var mentions: [EntityRecord.Mention] = []
            if try openObject() {
                repeat {
                    let k = try key()
                    switch k.count {
                    case 4 where matches(k, "text"): text = try optionalString()
                    case 4 where matches(k, "type"): type = try null() ? nil : entityType()
                    case 9 where matches(k, "canonical"): canonical = try optionalString()
                    case 8 where matches(k, "mentions"): mentions = try null() ? [] : mentionList()
                    default: _ = try anyValue(depth: 3)
                    }
                } while try more(UInt8(ascii: "}"))
            }
            guard let text, let type else { throw GiveUp() }
            list.append(EntityRecord(text: text, type: type, canonical: canonical ?? text, mentions: mentions))
        } while try more(UInt8(ascii: "]"))
        return list
    }

    private mutating func mentionList() throws(GiveUp) -> [EntityRecord.Mention] {
        var list: [EntityRecord.Mention] = []
        guard try openArray() else { return list }
        list.reserveCapacity(4)
        repeat {
            r.skipWhitespace()
            var start: Int?, end: Int?
            if try openObject() {
                repeat {
                    let k = try key()
                    if matches(k, "start") {
                        start = try null() ? nil : int()
                    } else if matches(k, "end") {
                        end = try null() ? nil : int()
                    } else {
                        _ = try anyValue(depth: 5)
                    }
                } while try more(UInt8(ascii: "}"))
            }
            guard let start, let end else { throw GiveUp() }
            list.append(EntityRecord.Mention(start: start, end: end))
        } while try more(UInt8(ascii: "]"))
        return list
    }

    private mutating func topicList() throws(GiveUp) -> [TopicRecord] {
        var list: [TopicRecord] = []
        guard try openArray() else { return list }
        list.reserveCapacity(4)
        repeat {
            r.skipWhitespace()
            var label: String?, score: Double?
            if try openObject() {
                repeat {
                    let k = try key()
                    if matches(k, "label") {
                        label = try optionalString()
                    } else if matches(k, "score") {
                        score = try null() ? nil : number()
                    } else {
                        _ = try anyValue(depth: 3)
                    }
                } while try more(UInt8(ascii: "}"))
            }
            guard let label, let score else { throw GiveUp() }
            list.append(TopicRecord(label: label, score: score))
        } while try more(UInt8(ascii: "]"))
        return list
    }

    private mutating func dedupeSection() throws(GiveUp) -> DedupeRecord {
        var status: String?, duplicateOf: String?, similarity: Double?
        if try openObject() {
            repeat {
                let k = try key()
                if matches(k, "status") {
                    status = try null() ? nil : oneOf(["unique", "duplicate", "near_duplicate"])
                } else if matches(k, "duplicate_of") {
                    duplicateOf = try optionalString()
                } else if matches(k, "similarity") {
                    similarity = try null() ? nil : number()
                } else {
                    _ = try anyValue(depth: 2)
                }
            } while try more(UInt8(ascii: "}"))
        }
        guard let status else { throw GiveUp() }
        return DedupeRecord(status: status, duplicateOf: duplicateOf, similarity: similarity ?? 0)
    }

    private mutating func lineageList() throws(GiveUp) -> [LineageEntry] {
        var list: [LineageEntry] = []
        guard try openArray() else { return list }
        list.reserveCapacity(5)
        repeat {
            r.skipWhitespace()
            var stage: String?, version: String?, processedAt: String?
            if try openObject() {
                repeat {
                    let k = try key()
                    if matches(k, "stage") {
                        stage = try optionalString()
                    } else if matches(k, "version") {
                        version = try optionalString()
                    } else if matches(k, "processed_at") {
                        processedAt = try optionalString()
                    } else {
                        _ = try anyValue(depth: 3)
                    }
                } while try more(UInt8(ascii: "}"))
            }
            guard let stage else { throw GiveUp() }
            list.append(LineageEntry(stage: stage, version: version ?? "", processedAt: processedAt ?? ""))
        } while try more(UInt8(ascii: "]"))
        return list
    }
}
