/// Bytes on the wire ⇄ ``ArticleRecord``: compact UTF-8 JSON, one record per message, plus the
/// headers every Wirestream message carries.
public enum ArticleCodec {
    /// Header with the record's schema version, e.g. `1`.
    public static let schemaVersionHeader = "wirestream-schema-version"
    /// Header with the payload's media type.
    public static let contentTypeHeader = "content-type"
    public static let contentType = "application/json"

    public static func decode(_ bytes: [UInt8], headerSchemaVersion: Int? = nil) throws(ArticleDecodingError) -> ArticleRecord {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw .invalidJSON(error.description)
        }
        return try ArticleRecord(json: value, headerSchemaVersion: headerSchemaVersion)
    }

    public static func decode(_ line: String) throws(ArticleDecodingError) -> ArticleRecord {
        try decode(Array(line.utf8))
    }

    public static func encode(_ record: ArticleRecord) -> [UInt8] { JSONWriter.bytes(record.json) }

    public static func encodeString(_ record: ArticleRecord) -> String { JSONWriter.string(record.json) }

    /// The headers to send with an encoded record.
    public static var headers: [(key: String, value: String)] {
        [(schemaVersionHeader, String(ArticleRecord.schemaVersion)), (contentTypeHeader, contentType)]
    }
}
