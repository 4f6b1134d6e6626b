import Logging
import ServiceLifecycle

/// Polls every source in its own loop until graceful shutdown (SIGTERM/SIGINT): a poll in progress
/// finishes (its records acknowledged and checkpointed, its file moved), the waits between polls end at once.
public struct IngestWorker: Service {
    let sources: [any PollingSource]
    let logger: Logger

    public init(sources: [any PollingSource], logger: Logger) {
        self.sources = sources
        self.logger = logger
    }

    public func run() async throws {
        logger.info("wire-ingest started", metadata: ["sources": "\(sources.map(\.name).joined(separator: ","))"])
        await withTaskGroup(of: Void.self) { group in
            for source in sources {
                group.addTask {
                    while !Task.isShuttingDownGracefully && !Task.isCancelled {
                        let delay = await source.pollOnce()
                        try? await cancelWhenGracefulShutdown {
                            try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
                        }
                    }
                }
            }
        }
        logger.info("wire-ingest stopped")
    }
}
