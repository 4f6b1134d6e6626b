import Foundation
import Kafka
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A Tansu broker (Kafka-compatible, memory storage) on a free loopback port, for tests and
/// `wirectl dev`. The broker process dies with its parent even if the parent is killed.
public final class TansuBroker: Sendable {
    /// `127.0.0.1:<port>`, for `bootstrap.servers`.
    public let bootstrapServers: String
    public let port: Int
    /// The broker's combined stdout/stderr.
    public let logFile: URL
    private let process: Process
    private let extraArguments: [String]

    public enum Failure: Error, CustomStringConvertible {
        case binaryNotFound(searched: [String])
        case didNotStart(String)

        public var description: String {
            switch self {
            case .binaryNotFound(let searched):
                return "the Tansu broker binary was not found (looked at: \(searched.joined(separator: ", "))). Run scripts/bootstrap, or set WIRESTREAM_TANSU."
            case .didNotStart(let why): return "the Tansu broker did not start: \(why)"
            }
        }
    }

    /// Starts a broker and waits until it answers metadata requests.
    ///
    /// - Parameters:
    ///   - port: a fixed port, or nil for a free one.
    ///   - certificatePEM: passed to Tansu as `--cert` (certificate, then key). Tansu 0.6.0 accepts the flag
    ///     but keeps serving plain TCP; tests put a TLS-terminating proxy in front instead.
    ///   - authentication: require SASL (`--authentication`). With memory storage no user can be created
    ///     (creating one needs an authenticated connection), so every login fails: for wrong-credential tests.
    public init(port: Int? = nil, certificatePEM: String? = nil, authentication: Bool = false, logger: Logger = Logger(label: "tansu")) async throws {
        let binary = try Self.locateBinary()
        let chosen = try port ?? Self.freePort()
        self.port = chosen
        self.bootstrapServers = "127.0.0.1:\(chosen)"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wirestream-tansu-\(chosen)-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        logFile = dir.appendingPathComponent("tansu.log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        var args = [
            "broker",
            "--listener-url", "tcp://127.0.0.1:\(chosen)",
            "--advertised-listener-url", "tcp://127.0.0.1:\(chosen)",
            "--storage-engine", "memory://tansu/",
        ]
        if let certificatePEM { args += ["--cert", certificatePEM] }
        if authentication { args.append("--authentication") }
        extraArguments = args
        // A watchdog shell keeps the broker from outliving us, even after SIGKILL. Tansu ignores SIGTERM,
        // and its memory storage has nothing to save, so it is stopped with SIGKILL.
        let quoted = ([binary] + args).map { "'\($0.replacingOccurrences(of: "'", with: "'\\''"))'" }.joined(separator: " ")
        let script = """
            \(quoted) >>'\(logFile.path)' 2>&1 &
            child=$!
            trap 'kill -9 $child 2>/dev/null; wait $child; exit 0' TERM INT
            while kill -0 \(getpid()) 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 0.5; done
            kill -9 $child 2>/dev/null; wait $child
            """
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["RUST_LOG"] = environment["RUST_LOG"] ?? "warn"
        process.environment = environment
        // The broker writes to its log file; the watchdog must not hold our stdout/stderr open.
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        do {
            try await waitUntilReady(logger: logger, tls: certificatePEM != nil || authentication)
        } catch {
            stop()
            throw error
        }
        logger.info("Tansu broker started", metadata: ["bootstrap": "\(bootstrapServers)"])
    }

    /// Process ID of the broker's watchdog shell; the broker is its child
    /// (`ProcessStats.treeCPUSeconds(pid:)` measures both).
    public var processIdentifier: Int32 { process.processIdentifier }

    /// Stops the broker and waits for it to exit.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }

    /// The last lines the broker wrote, for error messages.
    public func logTail(lines: Int = 20) -> String {
        guard let text = try? String(contentsOf: logFile, encoding: .utf8) else { return "" }
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    private func waitUntilReady(logger: Logger, tls: Bool) async throws {
        let deadline = Date().addingTimeInterval(60)  // generous: test runs start dozens of suites at once on 2 cores
        while Date() < deadline {
            guard process.isRunning else { throw Failure.didNotStart("it exited; log:\n\(logTail())") }
            if Self.canConnect(port: port) {
                if tls { return }
                var quiet = logger
                quiet.logLevel = .critical
                if let admin = try? KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: bootstrapServers), logger: quiet, timeout: .seconds(2)),
                    (try? await admin.listTopics()) != nil
                {
                    return
                }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure.didNotStart("no answer on \(bootstrapServers) within 60 s; log:\n\(logTail())")
    }

    /// Finds the broker: `$WIRESTREAM_TANSU`, `.wirestream/bin/tansu` in the current directory or
    /// above it or beside this source tree, then `tansu` on PATH.
    public static func locateBinary() throws -> String {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["WIRESTREAM_TANSU"], !env.isEmpty { candidates.append(env) }
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent(".wirestream/bin/tansu").path)
            dir = dir.deletingLastPathComponent()
        }
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(sourceRoot.appendingPathComponent(".wirestream/bin/tansu").path)
        for p in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append("\(p)/tansu")
        }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        throw Failure.binaryNotFound(searched: Array(candidates.prefix(3)))
    }

    /// A TCP port nobody listens on right now.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure.didNotStart("socket() failed") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) { ptr in
            ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw Failure.didNotStart("could not find a free port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    /// Whether something accepts TCP connections on this loopback port.
    public static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &addr) { ptr in
            ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
