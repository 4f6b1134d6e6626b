import Digest

/// Ids for articles that arrive without one: derived from source, url, title and body, so ingesting
/// the same article twice gives the same id.
public enum StableID {
    public static func make(source: String?, url: String?, title: String?, body: String) -> String {
        var bytes: [UInt8] = []
        for part in [source ?? "", url ?? "", title ?? "", body] {
            bytes.append(contentsOf: part.utf8)
            bytes.append(0x1F)
        }
        return "a" + SHA256.hexString(SHA256.digest(bytes).prefix(12))
    }
}
