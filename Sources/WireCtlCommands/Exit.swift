import ArgumentParser
import Foundation

/// Turns an error into the message and exit code of the command-line contract.
public enum WireCtlExit {
    public static func report(_ error: any Error) -> Int32 {
        if let failure = error as? CommandFailure {
            printError("wirectl: \(failure.message)")
            return failure.code
        }
        let code = WireCtl.exitCode(for: error)
        let message = WireCtl.fullMessage(for: error)
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
