import Foundation
import Testing
@testable import Deduplication

/// Handing the index over through a state changelog: instances with separate state directories, each restoring
/// from the changes the others wrote, give the verdicts of one instance.
@Suite struct ChangelogRestoreTests {
    /// A changelog read to its end: the changes applied in order, tombstones included (what a restore
    /// sees whether or not the broker compacted the topic).
    static func state(_ log: [DedupeStateChange]) -> [String: Data] {
        var state: [String: Data] = [:]
        for change in log { state[change.key] = change.value }
        return state
    }

    static func stream() -> [DedupeDocument] {
        (0..<42).map { i in
            let story = Fixture.story(700 + i % 14, paragraphs: 4)
            let text = switch i / 14 {
            case 0: Fixture.text(story)
            case 1: Fixture.text(story + Fixture.story(950 + i, paragraphs: 1))
            default: Fixture.text(Array(story.dropLast()))
            }
            return Fixture.doc("c\(i)", text, minutes: Double(i) * 2)
        }
    }

    @Test(arguments: ReplayPersistenceRetention.restartOptions)
    func handoverThroughTheChangelogGivesTheVerdictsOfOneInstance(options: DedupeOptions) throws {
        let docs = Self.stream()
        let single = try Deduplicator(options: options, stateDirectory: nil)
        let expected = try docs.map { try single.check($0) }
        #expect(expected.contains { $0.status != .unique })

        let first = Fixture.tempDirectory(), second = Fixture.tempDirectory()
        defer { for d in [first, second] { try? FileManager.default.removeItem(at: d) } }
        var log: [DedupeStateChange] = []
        var got: [DedupeVerdict] = []
        do {
            let a = try Deduplicator(options: options, stateDirectory: first, restoring: [:])
            // A checkpoint per article: small segments, so expiry deletes some (tombstones).
            for doc in docs.prefix(14) {
                got.append(try a.check(doc))
                log += try a.flushChanges()
            }
            // Decided and stored locally but never written to the changelog (the instance died before its
            // checkpoint): the new owner processes it again, and this cache must drop it on its next restore.
            _ = try a.check(Fixture.doc("lost", Fixture.text(Fixture.story(4242)), minutes: 14 * 2))
            try a.flush()
        }
        do {
            let b = try Deduplicator(options: options, stateDirectory: second, restoring: Self.state(log))
            for doc in docs[14..<28] {
                got.append(try b.check(doc))
                log += try b.flushChanges()
            }
        }
        // The first instance takes over again with its stale cache.
        let again = try Deduplicator(options: options, stateDirectory: first, restoring: Self.state(log))
        for doc in docs.dropFirst(28) {
            got.append(try again.check(doc))
            log += try again.flushChanges()
        }
        #expect(got == expected)
        if options != DedupeOptions() {
            // Expiry ran: its deleted segments went out as tombstones, and a restore applies them.
            #expect(log.contains { $0.value == nil })
            #expect(again.retainedCount < docs.count)
            let third = Fixture.tempDirectory()
            defer { try? FileManager.default.removeItem(at: third) }
            #expect(try Deduplicator(options: options, stateDirectory: third, restoring: Self.state(log)).retainedCount == again.retainedCount)
        } else {
            // Replays keep their first verdicts (with the short window, expired ids' verdicts are forgotten).
            #expect(try docs.map { try again.check($0) } == expected)
        }
    }

    @Test func anEmptyChangelogIsSeededFromTheLocalStore() throws {
        let dir = Fixture.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let docs = Self.stream()
        do {
            let local = try Deduplicator(options: DedupeOptions(), stateDirectory: dir)
            for doc in docs.prefix(10) { _ = try local.check(doc) }
            try local.flush()
        }
        let seeded = try Deduplicator(options: DedupeOptions(), stateDirectory: dir, restoring: [:])
        let seed = try seeded.flushChanges()
        #expect(seed.contains { $0.key.hasPrefix("articles/") } && seed.contains { $0.key == "meta" })
        let other = Fixture.tempDirectory()
        defer { try? FileManager.default.removeItem(at: other) }
        let restored = try Deduplicator(options: DedupeOptions(), stateDirectory: other, restoring: Self.state(seed))
        #expect(restored.retainedCount == 10)
    }

    @Test func aChangelogOfOtherHashingSettingsIsRejected() throws {
        let dir = Fixture.tempDirectory(), other = Fixture.tempDirectory()
        defer { for d in [dir, other] { try? FileManager.default.removeItem(at: d) } }
        let writer = try Deduplicator(options: DedupeOptions(), stateDirectory: dir, restoring: [:])
        _ = try writer.check(Self.stream()[0])
        let log = try writer.flushChanges()
        var changed = DedupeOptions()
        changed.shingleSize += 1
        #expect(throws: DedupeError.self) { try Deduplicator(options: changed, stateDirectory: other, restoring: Self.state(log)) }
        #expect(throws: DedupeError.self) { try Deduplicator(options: DedupeOptions(), stateDirectory: other, restoring: ["bogus/1": Data([1])]) }
    }
}
