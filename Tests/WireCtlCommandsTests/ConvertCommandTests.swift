import ArticleSchema
import Foundation
import Testing
import WirestreamTestSupport

/// `wirectl convert`: wire files to JSONL with no broker; unreadable files reported, the others go on; tombstones
/// pass the stages.
@Suite struct ConvertCommandTests {
    static let story = """
        <?xml version="1.0" encoding="UTF-8"?>
        <newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:test:story" version="2" xml:lang="en">
          <itemMeta><itemClass qcode="ninat:text"/><firstCreated>2024-05-02T08:00:00Z</firstCreated><versionCreated>2024-05-02T09:00:00Z</versionCreated></itemMeta>
          <contentMeta><headline>Harbour reopens after storm</headline></contentMeta>
          <contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>
            <p>LISBON (Wire) - The harbour of Lisbon reopened on Thursday after a storm closed it for two days, port officials said.</p>
            <p>Ships queued outside the port overnight and the first ferries left at dawn, the Portuguese port authority said.</p>
          </body></html></inlineXML></contentSet>
        </newsItem>
        """
    static let kill = """
        <newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:test:story" version="3">
          <itemMeta><itemClass qcode="ninat:text"/><pubStatus qcode="stat:canceled"/></itemMeta>
          <contentMeta><headline>Harbour reopens after storm</headline></contentMeta>
        </newsItem>
        """

    func temporaryFiles(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wirestream-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, content) in files { try content.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test("convert prints one record per story; an unreadable file is named on stderr, the others go on, exit 1")
    func convertGoesOnAfterABadFile() throws {
        let dir = try temporaryFiles(["a.xml": Self.story, "broken.dat": "just some words", "b.xml": Self.kill])
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Tool.run("wirectl", ["convert", dir.appendingPathComponent("a.xml").path, dir.appendingPathComponent("broken.dat").path, dir.appendingPathComponent("b.xml").path])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try ArticleCodec.decode(String(lines[0]))
        #expect(first.id == "urn:test:story" && first.title == "Harbour reopens after storm" && first.contentType == .html)
        #expect(first.publishedAt == "2024-05-02T08:00:00Z" && first.version == "2" && first.language == "en")
        let second = try ArticleCodec.decode(String(lines[1]))
        #expect(second.isDeleted && second.id == first.id && second.version == "3")
        #expect(r.stderr.contains("broken.dat: not a wire format"))
        #expect(r.stderr.contains("1 of 3 files could not be read"))

        let bad = try Tool.run("wirectl", ["convert", "--format", "nope", dir.appendingPathComponent("a.xml").path])
        #expect(bad.status == 2)
    }

    @Test("a story and its tombstone go through every stage; the tombstone is passed on untouched, not dead-lettered")
    func tombstonePassesTheStages() throws {
        let dir = try temporaryFiles(["a.xml": Self.story, "b.xml": Self.kill])
        defer { try? FileManager.default.removeItem(at: dir) }
        let converted = try Tool.run("wirectl", ["convert", dir.appendingPathComponent("a.xml").path, dir.appendingPathComponent("b.xml").path])
        #expect(converted.status == 0)
        let processed = try Tool.run("wirectl", ["process"], stdin: converted.stdout)
        #expect(processed.status == 0, "\(processed.stderr)")
        let records = try processed.stdout.split(separator: "\n").map { try ArticleCodec.decode(String($0)) }
        #expect(records.count == 2)
        #expect(records.first?.normalized?.text.hasPrefix("The harbour of Lisbon reopened") == true)
        #expect(records.first?.normalized?.dateline == "LISBON")
        let tombstone = try #require(records.last)
        #expect(tombstone.isDeleted && tombstone.normalized == nil && tombstone.dedupe == nil)
        #expect(tombstone.lineage.map(\.stage) == ["normalize", "entities", "classify", "dedupe"])
    }
}
