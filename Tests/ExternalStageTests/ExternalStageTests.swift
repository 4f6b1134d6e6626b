import ArticleSchema
import ExternalStage
import Foundation
import StageKit
import Testing

@Suite("External command as a stage")
struct ExternalStageTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/stages/headline_case.py").path

    func stage(_ command: [String], timeout: Double = 10) throws -> ExternalStage {
        try ExternalStage(parameters: StageParameters(["command": .array(command.map { .string($0) }), "timeout_seconds": .number(timeout)]))
    }

    @Test("a Python script processes records and keeps unknown fields")
    func python() async throws {
        let s = try stage(["python3", Self.script])
        for i in 0..<3 {
            let out = try await s.process(try ArticleCodec.decode(#"{"id":"a\#(i)","title":"IS THIS A TEST?","body":"b","extra_field":[1,2]}"#))
            let json = ArticleCodec.encodeString(out)
            #expect(json.contains(#""headline":{"words":4,"all_caps":true,"question":true}"#), "\(json)")
            #expect(json.contains(#""extra_field":[1,2]"#))
        }
        // {"error": …} from the script fails the record with that reason; the process keeps running.
        await #expect(throws: StageError.self) { try await s.process(try ArticleCodec.decode(#"{"id":"x","body":"no title"}"#)) }
        let after = try await s.process(try ArticleCodec.decode(#"{"id":"y","title":"Back","body":"b"}"#))
        #expect(after.extra["headline"] != nil)
        try await s.shutdown()
    }

    @Test("a hanging command times out and is restarted; a crashing one is reported")
    func failures() async throws {
        let slow = try stage(["python3", "-c", "import sys,time\nfor l in sys.stdin:\n    time.sleep(5)"], timeout: 0.5)
        do {
            _ = try await slow.process(try ArticleCodec.decode(#"{"id":"a","body":"b"}"#))
            Issue.record("no timeout")
        } catch {
            #expect("\(error)".contains("no answer within"))
        }
        try await slow.shutdown()
        let crash = try stage(["python3", "-c", "import sys; sys.stdin.readline(); sys.exit(3)"])
        do {
            _ = try await crash.process(try ArticleCodec.decode(#"{"id":"a","body":"b"}"#))
            Issue.record("no failure")
        } catch {
            #expect("\(error)".contains("exited with status 3"))
        }
        try await crash.shutdown()
        #expect(throws: StageConfigurationError.self) { try ExternalStage(parameters: StageParameters([:])) }
    }
}

@Suite("External command that stops reading")
struct ExternalStageInputTests {
    func stage(_ command: [String], timeout: Double) throws -> ExternalStage {
        try ExternalStage(parameters: StageParameters(["command": .array(command.map { .string($0) }), "timeout_seconds": .number(timeout)]))
    }

    /// Answers the first record, then closes its stdin and stays alive: the next write used to raise SIGPIPE
    /// and kill the whole process (the test runner here, the worker in production).
    static let closesInput = """
        import os, sys, time
        line = sys.stdin.readline()
        sys.stdout.write(line); sys.stdout.flush()
        os.close(0)
        time.sleep(30)
        """

    @Test("a child that closes its stdin or exits mid-stream gives a clear error and is restarted")
    func childClosesInput() async throws {
        let s = try stage(["python3", "-c", Self.closesInput], timeout: 5)
        let first = try await s.process(try ArticleCodec.decode(#"{"id":"a1","body":"b"}"#))
        #expect(first.id == "a1")
        // Several writes: the first may still fit before the child's close is seen.
        var failure: (any Error)?
        for i in 0..<5 where failure == nil {
            do { _ = try await s.process(try ArticleCodec.decode(#"{"id":"b\#(i)","body":"b"}"#)) } catch { failure = error }
        }
        let message = failure.map { "\($0)" } ?? ""
        #expect(message.contains("stopped reading its input") || message.contains("exited"), "\(message)")
        #expect(message.contains("restarted"), "\(message)")
        // A new child takes the next record.
        let again = try await s.process(try ArticleCodec.decode(#"{"id":"c1","body":"b"}"#))
        #expect(again.id == "c1")
        try await s.shutdown()
    }

    @Test("a child that never reads its input: the write times out and the child is restarted", .timeLimit(.minutes(1)))
    func childNeverReads() async throws {
        let s = try stage(["python3", "-c", "import time; time.sleep(60)"], timeout: 1)
        // Larger than any socket buffer, so the write has to wait for the child.
        let body = String(repeating: "word ", count: 2_000_000)
        do {
            _ = try await s.process(ArticleRecord(id: "big", body: body))
            Issue.record("the write did not time out")
        } catch {
            #expect("\(error)".contains("did not read its input within"), "\(error)")
        }
        try await s.shutdown()
    }
}
