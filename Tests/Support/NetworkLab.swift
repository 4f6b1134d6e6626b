import Foundation
import LocalBroker

#if canImport(Glibc)
import Glibc
#endif

/// Network namespaces standing in for hosts: a broker host, a client host (topic setup, ingest, reading) and
/// worker hosts, each with one interface on a bridge in a hub namespace, addresses 10.201.7.0/24. Nothing
/// is added to the namespace the tests run in. Needs root, iproute2 and, for ``impair(_:)``, TUN/TAP and
/// python3 (scripts/lossy-wire adds the latency and loss: `tc netem` needs a kernel with CONFIG_NET_SCH_NETEM).
///
/// Names are `wsf<pid>x<n>-<host>`; ``sweepStale()`` removes those of test processes that are gone, and
/// ``tearDown()`` (call it in a `defer`) kills every process in the lab's namespaces and deletes them.
public final class NetworkLab: @unchecked Sendable {
    public static let brokerAddress = "10.201.7.1"
    public static let brokerPort = 9092
    public var bootstrap: String { "\(Self.brokerAddress):\(Self.brokerPort)" }
    public let name: String
    public let directory: URL
    public var hub: String { "\(name)-hub" }
    public var brokerHost: String { "\(name)-b" }
    public var clientHost: String { "\(name)-c" }
    public func workerHost(_ index: Int) -> String { "\(name)-w\(index)" }
    private var namespaces: [String] = []
    private var daemons: [Process] = []
    private var wires: [Int: Process] = [:]
    private nonisolated(unsafe) static var counter = 0
    private static let counterLock = NSLock()

    /// Creates the hub, broker and client hosts and `workers` worker hosts (1…workers). Worker hosts listed in
    /// `wired` reach the hub through scripts/lossy-wire (for ``impair(_:)``), the others through a veth pair.
    public init(workers: Int, wired: Set<Int> = []) throws {
        try Self.checkPrerequisites(wired: !wired.isEmpty)
        Self.sweepStale()
        let n = Self.counterLock.withLock { Self.counter += 1; return Self.counter }
        name = "wsf\(getpid())x\(n)"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        do {
            try addNamespace(hub)
            try Self.ip(["-n", hub, "link", "add", "br0", "type", "bridge"])
            try Self.ip(["-n", hub, "link", "set", "br0", "up"])
            try addHost(brokerHost, link: "vb", address: Self.brokerAddress)
            try addHost(clientHost, link: "vc", address: "10.201.7.2")
            for i in stride(from: 1, through: workers, by: 1) {
                try addHost(workerHost(i), link: "vw\(i)", address: "10.201.7.\(10 + i)", wired: wired.contains(i))
            }
        } catch {
            tearDown()
            throw error
        }
    }

    // MARK: faults

    /// Takes worker host `index`'s link down (`false`) or up again (`true`), as a pulled cable would.
    public func setLink(worker index: Int, up: Bool) throws {
        try Self.ip(["-n", hub, "link", "set", "vw\(index)", up ? "up" : "down"])
    }

    /// Turns the latency and loss of a wired worker host's link on or off.
    public func impair(_ on: Bool, worker index: Int) throws {
        guard let wire = wires[index], wire.isRunning else { throw TestSupportError("worker host \(index) has no running lossy-wire; see \(wireLog(index).path)") }
        kill(wire.processIdentifier, on ? SIGUSR1 : SIGUSR2)
    }

    public func wireLog(_ index: Int) -> URL { directory.appendingPathComponent("wire-w\(index).log") }

    // MARK: processes on the hosts

    /// Runs a command on `host` and waits for it.
    @discardableResult
    public func run(on host: String, _ command: [String], stdin: String? = nil) throws -> Tool.Result {
        try Tool.runCommand(try Self.ipPath(), ["netns", "exec", host] + command, stdin: stdin)
    }

