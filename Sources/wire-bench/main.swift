import Foundation
import WireBench
import WireCtlCommands

// The benchmark executable (`wirectl bench` runs it). The only binary that links the allocation counter.
do {
    let command = try Bench.parse()  // `let`: with `var` the synchronous default run() (which prints the help) was chosen
    try await command.run()
    exit(0)
} catch {
    exit(WireCtlExit.report(error, command: Bench.self))
}
