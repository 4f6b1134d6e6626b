import Foundation

/// A dedicated thread that drives one librdkafka handle: it blocks inside librdkafka's poll
/// (no busy polling) until told to stop.
final class PollThread: @unchecked Sendable {
    private enum State { case idle, running, stopped }
    private let state = LockedValue(State.idle)
    private let done = DispatchSemaphore(value: 0)
    private let name: String

    init(name: String) { self.name = name }

    /// Starts calling `body` in a loop; `body` should block for up to ~100 ms. Only the first call starts.
    func start(_ body: @escaping @Sendable () -> Void) {
        let shouldStart = state.withLock { s -> Bool in
            guard s == .idle else { return false }
            s = .running
            return true
        }
        guard shouldStart else { return }
        let thread = Thread { [state, done] in
            while state.withLock({ $0 }) == .running { body() }
            done.signal()
        }
        thread.name = name
        thread.start()
    }

    var isStopping: Bool { state.withLock { $0 } == .stopped }

    /// Asks the loop to end and waits until it has. Returns at once when the loop never started.
    func stopAndWait() {
        let wasRunning = state.withLock { s -> Bool in
            defer { s = .stopped }
            return s == .running
        }
        if wasRunning { done.wait() }
    }
}