    /// Starts a long-running command on `host`, output appended to `log`; it is killed when the lab is torn
    /// down or when this test process dies.
    @discardableResult
    public func startDaemon(on host: String, _ command: [String], log: URL) throws -> Process {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let quoted = ([try Self.ipPath(), "netns", "exec", host] + command).map(Self.shellQuote).joined(separator: " ")
        let script = """
            \(quoted) >>\(Self.shellQuote(log.path)) 2>&1 &
            child=$!
            trap 'kill -9 $child 2>/dev/null; wait $child; exit 0' TERM INT
            while kill -0 \(getpid()) 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 0.5; done
            kill -9 $child 2>/dev/null; wait $child
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        daemons.append(process)
        return process
    }

    /// Starts Tansu on the broker host (memory storage) at ``bootstrap``.
    public func startBroker() throws -> URL {
        let log = directory.appendingPathComponent("tansu.log")
        let tansu = try TansuBroker.locateBinary()
        try startDaemon(on: brokerHost, [
            tansu, "broker", "--listener-url", "tcp://\(bootstrap)", "--advertised-listener-url", "tcp://\(bootstrap)",
            "--storage-engine", "memory://tansu/",
        ], log: log)
        return log
    }

    // MARK: teardown

    /// Kills every process in the lab's namespaces and deletes them. Safe to call twice.
    public func tearDown() {
        for wire in wires.values where wire.isRunning { wire.terminate() }
        for daemon in daemons where daemon.isRunning { daemon.terminate() }
        for ns in namespaces.reversed() { Self.removeNamespace(ns) }
        for process in Array(wires.values) + daemons { process.waitUntilExit() }
        namespaces = []
    }

    deinit { tearDown() }

    /// Deletes the namespaces of lab runs whose test process is gone (a crashed or killed run).
    public static func sweepStale() {
        guard let listed = try? Tool.runCommand(ipPath(), ["netns", "list"]) else { return }
        for line in listed.stdout.split(separator: "\n") {
            let ns = String(line.split(separator: " ").first ?? "")
            guard ns.hasPrefix("wsf"), let x = ns.firstIndex(of: "x"),
                let pid = Int32(ns[ns.index(ns.startIndex, offsetBy: 3)..<x])
            else { continue }
            if pid == getpid() || kill(pid, 0) == 0 { continue }  // its test process still runs
            removeNamespace(ns)
        }
    }

    // MARK: plumbing

    private func addNamespace(_ ns: String) throws {
        try Self.ip(["netns", "add", ns])
        namespaces.append(ns)
        try Self.ip(["-n", ns, "link", "set", "lo", "up"])
    }

    private func addHost(_ host: String, link: String, address: String, wired: Bool = false) throws {
        try addNamespace(host)
        if wired {
            try Self.ip(["-n", hub, "tuntap", "add", "dev", link, "mode", "tap"])
            try Self.ip(["-n", host, "tuntap", "add", "dev", "eth0", "mode", "tap"])
            let index = Int(link.dropFirst(2)) ?? 0
            let log = wireLog(index)
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let wire = Process()
            wire.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            wire.arguments = [
                "python3", Tool.root.appendingPathComponent("scripts/lossy-wire").path, "--a", "\(host):eth0", "--b", "\(hub):\(link)",
                "--delay-ms", "200", "--loss", "0.05", "--parent", "\(getpid())", "--seed", "\(index)",
            ]
            let handle = try FileHandle(forWritingTo: log)
            wire.standardOutput = handle
            wire.standardError = handle
            wire.standardInput = FileHandle.nullDevice
            try wire.run()
            wires[index] = wire
            // The wire attaches to both devices within a moment; a TAP without its reader has no carrier.
            let deadline = Date().addingTimeInterval(10)
            while !((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("started") {
                guard wire.isRunning, Date() < deadline else {
                    throw TestSupportError("scripts/lossy-wire did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
                }
                usleep(50_000)
            }
        } else {
            try Self.ip(["-n", hub, "link", "add", link, "type", "veth", "peer", "name", "eth0", "netns", host])
        }
        try Self.ip(["-n", hub, "link", "set", link, "master", "br0"])
        try Self.ip(["-n", hub, "link", "set", link, "up"])
        try Self.ip(["-n", host, "addr", "add", "\(address)/24", "dev", "eth0"])
        try Self.ip(["-n", host, "link", "set", "eth0", "up"])
    }

    private static func removeNamespace(_ ns: String) {
        if let pids = try? Tool.runCommand(ipPath(), ["netns", "pids", ns]) {
            for pid in pids.stdout.split(separator: "\n").compactMap({ Int32($0.trimmingCharacters(in: .whitespaces)) }) {
                kill(pid, SIGKILL)
            }
        }
        _ = try? Tool.runCommand(ipPath(), ["netns", "del", ns])
    }

    static func ip(_ arguments: [String]) throws {
        let result = try Tool.runCommand(ipPath(), arguments)
        guard result.status == 0 else {
            throw TestSupportError("`ip \(arguments.joined(separator: " "))` failed (\(result.status)): \(result.stderr)")
        }
    }

    public static func ipPath() throws -> String {
        for candidate in ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"] where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw TestSupportError("iproute2's `ip` was not found; run scripts/bootstrap (it installs iproute2)")
    }

    private static func checkPrerequisites(wired: Bool) throws {
        guard geteuid() == 0 else {
            throw TestSupportError("the network fault tests create network namespaces and need root (CI runs them as root); run `sudo -E swift test --filter NetworkFault`")
        }
        _ = try ipPath()
        if wired {
            guard FileManager.default.fileExists(atPath: "/dev/net/tun") else {
                throw TestSupportError("/dev/net/tun is missing: the lossy link needs TUN/TAP (CONFIG_TUN) in the kernel")
            }
            guard (try? Tool.runCommand("/usr/bin/env", ["python3", "--version"]))?.status == 0 else {
                throw TestSupportError("python3 is missing: scripts/lossy-wire needs it; run scripts/bootstrap")
            }
        }
    }

    private static func shellQuote(_ s: String) -> String { "'\(s.replacingOccurrences(of: "'", with: "'\\''"))'" }
}
