import ArticleSchema
import Foundation
import Logging
import PipelineConfig
import WireFormats

/// A drop directory, as agencies deliver by FTP/SFTP. Each ``poll()`` scans it; a complete file is read
/// with the wire-format readers, its new stories are sent, and once all of them are acknowledged (and the
/// checkpoint saved) the file moves to the done folder. A file that cannot be read moves to the failed
/// folder with a `.error` note; the others go on. A file whose records were not all acknowledged stays
/// and is tried again at the next poll.
public actor DropDirectorySource {
    /// What one poll did.
    public struct Report: Sendable, Equatable {
        /// Files read and moved to the done folder.
        public var done: [String] = []
        /// Files moved to the failed folder.
        public var failed: [String] = []
        /// Files left in place because records were not acknowledged or the checkpoint could not be saved.
        public var retry: [String] = []
        /// Records sent and acknowledged.
        public var sent = 0
        /// Records skipped because the checkpoint says they were sent already.
        public var unchanged = 0
    }

    public nonisolated let name: String
    let settings: DropDirectorySettings
    let format: WireFormat?
    let ledger: SentLedger
    let logger: Logger
    var scanner: DropDirectoryScanner
    var directoryProblem: String?

    /// Loads the checkpoint and creates the directory and its done/failed folders when missing.
    public init(
        name: String, settings: DropDirectorySettings, topic: String, format: WireFormat?, checkpointDays: Int = 30,
        publisher: any StoryPublisher, stateDirectory: URL, logger: Logger
    ) throws(SourceError) {
        self.name = name
        self.settings = settings
        self.format = format
        self.ledger = try SentLedger(source: name, topic: topic, publisher: publisher, stateDirectory: stateDirectory, retentionDays: checkpointDays)
        self.logger = logger.labelled(source: name)
        self.scanner = DropDirectoryScanner(directory: URL(fileURLWithPath: settings.directory), ignore: settings.ignore)
        for dir in [settings.directory, settings.done, settings.failed] {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw .directoryUnusable(source: name, directory: dir, reason: "\(error)")
            }
        }
    }

    /// Scans once and handles every file that is complete. Never throws: problems are logged and retried.
    @discardableResult
    public func poll(now: Date = Date()) async -> Report {
        var report = Report()
        let ready: [String]
        do {
            ready = try scanner.scan()
            if directoryProblem != nil {
                logger.notice("drop directory readable again", metadata: ["directory": "\(settings.directory)"])
                directoryProblem = nil
            }
        } catch {
            let problem = "\(error)"
            if directoryProblem != problem {
                logger.error("cannot list the drop directory; retrying", metadata: ["directory": "\(settings.directory)", "error": "\(problem)"])
                directoryProblem = problem
            }
            return report
        }
        for name in ready {
            await handle(name, now: now, report: &report)
        }
        return report
    }

    private func handle(_ name: String, now: Date, report: inout Report) async {
        let file = URL(fileURLWithPath: settings.directory).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: file.path) else { return }  // gone since the scan
        let result: WireFileReadResult
        do {
            result = try WireFileReader.read([UInt8](data), name: name, format: format)
        } catch {
            logger.error("unreadable file moved to the failed folder", metadata: ["file": "\(name)", "error": "\(error.description)"])
            do {
                try FileMover.fail(file, into: URL(fileURLWithPath: settings.failed), reason: error.description)
                scanner.forget(name)
                report.failed.append(name)
            } catch {
                logger.error("cannot move the unreadable file; it is tried again", metadata: ["file": "\(name)", "error": "\(error)"])
                report.retry.append(name)
            }
            return
        }
        for message in result.messages { logger.notice("\(message)") }
        for repair in result.repairs { logger.info("repaired: \(repair)") }
        let sent = await ledger.send(result.records, now: now)
        let outcome = sent.outcome
        report.sent += outcome.sent
        report.unchanged += outcome.unchanged
        if let error = sent.saveError {
            logger.error("\(error.description); the file stays and its records may be sent again", metadata: ["file": "\(name)"])
            report.retry.append(name)
            return
        }
        guard outcome.unacknowledged == 0 else {
            logger.warning("not every record was acknowledged; the file stays for the next poll", metadata: [
                "file": "\(name)", "unacknowledged": "\(outcome.unacknowledged)",
            ])
            report.retry.append(name)
            return
        }
        do {
            try FileMover.move(file, into: URL(fileURLWithPath: settings.done))
            scanner.forget(name)
            report.done.append(name)
            logger.info("file ingested", metadata: [
                "file": "\(name)", "format": "\(result.format.rawValue)", "sent": "\(outcome.sent)", "unchanged": "\(outcome.unchanged)",
            ])
        } catch {
            // The checkpoint holds its records: reading it again sends nothing.
            logger.error("cannot move the file to the done folder; it is read again (nothing is resent)", metadata: ["file": "\(name)", "error": "\(error)"])
            report.retry.append(name)
        }
    }
}
