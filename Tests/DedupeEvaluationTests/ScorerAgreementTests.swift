import Foundation
import Testing
@testable import DedupeEvaluation
import Deduplication

/// `DedupeEvaluation` scores like `../shared/data/dedup/score_dedup.py`: both score the same predictions on the
/// development stream (the stage's own verdicts, and a perturbed copy with misses and wrong links) to the same
/// decision counts, class counts and figures.
@Suite struct ScorerAgreementTests {
    static let dedupData = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data/dedup")

    @Test func swiftAndPythonScorersAgree() throws {
        let stream = Self.dedupData.appendingPathComponent("dev.jsonl")
        let script = Self.dedupData.appendingPathComponent("score_dedup.py")
        #expect(FileManager.default.fileExists(atPath: stream.path), "the development stream is missing: \(stream.path)")
        #expect(FileManager.default.fileExists(atPath: script.path), "the scorer is missing: \(script.path)")
        guard FileManager.default.fileExists(atPath: stream.path), FileManager.default.fileExists(atPath: script.path) else { return }

        let articles = try DedupeEvaluation.load(stream)
        let run = try DedupeEvaluation.evaluateWithVerdicts(stream: stream, options: DedupeOptions(), prepare: { _, body in body }, log: { _ in })
        let verdicts: [String?] = run.verdicts.map { $0.verdict.status == .unique ? nil : $0.verdict.duplicateOf }
        // Perturbed: every 7th link dropped, every 11th article linked to the article before it (wrong or right).
        let perturbed: [String?] = verdicts.enumerated().map { n, link in
            if n % 7 == 3 { return nil }
            if n % 11 == 5 { return articles[n - 1].id }
            return link
        }
        for predictions in [verdicts, perturbed] {
            let swift = DedupeEvaluation.score(articles, predictions)
            let python = try Self.scoreWithPython(script: script, stream: stream, ids: articles.map(\.id), predictions: predictions)
            #expect(python["tp"] as? Int == swift.truePositives)
            #expect(python["fp"] as? Int == swift.falsePositives)
            #expect(python["fn"] as? Int == swift.falseNegatives)
            #expect(python["copies"] as? Int == swift.copies)
            #expect(python["ambiguous_links"] as? Int == swift.ambiguousLinks)
            #expect(python["hardneg_fp"] as? Int == swift.hardNegativeFalsePositives)
            #expect((python["fp_by_class"] as? [String: Int] ?? [:]) == swift.falsePositivesByClass)
            #expect(abs((python["f1"] as? Double ?? -1) - swift.f1) < 1e-9)
            #expect(abs((python["precision"] as? Double ?? -1) - swift.precision) < 1e-9)
            #expect(abs((python["recall"] as? Double ?? -1) - swift.recall) < 1e-9)
        }
    }

    /// Writes `predictions` as JSONL and returns `score_dedup.py --json`'s figures.
    static func scoreWithPython(script: URL, stream: URL, ids: [String], predictions: [String?]) throws -> [String: Any] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dedupe-scorer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let predictionsFile = dir.appendingPathComponent("predictions.jsonl"), output = dir.appendingPathComponent("score.json")
        var lines = ""
        for (id, link) in zip(ids, predictions) {
            let object: [String: Any] = ["id": id, "duplicate_of": link.map { $0 as Any } ?? NSNull()]
            lines += String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self) + "\n"
        }
        try lines.write(to: predictionsFile, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, stream.path, predictionsFile.path, "--json", output.path, "--quiet"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "score_dedup.py exited \(process.terminationStatus)")
        return try JSONSerialization.jsonObject(with: Data(contentsOf: output)) as? [String: Any] ?? [:]
    }
}
