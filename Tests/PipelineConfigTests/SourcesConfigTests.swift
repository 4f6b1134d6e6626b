import Foundation
import PipelineConfig
import Testing

@Suite("pipelines.yaml sources")
struct SourcesConfigTests {
    static let base = """
        kafka: { bootstrap: localhost:9092 }
        topics:
          articles.raw: {}
          articles.out: {}
          other.raw: {}
          other.out: {}
        pipelines:
          wire:
            stages:
              - { name: normalize, worker: wire-normalize, input: articles.raw, output: articles.out }
          other:
            stages:
              - { name: normalize, worker: wire-normalize, input: other.raw, output: other.out }

        """

    @Test("drop directories and feeds decode with their defaults and topics")
    func valid() throws {
        let config = try PipelineConfigLoader.parse(Self.base + """
            sources:
              afp:
                directory: /srv/drop/afp
              reuters:
                directory: /srv/drop/reuters
                done: /srv/archive/reuters
                poll_seconds: 0.5
                ignore: ["*.partial"]
                pipeline: other
                format: newsml-g2
              bbc:
                url: https://feeds.example.com/news/rss.xml
                interval_seconds: 120
                headers: { Authorization: Bearer x }
                topic: other.raw
                checkpoint_days: 7
            """)
        #expect(config.sources.map(\.name) == ["afp", "reuters", "bbc"])
        let afp = try #require(config.source(named: "afp"))
        #expect(afp.topic == "articles.raw" && afp.format == nil && afp.checkpointDays == 30)
        #expect(afp.origin == .directory(DropDirectorySettings(
            directory: "/srv/drop/afp", done: "/srv/drop/afp/done", failed: "/srv/drop/afp/failed", pollSeconds: 5,
            ignore: DropDirectorySettings.defaultIgnore)))
        let reuters = try #require(config.source(named: "reuters"))
        #expect(reuters.topic == "other.raw" && reuters.format == "newsml-g2")
        #expect(reuters.origin == .directory(DropDirectorySettings(
            directory: "/srv/drop/reuters", done: "/srv/archive/reuters", failed: "/srv/drop/reuters/failed", pollSeconds: 0.5, ignore: ["*.partial"])))
        let bbc = try #require(config.source(named: "bbc"))
        #expect(bbc.topic == "other.raw" && bbc.checkpointDays == 7 && bbc.path == "sources.bbc")
        #expect(bbc.origin == .feed(FeedSettings(
            url: "https://feeds.example.com/news/rss.xml", intervalSeconds: 120, timeoutSeconds: 30, maxBackoffSeconds: 3600,
            headers: ["Authorization": "Bearer x"])))
    }

    @Test("a file without sources has none")
    func absent() throws {
        #expect(try PipelineConfigLoader.parse(Self.base).sources.isEmpty)
    }

    @Test("every problem is reported with its key path")
    func problems() {
        do {
            _ = try PipelineConfigLoader.parse(Self.base + """
                sources:
                  neither: { pipeline: wire }
                  both: { directory: /a, url: "https://x.example/feed" }
                  badurl: { url: "ftp://x.example/feed" }
                  mixed: { directory: /b, interval_seconds: 5 }
                  feedpoll: { url: "https://x.example/f", poll_seconds: 5 }
                  zero: { url: "https://x.example/g", interval_seconds: 0 }
                  nopipe: { directory: /c, pipeline: wier }
                  notopic: { directory: /d, topic: articles.rwa }
                  typo: { directory: /e, pol_seconds: 1 }
                  same: { directory: /e }
                  "bad name": { directory: /f }
                """)
            Issue.record("expected errors")
        } catch {
            let paths = Set(error.issues.map(\.path))
            for expected in [
                "sources.neither", "sources.both", "sources.badurl.url", "sources.mixed.interval_seconds", "sources.feedpoll.poll_seconds",
                "sources.zero.interval_seconds", "sources.nopipe.pipeline", "sources.notopic.topic", "sources.typo.pol_seconds",
                "sources.same.directory", "sources.bad name",
            ] {
                #expect(paths.contains(expected), "no issue for \(expected): \(error)")
            }
            let text = error.description
            #expect(text.contains("did you mean 'wire'") && text.contains("did you mean 'articles.raw'") && text.contains("did you mean 'poll_seconds'"))
            #expect(text.contains("already watched by sources.typo"))
        }
    }
}
