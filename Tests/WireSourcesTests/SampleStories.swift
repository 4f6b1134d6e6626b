import Foundation

/// Small wire files written for these tests (never agency files).
enum SampleStories {
    /// An RSS 2.0 feed; each item is (guid, title, text).
    static func rss(_ items: [(guid: String, title: String, text: String)]) -> String {
        let body = items.map { item in
            """
            <item><title>\(item.title)</title><link>https://feeds.example.test/\(item.guid)</link><guid isPermaLink="false">\(item.guid)</guid>
            <pubDate>Mon, 07 Dec 2026 09:00:00 GMT</pubDate><description>\(item.text)</description></item>
            """
        }.joined(separator: "\n")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Example Test Feed</title><language>en</language>
            \(body)
            </channel></rss>
            """
    }

    /// A NewsML-G2 newsMessage with one text item per (guid, version, headline).
    static func newsML(_ items: [(guid: String, version: Int, headline: String)]) -> String {
        let body = items.map { item in
            """
            <newsItem guid="\(item.guid)" version="\(item.version)" standard="NewsML-G2" xml:lang="en">
              <itemMeta><itemClass qcode="ninat:text"/><provider qcode="nprov:TST"><name>Test Wire</name></provider>
                <versionCreated>2026-12-07T10:0\(item.version):00Z</versionCreated><firstCreated>2026-12-07T10:00:00Z</firstCreated></itemMeta>
              <contentMeta><headline>\(item.headline)</headline></contentMeta>
              <contentSet><inlineXML contenttype="application/xhtml+xml"><html xmlns="http://www.w3.org/1999/xhtml"><body>
                <p>LONDON (Test Wire) - \(item.headline), version \(item.version) of the story.</p></body></html></inlineXML></contentSet>
            </newsItem>
            """
        }.joined(separator: "\n")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header><sender>test.example</sender></header><itemSet>
            \(body)
            </itemSet></newsMessage>
            """
    }

    /// Bytes no wire reader accepts.
    static let unreadable = "this is not a wire file, just a note someone dropped in the folder\n"
}
