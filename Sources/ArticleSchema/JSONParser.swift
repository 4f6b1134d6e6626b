/// Why bytes are not valid JSON, with the byte offset where parsing stopped.
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    public var offset: Int
    public var reason: String
    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

/// A strict RFC 8259 parser over UTF-8 bytes that keeps object key order.
/// Invalid UTF-8 inside strings is replaced with U+FFFD rather than rejected.
/// Nesting deeper than 512 arrays/objects is refused.
public struct JSONParser {
    private init() {}

    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONByteReader(buffer)
            do throws(JSONParseError) {
                reader.skipWhitespace()
                let value = try reader.parseValue()
                reader.skipWhitespace()
                guard reader.index == reader.end else { throw reader.error("unexpected data after the value") }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    public static func parse(_ string: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(string.utf8))
    }
}
