import Testing

@testable import WorkerRuntime

@Suite("CommitThrottle")
struct CommitThrottleTests {
    @Test("lets one commit through per interval, timed from the last one let through")
    func oncePerInterval() {
        let throttle = CommitThrottle(interval: .milliseconds(200))
        let start = ContinuousClock.now
        #expect(throttle.due(now: start))
        #expect(!throttle.due(now: start + .milliseconds(50)))
        #expect(!throttle.due(now: start + .milliseconds(199)))
        #expect(throttle.due(now: start + .milliseconds(200)))
        #expect(!throttle.due(now: start + .milliseconds(300)))
        #expect(throttle.due(now: start + .milliseconds(450)))
    }
}
