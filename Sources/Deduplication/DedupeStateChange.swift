import Foundation

/// One change of a dedupe store as a state changelog carries it: the segment (or the meta values) under `key`
/// was written (`value`), or the segment was deleted (`value == nil`, a tombstone).
///
/// Keys: `articles/<id>` (a flushed batch of indexed articles), `verdicts/<id>` (verdicts of articles that
/// left the index) and `meta` (the store's meta values, including its hashing fingerprint). Values are the
/// store's own blobs (``SegmentCodec``), so a store restored from them holds exactly what was written.
public struct DedupeStateChange: Sendable, Equatable {
    public var key: String
    public var value: Data?

    public init(key: String, value: Data?) {
        self.key = key
        self.value = value
    }
}
