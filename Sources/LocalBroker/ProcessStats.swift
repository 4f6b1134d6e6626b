import Foundation

/// Facts about running processes from /proc (Linux): what tests and `wirectl bench` measure workers with.
public enum ProcessStats {
    /// User + system CPU seconds a process has used so far; nil when it is gone.
    public static func cpuSeconds(pid: Int32) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        // Fields after "(comm)": state is field 3; utime and stime are fields 14 and 15.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let utime = Double(fields[11]), let stime = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return (utime + stime) / (ticks > 0 ? ticks : 100)
    }

    /// User + system CPU seconds of a process and all its descendants (children found through
    /// `/proc/PID/task/*/children`); nil when the process is gone.
    public static func treeCPUSeconds(pid: Int32) -> Double? {
        guard let own = cpuSeconds(pid: pid) else { return nil }
        return children(of: pid).reduce(own) { $0 + (treeCPUSeconds(pid: $1) ?? 0) }
    }

    /// Direct children of a process (all its threads' children).
    public static func children(of pid: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task -> [Int32] in
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""
            return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// CPU seconds the whole machine has spent busy (not idle or waiting for I/O) since boot.
    public static func machineBusySeconds() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = text.split(separator: "\n").first, line.hasPrefix("cpu ")
        else { return nil }
        let values = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard values.count >= 5 else { return nil }
        let busy = values.enumerated().filter { $0.offset != 3 && $0.offset != 4 }.reduce(0) { $0 + $1.element }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return busy / (ticks > 0 ? ticks : 100)
    }
}
