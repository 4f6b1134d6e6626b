import Foundation

/// A bounded hand-off from the polling thread to async readers.
///
/// The poll thread blocks in ``push(_:shouldStop:)`` while the buffer is full, so a slow application slows
/// fetching instead of growing memory (back-pressure). Any number of readers may wait at once; each gets its
/// own batch, in the order they started waiting. Elements of *withheld* partitions (being revoked) are dropped,
/// buffered or not, until they are released again.
final class MessageBuffer<Element: Sendable>: @unchecked Sendable {
    private struct Waiter {
        var id: UInt64
        var max: Int
        var continuation: CheckedContinuation<[Element], any Error>
    }

    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private var waiters: [Waiter] = []
    private var nextWaiterID: UInt64 = 0
    private var finished = false
    private var failure: (any Error)?
    private var withheld: Set<TopicPartition> = []
    /// Waiters whose timeout or cancellation came before they started waiting.
    private var expired: Set<UInt64> = []
    private let partitionOf: @Sendable (Element) -> TopicPartition
    let capacity: Int

    init(capacity: Int, partitionOf: @escaping @Sendable (Element) -> TopicPartition) {
        self.capacity = max(1, capacity)
        self.partitionOf = partitionOf
    }

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
        if !withheld.isEmpty && withheld.contains(partitionOf(element)) {
            condition.unlock()
            return true
        }
        if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            condition.unlock()
            waiter.continuation.resume(returning: [element])
            return true
        }
        items.append(element)
        condition.unlock()
        return true
    }

    /// Drops the buffered elements of `partitions` and every later one until ``release(_:)``; returns how
    /// many buffered elements were dropped.
    func withhold(_ partitions: Set<TopicPartition>) -> Int {
        guard !partitions.isEmpty else { return 0 }
        condition.lock()
        defer { condition.unlock() }
        withheld.formUnion(partitions)
        let before = count
        items = items[head...].filter { !partitions.contains(partitionOf($0)) }
        head = 0
        condition.broadcast()
        return before - count
    }

    /// Lets elements of `partitions` through again.
    func release(_ partitions: Set<TopicPartition>) {
        condition.lock()
        withheld.subtract(partitions)
        condition.unlock()
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
        let waiting = waiters
        waiters.removeAll()
        condition.broadcast()
        condition.unlock()
        for waiter in waiting {
            if let error { waiter.continuation.resume(throwing: error) } else { waiter.continuation.resume(returning: []) }
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

    /// Up to `max` elements, waiting for at least one; empty when finished or cancelled.
    func next(max: Int) async throws -> [Element] {
        let id = condition.withLock {
            nextWaiterID &+= 1
            return nextWaiterID
        }
        return try await next(max: max, id: id)
    }

    private func next(max: Int, id: UInt64) async throws -> [Element] {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[Element], any Error>) in
                condition.lock()
                if count > 0 {
                    let batch = dequeue(max)
                    condition.unlock()
                    continuation.resume(returning: batch)
                } else if finished || Task.isCancelled || expired.remove(id) != nil {
                    let error = finished ? failure : nil
                    condition.unlock()
                    if let error { continuation.resume(throwing: error) } else { continuation.resume(returning: []) }
                } else {
                    waiters.append(Waiter(id: id, max: max, continuation: continuation))
                    condition.unlock()
                }
            }
        } onCancel: {
            expireWaiter(id)
        }
    }

    /// Up to `max` elements, waiting at most `timeout` for the first; empty on timeout or when finished.
    /// Elements that arrive are never lost to the timeout: they go either to this call or stay buffered.
    func next(max: Int, timeout: Duration) async throws -> [Element] {
        let id = condition.withLock {
            nextWaiterID &+= 1
            return nextWaiterID
        }
        let timer = Task { [weak self] in
            do { try await Task.sleep(for: timeout) } catch { return }
            self?.expireWaiter(id)
        }
        defer { timer.cancel() }
        return try await next(max: max, id: id)
    }

    /// Readers waiting right now.
    var waitingReaders: Int { condition.withLock { waiters.count } }

    /// Resumes waiter number `id` with nothing if it is still waiting.
    private func expireWaiter(_ id: UInt64) {
        condition.lock()
        guard let index = waiters.firstIndex(where: { $0.id == id }) else {
            if expired.count > 1024 { expired.removeAll() }  // ids only grow: old ones no longer matter
            expired.insert(id)
            condition.unlock()
            return
        }
        let waiter = waiters.remove(at: index)
        condition.unlock()
        waiter.continuation.resume(returning: [])
    }
}
