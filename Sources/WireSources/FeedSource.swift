import ArticleSchema
import Foundation
import Logging
import PipelineConfig
import WireFormats

/// An RSS, Atom or NewsML feed polled over HTTP(S). Each ``poll()`` makes one conditional request; a 304
/// sends nothing; new items and changed items (same id, higher version or other content) are sent; the
/// validators (`ETag`, `Last-Modified`) and the items are checkpointed once the broker acknowledged them.
/// A failure (HTTP error, timeout, unreadable feed, records not acknowledged) is logged and tried again
/// after ``nextDelay`` (the interval, doubling while failures go on).
public actor FeedSource {
    /// What one poll did.
    public enum Outcome: Sendable, Equatable {
        /// The server answered 304 Not Modified.
        case notModified
        /// The feed was read: `sent` new or changed items, `unchanged` already sent.
        case read(sent: Int, unchanged: Int)
        /// Nothing was read or not everything acknowledged; retried after ``nextDelay``.
        case failed(String)
    }

    public nonisolated let name: String
    let settings: FeedSettings
    let format: WireFormat?
    let fetcher: FeedFetcher
    let ledger: SentLedger
    let logger: Logger
    var backoff: Backoff

    public init(
        name: String, settings: FeedSettings, topic: String, format: WireFormat?, checkpointDays: Int = 30,
        publisher: any StoryPublisher, stateDirectory: URL, logger: Logger
    ) throws(SourceError) {
        self.name = name
        self.settings = settings
        self.format = format
        // The loader checked the URL; a URL Foundation still refuses fails every request with a clear log line.
        self.fetcher = FeedFetcher(
            url: URL(string: settings.url) ?? URL(fileURLWithPath: "/invalid-url"), timeout: settings.timeoutSeconds, headers: settings.headers)
        self.ledger = try SentLedger(source: name, topic: topic, publisher: publisher, stateDirectory: stateDirectory, retentionDays: checkpointDays)
        self.logger = logger.labelled(source: name)
        self.backoff = Backoff(interval: settings.intervalSeconds, ceiling: settings.maxBackoffSeconds)
    }

    /// Seconds to wait before the next poll.
    public var nextDelay: Double { backoff.delay }

    /// Polls once. Never throws: problems are logged and retried.
    @discardableResult
    public func poll(now: Date = Date()) async -> Outcome {
        let outcome = await fetchAndSend(now: now)
        switch outcome {
        case .failed(let reason):
            backoff.failed()
            logger.warning("feed poll failed; retrying", metadata: [
                "url": "\(settings.url)", "error": "\(reason)", "retry_in_s": "\(backoff.delay)", "failures": "\(backoff.failures)",
            ])
        case .notModified:
            backoff.succeeded()
            logger.debug("feed not modified", metadata: ["url": "\(settings.url)"])
        case .read(let sent, let unchanged):
            backoff.succeeded()
            logger.log(level: sent > 0 ? .info : .debug, "feed read", metadata: ["url": "\(settings.url)", "sent": "\(sent)", "unchanged": "\(unchanged)"])
        }
        return outcome
    }

    private func fetchAndSend(now: Date) async -> Outcome {
        let stored = await ledger.checkpoint
        let response = await fetcher.fetch(etag: stored.etag, lastModified: stored.lastModified)
        let data: Data, etag: String?, lastModified: String?
        switch response {
        case .notModified: return .notModified
        case .failed(let reason): return .failed(reason)
        case .content(let body, let e, let m): (data, etag, lastModified) = (body, e, m)
        }
        let result: WireFileReadResult
        do {
            result = try WireFileReader.read([UInt8](data), name: settings.url, format: format)
        } catch {
            return .failed(error.description)
        }
        for message in result.messages { logger.notice("\(message)") }
        let sent = await ledger.send(result.records, now: now, validators: (etag, lastModified))
        if let error = sent.saveError { return .failed(error.description) }
        if sent.outcome.unacknowledged > 0 {
            return .failed("\(sent.outcome.unacknowledged) record(s) not acknowledged by the broker")
        }
        return .read(sent: sent.outcome.sent, unchanged: sent.outcome.unchanged)
    }
}
