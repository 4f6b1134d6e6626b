import ArgumentParser
import Foundation
import WireBench
import WireCtlCommands

// The benchmark executable (`wirectl bench` runs it). The only binary that links the allocation counter.
/// Runs the async `run()` (a generic call, so the synchronous default `run()` that prints the help is never picked).
func runAsync<Command: AsyncParsableCommand>(_ command: inout Command) async throws {
    try await command.run()
}

do {
    var command = try Bench.parseAsRoot()
    if var asyncCommand = command as? any AsyncParsableCommand {
        try await runAsync(&asyncCommand)
    } else {
        try command.run()
    }
    exit(0)
} catch {
    exit(WireCtlExit.report(error, command: Bench.self))
}
