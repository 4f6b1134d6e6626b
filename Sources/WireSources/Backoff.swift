/// The wait before the next poll: the interval, doubled after each consecutive failure up to a ceiling.
struct Backoff: Sendable, Equatable {
    let interval: Double
    let ceiling: Double
    private(set) var failures = 0

    init(interval: Double, ceiling: Double) {
        self.interval = interval
        self.ceiling = max(interval, ceiling)
    }

    mutating func succeeded() { failures = 0 }
    mutating func failed() { failures += 1 }

    /// Seconds to wait: `interval` after a success, `interval × 2^(failures−1)` (at most `ceiling`) after failures.
    var delay: Double {
        guard failures > 1 else { return interval }
        return min(ceiling, interval * Double(1 << min(failures - 1, 30)))
    }
}
