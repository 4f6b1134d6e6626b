/// A source ``IngestWorker`` polls in a loop.
public protocol PollingSource: Sendable {
    var name: String { get }
    /// Polls once (sending what is new) and returns the seconds to wait before the next poll.
    func pollOnce() async -> Double
}

extension DropDirectorySource: PollingSource {
    public func pollOnce() async -> Double {
        await poll()
        return settings.pollSeconds
    }
}

extension FeedSource: PollingSource {
    public func pollOnce() async -> Double {
        await poll()
        return nextDelay
    }
}
