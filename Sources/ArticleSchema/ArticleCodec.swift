/// Bytes on the wire ⇄ ``ArticleRecord``: compact UTF-8 JSON, one record per message, plus the
/// headers every Wirestream message carries.
public enum ArticleCodec {
    /// Header with the record's schema version, e.g. `1`.
    public static let schemaVersionHeader = "wirestream-schema-version"
    /// Header with the payload's media type.
    public static let contentTypeHeader = "content-type"
    public static let contentType = "application/json"

    /// Reads a record. Well-formed records are read field by field straight from the bytes; anything
    /// else goes through the generic parser, so errors name the offending field.
    public static func decode(_ bytes: [UInt8], headerSchemaVersion: Int? = nil) throws(ArticleDecodingError) -> ArticleRecord {
        if let record = ArticleRecordReader.read(bytes, headerSchemaVersion: headerSchemaVersion) { return record }
        return try decodeGeneric(bytes, headerSchemaVersion: headerSchemaVersion)
    }

    /// The reference path: parse to a ``JSONValue``, then check every field. Same result as ``decode(_:headerSchemaVersion:)``.
    public static func decodeGeneric(_ bytes: [UInt8], headerSchemaVersion: Int? = nil) throws(ArticleDecodingError) -> ArticleRecord {
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

    /// Compact JSON, known fields first in a fixed order, then unknown ones; written straight from the
    /// record, byte for byte what ``encodeGeneric(_:)`` gives.
    public static func encode(_ record: ArticleRecord) -> [UInt8] { ArticleRecordWriter.bytes(record) }

    /// The reference path: ``ArticleRecord/json`` through ``JSONWriter``.
    public static func encodeGeneric(_ record: ArticleRecord) -> [UInt8] { JSONWriter.bytes(record.json) }

    public static func encodeString(_ record: ArticleRecord) -> String { String(decoding: encode(record), as: UTF8.self) }

    /// The headers to send with an encoded record.
    public static var headers: [(key: String, value: String)] {
        [(schemaVersionHeader, String(ArticleRecord.schemaVersion)), (contentTypeHeader, contentType)]
    }
}
