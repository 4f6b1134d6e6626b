import ArticleSchema
import Foundation
import StageKit

/// `exec`: a stage written in any language. Runs `command` once as a long-lived child process and
/// exchanges JSON lines with it: one record per line on its stdin, the processed record (or
/// `{"error": "reason"}`) as one line on its stdout; its stderr goes to the worker's log.
/// A record that takes longer than `timeout_seconds` fails (dead-letter topic) and the process is
/// restarted; so is a process that exits.
///
/// Parameters: `command` (list: executable and arguments, required), `timeout_seconds` (default 10).
public actor ExternalStage: Stage {
    public nonisolated let name = "exec"
    public nonisolated let version: String
    public nonisolated var allowsConcurrency: Bool { false }
    private let command: [String]
    private let timeout: Duration
    private var child: ChildProcess?

    public init(parameters: StageParameters) throws {
        try parameters.rejectUnknown(["command", "timeout_seconds"])
        command = try parameters.strings("command")
        guard !command.isEmpty else {
            throw StageConfigurationError(path: "\(parameters.path).command", message: "missing; expected the command to run, e.g. [python3, stage.py]")
        }
        let seconds = try parameters.double("timeout_seconds", default: 10)
        guard seconds > 0 else { throw StageConfigurationError(path: "\(parameters.path).timeout_seconds", message: "expected a number > 0") }
        timeout = .milliseconds(Int(seconds * 1000))
        version = "1.0+" + (command.last.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "")
    }

    public func process(_ record: ArticleRecord) async throws -> ArticleRecord {
        let process = try running()
        guard process.send(ArticleCodec.encode(record) + [0x0A]) else {
            restart()
            throw StageError("external command '\(command.joined(separator: " "))' is not accepting input (exited with status \(process.exitStatus ?? -1))")
        }
        guard let line = await process.nextLine(timeout: timeout) else {
            let exited = await process.exitStatusAfterClose()
            restart()
            throw StageError(exited.map { "external command exited with status \($0)" }
                ?? "external command gave no answer within \(timeout); restarted")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            throw StageError("external command wrote a line that is not JSON: \(error)")
        }
        if let reason = value.objectValue?["error"]?.stringValue { throw StageError(reason) }
        let out: ArticleRecord
        do {
            out = try ArticleRecord(json: value)
        } catch {
            throw StageError("external command wrote an invalid record: \(error)")
        }
        guard out.id == record.id else { throw StageError("external command changed the record id from '\(record.id)' to '\(out.id)'") }
        return out
    }

    public func shutdown() async throws {
        child?.stop()
        child = nil
    }

    private func running() throws -> ChildProcess {
        if let child, child.isRunning { return child }
        let started = try ChildProcess(command: command)
        child = started
        return started
    }

    private func restart() {
        child?.stop()
        child = nil
    }
}

/// A child process with line-oriented stdout.
final class ChildProcess: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var buffer = Data()
    private var lines: [[UInt8]] = []
    private var waiter: CheckedContinuation<[UInt8]?, Never>?
    private var closed = false
    private var generation: UInt64 = 0
    private var waitExpired: UInt64 = .max

    init(command: [String]) throws {
        let executable = command[0]
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = Array(command.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = command
        }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.received(data)
        }
        do {
            try process.run()
        } catch {
            throw StageError("cannot start external command '\(command.joined(separator: " "))': \(error)")
        }
    }

    var isRunning: Bool { process.isRunning }
    var exitStatus: Int32? { process.isRunning ? nil : process.terminationStatus }

    /// The exit status when the process closed its output (waiting up to a second for it to exit);
    /// nil when it is still running with its output open (a timeout).
    func exitStatusAfterClose() async -> Int32? {
        guard lock.withLock({ closed }) else { return exitStatus }
        for _ in 0..<100 where process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        return exitStatus
    }

    func send(_ bytes: [UInt8]) -> Bool {
        guard process.isRunning else { return false }
        do {
            try input.fileHandleForWriting.write(contentsOf: Data(bytes))
            return true
        } catch {
            return false
        }
    }

    /// The next line, or nil after `timeout` or when the process closed its output.
    func nextLine(timeout: Duration) async -> [UInt8]? {
        let wait = beginWait()
        let timer = Task { [weak self] in
            do {
                try await Task.sleep(for: timeout)
            } catch {
                return  // cancelled: the line came in time
            }
            self?.expire(wait)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { continuation in
            lock.lock()
            if waitExpired == wait {
                lock.unlock()
                continuation.resume(returning: nil)
            } else if !lines.isEmpty {
                let line = lines.removeFirst()
                lock.unlock()
                continuation.resume(returning: line)
            } else if closed {
                lock.unlock()
                continuation.resume(returning: nil)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }

    private func received(_ data: Data) {
        lock.lock()
        if data.isEmpty {
            closed = true
            output.fileHandleForReading.readabilityHandler = nil
            let w = waiter
            waiter = nil
            lock.unlock()
            w?.resume(returning: nil)
            return
        }
        buffer.append(data)
        while let newline = buffer.firstIndex(of: 0x0A) {
            lines.append(Array(buffer[buffer.startIndex..<newline]))
            buffer.removeSubrange(buffer.startIndex...newline)
        }
        var ready: (CheckedContinuation<[UInt8]?, Never>, [UInt8])?
        if let w = waiter, !lines.isEmpty {
            waiter = nil
            ready = (w, lines.removeFirst())
        }
        lock.unlock()
        if let (w, line) = ready { w.resume(returning: line) }
    }

    private func beginWait() -> UInt64 {
        lock.withLock {
            generation &+= 1
            return generation
        }
    }

    /// Ends wait number `wait` with nil if it is still the current one.
    private func expire(_ wait: UInt64) {
        lock.lock()
        guard generation == wait else {
            lock.unlock()
            return
        }
        waitExpired = wait
        let w = waiter
        waiter = nil
        lock.unlock()
        w?.resume(returning: nil)
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        output.fileHandleForReading.readabilityHandler = nil
    }
}
