import ArgumentParser
import Foundation

/// Turns an error into the message and exit code of the command-line contract.
public enum WireCtlExit {
    /// Prints `error` as `command` reports it (help, usage, or the failure's message) and returns the exit code.
    public static func report(_ error: any Error, command: any ParsableCommand.Type = WireCtl.self) -> Int32 {
        if let failure = error as? CommandFailure {
            printError("wirectl: \(failure.message)")
            return failure.code
        }
        let code = command.exitCode(for: error)
        let message = command.fullMessage(for: error)
        if code == .success {
            if !message.isEmpty { print(message) }
            return 0
        }
        if !message.isEmpty { printError(message) }
        if error is ExitCode { return code.rawValue }
        // ArgumentParser reports usage errors as 64; the contract says 2.
        return code == .validationFailure || code.rawValue == 64 ? 2 : 1
    }
}

extension WireCtlExit {
    /// Parses the process's arguments as `command`'s tree, runs the chosen command (its async `run()` when it has
    /// one) and exits with the contract's code: the `main` of `wirectl` and `wire-bench`.
    public static func main(_ command: any ParsableCommand.Type) async -> Never {
        do {
            var chosen = try command.parseAsRoot()
            if var asyncCommand = chosen as? any AsyncParsableCommand {
                try await runAsync(&asyncCommand)
            } else {
                try chosen.run()
            }
            exit(0)
        } catch {
            exit(report(error, command: command))
        }
    }

    /// A generic call, so the async `run()` is chosen over `ParsableCommand`'s synchronous default.
    private static func runAsync<Command: AsyncParsableCommand>(_ command: inout Command) async throws {
        try await command.run()
    }
}
