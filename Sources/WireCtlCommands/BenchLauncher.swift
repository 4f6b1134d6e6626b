import ArgumentParser
import Foundation

/// `wirectl bench`: runs the `wire-bench` executable installed beside `wirectl` with the same arguments.
///
/// The benchmarks live in their own executable so that the allocation counter they link (it replaces the
/// process's allocation functions) never runs inside `wirectl` or a worker.
struct BenchLauncher: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the record codec, each stage in-process and the stack end to end (runs wire-bench).",
        discussion: "Every argument is passed to wire-bench; `wire-bench --help` lists them.")

    @Argument(parsing: .allUnrecognized, help: "Arguments for wire-bench.") var arguments: [String] = []

    func run() throws {
        let executable = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("wire-bench")
        let found = FileManager.default.isExecutableFile(atPath: executable.path) ? executable.path : Self.searchPath()
        guard let path = found else {
            throw CommandFailure("wire-bench is not installed beside wirectl or on PATH: build it with `swift build -c release --product wire-bench`", code: 2)
        }
        let process = Foundation.Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        do {
            try process.run()
        } catch {
            throw CommandFailure("cannot start \(path): \(error)")
        }
        process.waitUntilExit()
        throw ExitCode(process.terminationStatus)
    }

    private static func searchPath() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/wire-bench" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
