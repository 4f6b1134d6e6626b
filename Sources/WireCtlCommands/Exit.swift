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
