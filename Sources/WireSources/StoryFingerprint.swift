import ArticleSchema
import Digest

/// The content fingerprint of a record as the checkpoint stores it: SHA-256 of its encoding without the
/// arrival time, so the same story read twice has the same fingerprint and any change gives another.
enum StoryFingerprint {
    static func of(_ record: ArticleRecord) -> String {
        var stable = record
        stable.receivedAt = nil
        return SHA256.hexString(ArticleCodec.encode(stable))
    }
}
