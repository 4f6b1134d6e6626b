import Foundation

/// A bounded hand-off from the polling thread to async readers.
///
/// The poll thread blocks in ``push(_:)`` while the buffer is full, so a slow application slows
/// fetching instead of growing memory (back-pressure).
final class MessageBuffer<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private var waiter: CheckedContinuation<[Element], any Error>?
    private var waiterID: UInt64 = 0
    private var waiterMax = 1
    private var finished = false
    private var failure: (any Error)?
    let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    private var count: Int { items.count - head }

    /// Appends an element, blocking while full. Returns false once the buffer is finished.
    @discardableResult
    func push(_ element: Element, shouldStop: () -> Bool) -> Bool {
        condition.lock()
        while count >= capacity && !finished && !shouldStop() {
            _ = condition.wait(until: Date().addingTimeInterval(0.1))
        }
        if finished {
            condition.unlock()
            return false
        }
        if let waiter = waiter {
            self.waiter = nil
            condition.unlock()
            waiter.resume(returning: [element])
            return true
        }
        items.append(element)
        condition.unlock()
        return true
    }

    /// Ends the buffer: readers get what remains (nothing with `discardingBuffered`), then `nil` (or `error`).
    func finish(error: (any Error)? = nil, discardingBuffered: Bool = false) {
        condition.lock()
        finished = true
        if discardingBuffered {
            items.removeAll()
            head = 0
        }
        if failure == nil { failure = error }
        let waiter = self.waiter
        self.waiter = nil
        condition.broadcast()
        condition.unlock()
        if let waiter {
            if let error { waiter.resume(throwing: error) } else { waiter.resume(returning: []) }
        }
    }

    /// Up to `max` elements already buffered, without waiting; empty when none are (or when finished
    /// and drained). Throws the buffer's error once it has failed and is drained.
    func take(max: Int) throws -> [Element] {
        condition.lock()
        defer { condition.unlock() }
        guard count > 0 else {
            if finished, let failure { throw failure }
            return []
        }
        return dequeue(max)
    }

    /// Removes and returns up to `max` buffered elements and wakes a blocked `push`. Call with the lock held.
    private func dequeue(_ max: Int) -> [Element] {
        let n = min(max, count)
        let batch = Array(items[head..<(head + n)])
        head += n
        if head > 4096 || head == items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return batch
    }

    /// Up to `max` elements, waiting for at least one; empty when finished.
    func next(max: Int) async throws -> [Element] {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[Element], any Error>) in
                condition.lock()
                if count > 0 {
                    let batch = dequeue(max)
                    condition.unlock()
                    continuation.resume(returning: batch)
                } else if finished || Task.isCancelled {
                    let error = failure
                    condition.unlock()
                    if let error { continuation.resume(throwing: error) } else { continuation.resume(returning: []) }
                } else {
                    waiter = continuation
                    waiterID &+= 1
                    waiterMax = max
                    condition.unlock()
                }
            }
        } onCancel: {
            condition.lock()
            let waiter = self.waiter
            self.waiter = nil
            condition.unlock()
            waiter?.resume(returning: [])
        }
    }

    /// Up to `max` elements, waiting at most `timeout` for the first; empty on timeout or when finished.
    /// Elements that arrive are never lost to the timeout: they go either to this call or stay buffered.
    func next(max: Int, timeout: Duration) async throws -> [Element] {
        let id: UInt64 = condition.withLock { waiterID &+ 1 }
        let timer = Task { [weak self] in
            do { try await Task.sleep(for: timeout) } catch { return }
            self?.expireWaiter(id)
        }
        defer { timer.cancel() }
        return try await next(max: max)
    }

    /// Resumes the waiter with nothing if it is still waiter number `id`.
    private func expireWaiter(_ id: UInt64) {
        condition.lock()
        guard waiterID == id, let waiter else {
            condition.unlock()
            return
        }
        self.waiter = nil
        condition.unlock()
        waiter.resume(returning: [])
    }
}
