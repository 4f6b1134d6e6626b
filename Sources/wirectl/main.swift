import ArgumentParser
import Foundation
import WireCtlCommands

// Exit codes are part of the command-line contract: 0 success, 2 usage or configuration error, 1 otherwise.
func runCommand<Command: AsyncParsableCommand>(_ command: inout Command) async throws {
    try await command.run()
}

do {
    var command = try WireCtl.parseAsRoot()
    if var asyncCommand = command as? any AsyncParsableCommand {
        try await runCommand(&asyncCommand)
    } else {
        try command.run()
    }
    exit(0)
} catch {
    exit(WireCtlExit.report(error))
}
