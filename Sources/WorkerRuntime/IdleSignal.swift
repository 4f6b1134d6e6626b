import Foundation

/// Tells the revocation callback (on librdkafka's thread) when no batch is in flight; while it
/// waits, `settleRequested` asks the loop to complete what it has before taking more.
final class IdleSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var busy = 0
    private var waiters = 0

    var settleRequested: Bool { condition.withLock { waiters > 0 } }

    /// Forgets batches that will never complete (the loop has ended).
    func reset() {
        condition.lock()
        busy = 0
        condition.broadcast()
        condition.unlock()
    }

    func begin() {
        condition.lock()
        busy += 1
        condition.unlock()
    }

    func end() {
        condition.lock()
        busy -= 1
        condition.broadcast()
        condition.unlock()
    }

    func waitUntilIdle(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        waiters += 1
        defer {
            waiters -= 1
            condition.unlock()
        }
        while busy > 0 {
            if !condition.wait(until: deadline) { return busy == 0 }
        }
        return true
    }
}
