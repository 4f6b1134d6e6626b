import ArgumentParser
import Foundation
import WireBench
import WireCtlCommands

// The benchmark executable (`wirectl bench` runs it). The only binary that links the allocation counter.
do {
    // Typed as the async protocol: on the concrete type, `run()` resolved to ParsableCommand's synchronous
    // default, which only prints the help.
    var command: any AsyncParsableCommand = try Bench.parse()
    try await command.run()
    exit(0)
} catch {
    exit(WireCtlExit.report(error, command: Bench.self))
}
