import Foundation

/// Runs a blocking librdkafka call (a synchronous commit, a close, a flush, a transaction step, a metadata
/// request) on a thread of its own, so it never holds one of the few threads of Swift's cooperative pool.
func runBlocking<R: Sendable>(_ body: @escaping @Sendable () throws -> R) async throws -> R {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.name = "wirestream-blocking-call"
        thread.start()
    }
}
