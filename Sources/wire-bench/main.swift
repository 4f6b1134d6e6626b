import Foundation
import WireBench
import WireCtlCommands

// The benchmark executable (`wirectl bench` runs it). The only binary that links the allocation counter.
do {
    var command = try Bench.parse()
    try await command.run()
    exit(0)
} catch {
    exit(WireCtlExit.report(error, command: Bench.self))
}
