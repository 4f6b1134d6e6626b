import CRDKafka

/// The librdkafka library this process loaded.
public enum KafkaLibrary {
    /// The oldest librdkafka Wirestream accepts: 2.0.x cannot parse tagged fields some brokers send.
    public static let minimumVersion = (major: 2, minor: 2)

    /// librdkafka's version as `major.minor.patch`, read at run time with `rd_kafka_version()`.
    public static var version: String {
        let v = UInt32(bitPattern: rd_kafka_version())
        return "\(v >> 24 & 0xFF).\(v >> 16 & 0xFF).\(v >> 8 & 0xFF)"
    }

    /// Whether the loaded library is at least ``minimumVersion``.
    public static var isSupported: Bool {
        let v = UInt32(bitPattern: rd_kafka_version())
        let major = Int(v >> 24 & 0xFF), minor = Int(v >> 16 & 0xFF)
        return (major, minor) >= minimumVersion
    }

    /// Throws unless the loaded librdkafka is at least 2.2. Every client calls this when created.
    public static func requireSupportedVersion() throws {
        guard isSupported else {
            throw KafkaError(
                name: "UNSUPPORTED_LIBRDKAFKA",
                message: "this process loaded librdkafka \(version), but Wirestream needs 2.2 or newer "
                    + "(2.0.x mis-parses tagged fields). Run scripts/bootstrap, then `source .wirestream/env && swift build`, "
                    + "or install librdkafka >= 2.2 and rebuild so the binary's rpath points at it.",
                isFatal: true
            )
        }
    }
}
