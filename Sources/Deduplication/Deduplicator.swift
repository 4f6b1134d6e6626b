import Foundation
import Synchronization

/// Exact and near-duplicate detection over a retained window of articles.
///
/// `check` decides and records in one step, under a mutex; use one instance per worker.
/// With a state directory, the index lives in `dedupe.sqlite` (SQLite via GRDB, WAL) and is
/// loaded on start; new rows are written every `options.flushEvery` articles and on ``flush()``
/// (call it before committing consumer offsets). Every change of the store is also kept for a state
/// changelog (``flushChanges()``), from which another instance's store can be restored
/// (``init(options:stateDirectory:restoring:)``).
public final class Deduplicator: Sendable {
    private final class Core {
        var index: DedupeIndex
        let store: DedupeStore?
        var pending: [IndexedArticle] = []
        /// Changes written to the store since the last ``Deduplicator/flushChanges()``, when a changelog is kept.
        var changes: [DedupeStateChange] = []
        var keepsChanges = false
        /// Verdicts of ids that left the index (kept `verdictRetentionSeconds`).
        var retired: [String: (verdict: DedupeVerdict, timestamp: Double)] = [:]
        let options: DedupeOptions
        /// Newest article timestamp seen (seconds since 1970).
        var newest: Double = -.infinity
        /// Second-newest timestamp: retention runs from here, so one article with a bogus future
        /// date cannot wipe the index.
        var watermark: Double = -.infinity
        /// Watermark at the last automatic expiry.
        var lastExpiry: Double = -.infinity

        init(index: DedupeIndex, store: DedupeStore?, options: DedupeOptions) {
            self.index = index
            self.store = store
            self.options = options
        }

        func flush() throws {
            guard let store else { pending.removeAll(); return }
            guard !pending.isEmpty else { return }
            let written = try store.save(pending, meta: ["watermark": String(watermark), "last_expiry": String(lastExpiry)])
            if keepsChanges { changes += written }
            pending.removeAll(keepingCapacity: true)
        }

        func observe(_ ts: Double) {
            if ts > newest { watermark = newest; newest = ts } else if ts > watermark { watermark = ts }
        }

        func expire(before cutoff: Double) throws -> Int {
            try flush()
            let removed = index.expire(before: cutoff)
            let verdictCutoff = cutoff - max(0, options.verdictRetentionSeconds - options.retentionSeconds)
            for article in removed where article.timestamp >= verdictCutoff {
                retired[article.id] = (article.verdict, article.timestamp)
            }
            if !retired.isEmpty, !removed.isEmpty {
                retired = retired.filter { $0.value.timestamp >= verdictCutoff }
            }
            if let store {
                let written = try store.retire(removed, before: cutoff, forgetBefore: verdictCutoff)
                if keepsChanges { changes += written }
            }
            return removed.count
        }
    }

    private let core: Mutex<Core>
    /// The options this instance runs with.
    public let options: DedupeOptions

    /// Opens (or creates) the index. `stateDirectory == nil` keeps it in memory only; otherwise
    /// `stateDirectory/dedupe.sqlite` is created if missing and loaded if present.
    /// Throws ``DedupeError`` for bad options or a store built with other shingle/MinHash settings.
    ///
    /// With `restoring` (a state changelog read to its end: key → latest value, see ``DedupeStateChange``),
    /// the store is first made to hold exactly that state (segments it lacks are written, segments not in
    /// it dropped), so the verdicts continue from where the changelog's writer left. An empty `restoring`
    /// (a changelog never written) keeps the store, and the first ``flushChanges()`` returns all of it, to
    /// seed the changelog. Without `restoring`, no changes are kept for ``flushChanges()``.
    public init(options: DedupeOptions, stateDirectory: URL?, restoring state: [String: Data]? = nil) throws {
        try options.validate()
        self.options = options
        var index = DedupeIndex(options: options)
        var store: DedupeStore?
        var timestamps: [Double] = []
        var lastExpiry = -Double.infinity
        var retired: [String: (verdict: DedupeVerdict, timestamp: Double)] = [:]
        var seed: [DedupeStateChange] = []
        if let stateDirectory {
            let opened = try DedupeStore(directory: stateDirectory, options: options)
            if let state {
                if state.isEmpty {
                    if try !opened.isEmpty() { seed = try opened.snapshot() }
                } else {
                    try opened.synchronize(with: state)
                }
            }
            retired = try opened.loadRetired()
            let (articles, meta) = try opened.load(skipping: retired)
            for article in articles {
                index.insert(article)
                timestamps.append(article.timestamp)
            }
            if let e = meta["last_expiry"].flatMap(Double.init) { lastExpiry = e }
            store = opened
        }
        let core = Core(index: index, store: store, options: options)
        core.retired = retired
        core.changes = seed
        core.keepsChanges = state != nil
        for ts in timestamps { core.observe(ts) }
        core.lastExpiry = lastExpiry
        self.core = Mutex(core)
    }

