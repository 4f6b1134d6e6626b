/// Ids for articles that arrive without one: derived from source, url, title and body, so ingesting
/// the same article twice gives the same id.
public enum StableID {
    public static func make(source: String?, url: String?, title: String?, body: String) -> String {
        var hasher = SHA256()
        for part in [source ?? "", url ?? "", title ?? "", body] {
            hasher.update(part)
            hasher.update(CollectionOfOne(UInt8(0x1F)))
        }
        return "a" + SHA256.hexString(Array(hasher.finalize().prefix(12)))
    }
}
