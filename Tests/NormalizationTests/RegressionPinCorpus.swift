import Foundation
import SeededRandom
import SampleTexts

/// Inputs whose normalized output is pinned by `OutputRegressionPins` (recorded before the byte-level
/// rewrite of the hot path): the bench corpus as plain text and wrapped in HTML, the feed samples, the
/// seed article and seeded random mixtures of awkward fragments (entities, dates, scripts, white space).
enum RegressionPinCorpus {
    struct Input {
        var title: String?
        var body: String
        var isHTML: Bool
        var publishedAt: String?
        var source: String?
    }

    /// A plain body wrapped as a small article page (`<h1>`, one `<p>` per paragraph, some furniture).
    static func htmlWrapped(title: String, body: String) -> String {
        var page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(escape(title)) | Bench News</title>"
        page += "<meta property=\"article:published_time\" content=\"2026-02-05T07:37:00Z\"></head><body>"
        page += "<nav class=\"menu\"><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>\(escape(title))</h1>"
        for paragraph in body.components(separatedBy: "\n\n") where !paragraph.isEmpty {
            page += "<p>" + escape(paragraph) + "</p>\n"
        }
        page += "<div class=\"share\">Share</div></article><footer>&copy; 2026 Bench News</footer></body></html>"
        return page
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "'", with: "&#8217;")
    }

    /// Fragments mixed by `randomInputs`.
    static let fragments: [String] = [
        "LONDON, Aug 30 (Reuters) - ", "NEW YORK (AP) — ", "PARIS, 5 févr (AFP) - ", "MADRID, 5 feb (EFE).- ", "МОСКВА, 5 февраля. /ТАСС/. ",
        "新华社北京2月5日电 ", "BANGKOK\n\n", "By Jane Doe\n", "By JANE DOE and John Roe, Reuters\n", "Nazrin Abdul Read more\n",
        "(Updates with details, quotes)\n", "Published: 5 February 2026 11:37 (UTC+04:00)\n", "2026-02-05T07:37:00+04:00\n",
        "Thu, 05 Feb 2026 11:37:00 +0400", "February 5, 2026 at 11:37 a.m. EST", "5 de febrero de 2026", "05.02.2026 11:37",
        "The minister said on Tuesday that prices rose 3.5 percent. ", "Mr. Smith met Dr. Jones in the U.S. on Jan. 5. ",
        "He said: \"We will win.\" ", "J. R. R. Tolkien wrote books. ", "Shares fell 2.3% to $45.6 billion. ", "It was—finally—over… ",
        "\u{201C}Quoted,\u{201D} she said. ", "l\u{2019}économie française a progressé de 0,5 % au troisième trimestre. ",
        "Die Regierung hat am Dienstag beschlossen, die Steuern zu senken. ", "El gobierno anunció el martes nuevas medidas. ",
        "Il governo ha annunciato martedì nuove misure. ", "O governo anunciou na terça-feira novas medidas. ",
        "De regering heeft dinsdag nieuwe maatregelen aangekondigd. ", "Hükümet salı günü yeni önlemler açıkladı. ",
        "Правительство объявило во вторник о новых мерах. ", "أعلنت الحكومة يوم الثلاثاء عن إجراءات جديدة. ", "政府周二宣布了新的措施。",
        "日本政府は火曜日に新しい対策を発表した。", "정부는 화요일 새로운 조치를 발표했다. ", "Η κυβέρνηση ανακοίνωσε νέα μέτρα. ",
        "Cafe\u{0301} au lait, nai\u{0308}ve. ", "e\u{0301}\u{0327}", "Ａｂｃ１２３ ", "ﬁnance ﬂow ", "soft\u{00AD}hyphen ", "zero\u{200B}width ",
        "nbsp\u{00A0}space ", "thin\u{2009}space ", "tab\tseparated ", "line\u{2028}separator ", "para\u{2029}separator ",
        "\r\n", "\n", "\n\n", "\n\n\n", "   ", "\u{FEFF}", "\u{200E}", "\u{FFFD}\u{FFFD}", "emoji 👍🏽 👨‍👩‍👧 ", "&amp; &lt; &#8217; &#x2014; &nbsp; &copy ",
        "&ampx &bogus; &#0; &#x110000; ", "<p>tag</p> ", "<b>bold</b> ", "Read more", "Advertisement", "Share this article",
        "(Reporting by Jane Doe in London; Editing by John Roe)", "© 2026 Example. All rights reserved.",
        "Terms of use. Privacy policy. Subscribe to our newsletter.", ", Azernews reports, citing foreign media.",
        "Headline Without Period\n\n", "ALL CAPS HEADLINE HERE\n\n", "a", "1.", "No. 5 ", "e.g. this ", "U.S.A. ", "3. Oktober ",
        "— dash — ", "-- double -- ", "“smart” ‘quotes’ «guillemets» ", "…", "!?", "。", "）", "(", "\"", "'",
    ]

    /// Seeded random mixtures of `fragments` (plain and HTML, with and without title and feed date).
    static func randomInputs(count: Int, seed: UInt64) -> [Input] {
        var rng = SplitMix64(seed: seed)
        var out: [Input] = []
        for i in 0..<count {
            var body = ""
            let parts = 1 + rng.below(40)
            for _ in 0..<parts { body += fragments[rng.below(fragments.count)] }
            let title: String? = rng.below(3) == 0 ? fragments[rng.below(fragments.count)] : nil
            let date: String? = rng.below(4) == 0 ? ["2026-02-05T07:37:00Z", "1770277020", "Thu, 05 Feb 2026 11:37:00 +0400", "junk"][rng.below(4)] : nil
            let html = i % 3 == 2
            if html { body = "<html><body><article><p>" + body.replacingOccurrences(of: "\n\n", with: "</p><p>") + "</p></article></body></html>" }
            out.append(Input(title: title, body: body, isHTML: html && rng.below(5) != 0, publishedAt: date, source: nil))
        }
        return out
    }

    /// The pinned input sets by name, reading the sample files from the `Golden` directory `dir`.
    static func sets(golden dir: URL) -> [(name: String, inputs: [Input])] {
        var result: [(name: String, inputs: [Input])] = []
        // The golden corpus with its manifest's titles and feed dates.
        var golden: [Input] = []
        if let data = try? Data(contentsOf: dir.appendingPathComponent("manifest.json")),
           let manifest = (try? JSONSerialization.jsonObject(with: data)) as? [String: [String: Any]] {
            for name in manifest.keys.sorted() {
                guard let bytes = try? Data(contentsOf: dir.appendingPathComponent(name)) else { continue }
                let entry = manifest[name] ?? [:]
                golden.append(Input(
                    title: entry["title"] as? String, body: String(decoding: bytes, as: UTF8.self), isHTML: name.hasSuffix(".html"),
                    publishedAt: entry["publishedAt"] as? String, source: nil))
            }
        }
        result.append(("golden", golden))
        // The seed article as the command line sends it (no title, no date) and with a title.
        if let seed = try? String(contentsOf: dir.appendingPathComponent("seed-article.txt"), encoding: .utf8) {
            result.append(("seed", [
                Input(title: nil, body: seed, isHTML: false, publishedAt: nil, source: "azernews"),
                Input(title: "Seed", body: seed, isHTML: false, publishedAt: "2026-02-05T07:37:00Z", source: nil),
            ]))
        }
        // Feed samples.
        var wire: [Input] = []
        if let text = try? String(contentsOf: dir.appendingPathComponent("stability/wire.jsonl"), encoding: .utf8) {
            for line in text.split(separator: "\n") {
                guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                      let body = object["body"] as? String else { continue }
                wire.append(Input(
                    title: object["title"] as? String, body: body, isHTML: (object["content_type"] as? String) == "text/html",
                    publishedAt: object["published_at"] as? String, source: object["source"] as? String))
            }
        }
        result.append(("wire", wire))
        if let page = try? String(contentsOf: dir.appendingPathComponent("stability/page.html"), encoding: .utf8) {
            result.append(("page", [
                Input(title: nil, body: page, isHTML: true, publishedAt: nil, source: nil),
                Input(title: nil, body: page, isHTML: false, publishedAt: "2026-03-10T06:00:00Z", source: nil),
            ]))
        }
        let bench = WireSampleTexts.articles(count: 200)
        result.append(("bench-plain", bench.map { Input(title: $0.title, body: $0.body, isHTML: false, publishedAt: nil, source: "bench") }))
        result.append(("bench-html", bench.map { Input(title: nil, body: htmlWrapped(title: $0.title, body: $0.body), isHTML: true, publishedAt: nil, source: "bench") }))
        result.append(("random", randomInputs(count: 600, seed: 7)))
        return result
    }

    /// One line per output field; spans as `start-end`.
    static func serialize(
        title: String, text: String, language: String, confidence: Double, publishedAt: String?, byline: String?,
        dateline: String?, credit: String?, wordCount: Int, contentHash: String, paragraphs: [(Int, Int)], sentences: [(Int, Int)]
    ) -> String {
        var s = "title=\(title)\ntext=\(text)\nlanguage=\(language) \(confidence)\npublished=\(publishedAt ?? "-")\n"
        s += "byline=\(byline ?? "-")\ndateline=\(dateline ?? "-")\ncredit=\(credit ?? "-")\nwords=\(wordCount)\nhash=\(contentHash)\n"
        s += "paragraphs=" + paragraphs.map { "\($0.0)-\($0.1)" }.joined(separator: ",") + "\n"
        s += "sentences=" + sentences.map { "\($0.0)-\($0.1)" }.joined(separator: ",") + "\n"
        return s
    }
}
