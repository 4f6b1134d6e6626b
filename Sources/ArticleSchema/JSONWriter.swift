/// Serialises a ``JSONValue`` as compact UTF-8 JSON, keys in their stored order.
public enum JSONWriter {
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var w = JSONByteWriter(capacity: 1024)
        w.write(value)
        return w.bytes
    }

    public static func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    public static func write(_ value: JSONValue, into out: inout [UInt8]) {
        out.append(contentsOf: bytes(value))
    }
}
