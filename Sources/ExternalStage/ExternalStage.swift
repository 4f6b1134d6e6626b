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
        switch await process.send(ArticleCodec.encode(record) + [0x0A], timeout: timeout) {
        case .written:
            break
        case .closed(let reason):
            let status = await process.exitStatusAfterClose()
            restart()
            throw StageError("external command '\(command.joined(separator: " "))' stopped reading its input (\(reason)\(status.map { "; exited with status \($0)" } ?? "")); restarted it")
        case .timedOut:
            restart()
            throw StageError("external command '\(command.joined(separator: " "))' did not read its input within \(timeout); restarted it")
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
///
/// Its stdin is one end of a Unix socket pair rather than a pipe: writes use `send` with `MSG_NOSIGNAL`, so
/// a child that closed its input or exited gives an error (`EPIPE`) instead of a SIGPIPE that would kill
/// the worker, and they wait for room at most a timeout, on a thread of their own.
final class ChildProcess: @unchecked Sendable {
    private let process = Process()
    private let input: Int32
    private let writer = DispatchQueue(label: "wirestream-exec-stdin")
    private let output = Pipe()
    private let lock = NSLock()
    private var buffer = Data()
    private var lines: [[UInt8]] = []
    private var waiter: CheckedContinuation<[UInt8]?, Never>?
    private var closed = false
    private var generation: UInt64 = 0
    private var waitExpired: UInt64 = .max

    init(command: [String]) throws {
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0 else {
            throw StageError("cannot create the input channel for external command '\(command.joined(separator: " "))': \(String(cString: strerror(errno)))")
        }
        input = pair[0]
        _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
        _ = fcntl(input, F_SETFD, FD_CLOEXEC)
        let childInput = FileHandle(fileDescriptor: pair[1], closeOnDealloc: true)
        let executable = command[0]
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = Array(command.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = command
        }
        process.standardInput = childInput
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.received(data)
        }
        do {
            try process.run()
        } catch {
            close(input)
            throw StageError("cannot start external command '\(command.joined(separator: " "))': \(error)")
        }
        try? childInput.close()  // the child has its copy
    }

    deinit { close(input) }

    var isRunning: Bool { process.isRunning }
    var exitStatus: Int32? { process.isRunning ? nil : process.terminationStatus }

    /// The exit status when the process closed its output (waiting up to a second for it to exit);
    /// nil when it is still running with its output open (a timeout).
    func exitStatusAfterClose() async -> Int32? {
        guard lock.withLock({ closed }) else { return exitStatus }
        for _ in 0..<100 where process.isRunning { try? await Task.sleep(for: .milliseconds(10)) }
        return exitStatus
    }

    enum SendResult: Sendable, Equatable {
        case written
        /// The child closed its input or exited.
        case closed(String)
        /// The child did not take the bytes within the timeout (it does not read its input).
        case timedOut
    }

    /// Writes `bytes` to the child's stdin on the writer thread, waiting at most `timeout` for room.
    func send(_ bytes: [UInt8], timeout: Duration) async -> SendResult {
        let deadline = ContinuousClock.now + timeout
        return await withCheckedContinuation { continuation in
            writer.async { [self] in continuation.resume(returning: write(bytes, deadline: deadline)) }
        }
    }

    private func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant) -> SendResult {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.send(input, base + sent, buffer.count - sent, Int32(MSG_NOSIGNAL))
            }
            if n > 0 {
                sent += n
                continue
            }
            let code = errno
            if n < 0 && code == EINTR { continue }
            if n < 0 && (code == EAGAIN || code == EWOULDBLOCK) {
                let left = deadline - ContinuousClock.now
                guard left > .zero else { return .timedOut }
                var pfd = pollfd(fd: input, events: Int16(POLLOUT), revents: 0)
                let ms = Int32(min(1000, max(1, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)))
                _ = poll(&pfd, 1, ms)
                continue
            }
            return .closed(String(cString: strerror(code)))
        }
        return .written
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
        Glibc.shutdown(input, Int32(SHUT_WR))
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        output.fileHandleForReading.readabilityHandler = nil
    }
}