    deinit {
        core.withLock { try? $0.flush() }
    }

    /// Decides whether `doc` repeats an earlier article and records it.
    ///
    /// An id seen before (in the index, or expired less than `verdictRetentionSeconds` ago)
    /// returns its first verdict unchanged (replay), so an article is never its own duplicate. Exact duplicates (SHA-256 of the folded text) get similarity 1;
    /// near-duplicates name the earliest article of the matched cluster.
    public func check(_ doc: DedupeDocument) throws -> DedupeVerdict {
        try check(doc, fingerprint: DedupeFingerprint(text: doc.text, shingleSize: options.shingleSize, knownDigest: doc.contentHash))
    }

    /// As ``check(_:)`` with a fingerprint computed beforehand (possibly elsewhere);
    /// `doc.text` is not read. Throws ``DedupeError/invalidOptions(_:)`` on a shingle-size mismatch.
    public func check(_ doc: DedupeDocument, fingerprint features: DedupeFingerprint) throws -> DedupeVerdict {
        guard features.shingleSize == options.shingleSize else {
            throw DedupeError.invalidOptions("fingerprint shingleSize \(features.shingleSize) != \(options.shingleSize)")
        }
        return try core.withLock { core in
            if let seq = core.index.byId[doc.id], let known = core.index.articles[seq] { return known.verdict }
            if let known = core.retired[doc.id] { return known.verdict }
            let decision = core.index.decide(features)
            var verdict = decision.verdict
            var matchedSeq = decision.matchedSeq
            if verdict.duplicateOf == doc.id {
                // Only possible when this id left the window and a later copy remains: it was the original.
                verdict = DedupeVerdict(status: .unique, duplicateOf: nil, similarity: verdict.similarity)
                matchedSeq = nil
            }
            let ts = doc.timestamp.timeIntervalSince1970
            let article = IndexedArticle(
                seq: core.index.nextSeq, id: doc.id, timestamp: ts, verdict: verdict,
                root: verdict.duplicateOf ?? doc.id, digest: features.digest,
                shingles: decision.keys, numbers: decision.numberKeys, signature: decision.signature, matchedSeq: matchedSeq,
                added: core.index.addedShingles(decision.keys, matchedSeq: matchedSeq))
            core.index.insert(article, bandKeys: decision.bandKeys)
            if core.store != nil { core.pending.append(article) }
            core.observe(ts)
            if core.lastExpiry == -.infinity, core.watermark > -.infinity { core.lastExpiry = core.watermark }
            if core.watermark > -.infinity, core.watermark - core.lastExpiry >= options.effectiveExpiryInterval {
                core.lastExpiry = core.watermark
                _ = try core.expire(before: core.watermark - options.retentionSeconds)
            } else if core.pending.count >= options.flushEvery {
                try core.flush()
            }
            return verdict
        }
    }

    /// Writes pending index rows to the state directory (no-op in memory).
    public func flush() throws {
        try core.withLock { try $0.flush() }
    }

    /// Writes pending index rows (as ``flush()``) and returns every change written to the store since the
    /// last call, in order, for a state changelog. Write them to the changelog before committing the
    /// offsets of the records behind them; if that fails, restore from the changelog instead of going on.
    public func flushChanges() throws -> [DedupeStateChange] {
        try core.withLock { core in
            try core.flush()
            defer { core.changes.removeAll() }
            return core.changes
        }
    }

    /// Removes every article with a timestamp before `before` from the index (memory and store);
    /// returns how many. Their verdicts stay available to replays for `verdictRetentionSeconds`.
    /// Also runs automatically once the watermark (second-newest timestamp seen, so a single
    /// future-dated article cannot wipe the index) moves ``DedupeOptions/effectiveExpiryInterval`` past the last
    /// run, with cutoff watermark − `retentionSeconds`.
    @discardableResult
    public func expire(before: Date) throws -> Int {
        try core.withLock { try $0.expire(before: before.timeIntervalSince1970) }
    }

    /// Number of articles currently retained.
    public var retainedCount: Int { core.withLock { $0.index.count } }

    /// Shingle occurrences counted for boilerplate detection (roots' shingles plus copies' additions).
    public var trackedShingles: Int { core.withLock { $0.index.countedShingles } }

    /// Bytes of the SQLite file and WAL (0 in memory).
    public var stateFileBytes: Int { core.withLock { $0.store?.fileBytes() ?? 0 } }
}
