import Foundation

/// A dedicated thread that drives one librdkafka handle: it blocks inside librdkafka's poll
/// (no busy polling) until told to stop.
final class PollThread: @unchecked Sendable {
    private let stopFlag = LockedValue(false)
    private let done = DispatchSemaphore(value: 0)
    private let name: String

    init(name: String) { self.name = name }

    /// Starts calling `body` in a loop; `body` should block for up to ~100 ms.
    func start(_ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [stopFlag, done] in
            while !stopFlag.withLock({ $0 }) { body() }
            done.signal()
        }
        thread.name = name
        thread.start()
    }

    var isStopping: Bool { stopFlag.withLock { $0 } }

    /// Asks the loop to end and waits until it has.
    func stopAndWait() {
        let wasRunning = stopFlag.withLock { stopped -> Bool in
            let running = !stopped
            stopped = true
            return running
        }
        if wasRunning { done.wait() }
    }
}
