import Crypto

/// SHA-256 for content hashes and stable ids, computed by swift-crypto (BoringSSL's assembly on Linux),
/// with the hex and byte-array forms the stages store.
public enum SHA256 {
    /// Digest of `bytes` (32 bytes).
    public static func digest(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        Array(Crypto.SHA256.hash(data: UnsafeRawBufferPointer(bytes)))
    }

    /// Digest of `bytes` (32 bytes).
    public static func digest<S: Sequence>(_ bytes: S) -> [UInt8] where S.Element == UInt8 {
        Array(bytes).withUnsafeBufferPointer { digest($0) }
    }

    /// Lower-case hex SHA-256 of `bytes`.
    public static func hex(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let digest = Crypto.SHA256.hash(data: UnsafeRawBufferPointer(bytes))
        return digest.withUnsafeBytes { hexString($0) }
    }

    /// Lower-case hex SHA-256 of the UTF-8 bytes of `string`.
    public static func hex(_ string: String) -> String {
        var string = string
        return string.withUTF8 { hex($0) }
    }

    /// Lower-case hex of `bytes`.
    public static func hexString<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits: StaticString = "0123456789abcdef"
        let bytes = Array(bytes)
        return String(unsafeUninitializedCapacity: 2 * bytes.count) { out in
            digits.withUTF8Buffer { hexDigits in
                var o = 0
                for byte in bytes {
                    out[o] = hexDigits[Int(byte >> 4)]
                    out[o + 1] = hexDigits[Int(byte & 0xF)]
                    o += 2
                }
                return o
            }
        }
    }
}
