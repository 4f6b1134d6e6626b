import Foundation

/// A self-contained throughput benchmark of `Normalizer` on generated articles (~3 KB wire texts and
/// ~50 KB HTML pages, built from the project's own sample text). Run it in a release build.
public enum NormalizationBenchmark {
    /// A generated wire text of roughly `bytes` UTF-8 bytes (`variant` changes the content).
    public static func wireArticle(bytes: Int = 3000, variant: Int = 0) -> String {
        let english = LanguageSamples.texts.first(where: { $0.0 == "en" })?.1 ?? "The text."
        let sentences = english.split(separator: ".").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var body = "LONDON, Aug \(1 + variant % 28), 2026 (Reuters) - "
        var i = variant
        var paragraphLength = 0
        while body.utf8.count < bytes {
            body += sentences[i % sentences.count] + ". "
            paragraphLength += 1
            if paragraphLength == 3 { body += "\n\n"; paragraphLength = 0 }
            i += 1
        }
        return body + "\n\n(Reporting by Jane Doe; Editing by John Roe)\n"
    }

    /// A generated HTML page of roughly `bytes` bytes with navigation, scripts, ads and an article.
    public static func htmlPage(bytes: Int = 50_000, variant: Int = 0) -> String {
        var page = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Story \(variant) | Example News</title>
        <meta property="og:title" content="Story \(variant) &amp; more"><meta property="article:published_time" content="2026-02-05T07:37:00Z">
        <meta name="author" content="Jane Doe"><script>var x = "<p>not text</p>"; for (var i = 0; i < 10; i++) {}</script>
        <style>body { color: red }</style></head><body><header class="site-header"><nav><ul>
        """
        for n in 0..<40 { page += "<li><a href=\"/s/\(n)\">Section \(n)</a></li>" }
        page += "</ul></nav></header><main><article><h1>Story \(variant) &amp; more</h1><div class=\"article-body\">"
        var k = 0
        while page.utf8.count < bytes * 7 / 10 {
            page += "<p>" + wireArticle(bytes: 600, variant: variant + k).replacingOccurrences(of: "\n\n", with: "</p>\n<p>") + "</p>\n"
            if k % 3 == 0 { page += "<div class=\"ad-slot\"><script>ad()</script>Advertisement</div>" }
            k += 1
        }
        page += "</div></article><aside class=\"related\"><ul>"
        while page.utf8.count < bytes { page += "<li><a href=\"/r\">Related story with a longish headline number \(k)</a></li>"; k += 1 }
        page += "</ul></aside><footer>&copy; 2026 Example</footer></body></html>"
        return page
    }

    /// CPU time used by the calling thread (robust to other load on the machine).
    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Normalizes `articles` plain-text and `articles / 10` HTML articles; returns a one-paragraph report.
    public static func run(articles: Int) -> String {
        let plain = (0..<min(articles, 200)).map { wireArticle(bytes: 3000, variant: $0) }
        let pages = (0..<max(1, min(articles / 10, 50))).map { htmlPage(bytes: 50_000, variant: $0) }
        let normalizer = Normalizer()
        func measure(_ inputs: [String], html: Bool, count: Int) -> (perSecond: Double, mbPerSecond: Double) {
            var bytes = 0
            let start = cpuSeconds()
            for i in 0..<count {
                let body = inputs[i % inputs.count]
                bytes += body.utf8.count
                _ = try? normalizer.normalize(RawText(title: nil, body: body, isHTML: html))
            }
            let seconds = max(1e-9, cpuSeconds() - start)
            return (Double(count) / seconds, Double(bytes) / 1e6 / seconds)
        }
        let p = measure(plain, html: false, count: articles)
        let h = measure(pages, html: true, count: max(1, articles / 10))
        return String(
            format: "CPU time of one thread: plain ~3 KB: %.0f articles/s, %.1f MB/s; HTML ~50 KB: %.0f pages/s, %.1f MB/s (one core)",
            p.perSecond, p.mbPerSecond, h.perSecond, h.mbPerSecond)
    }

    /// Worst-case inputs: a 10 MB plain body, a 10 MB HTML page, 100,000 nested elements and 1 MB of
    /// unterminated markup; returns the CPU seconds each took (all must stay linear and finish).
    public static func stress() -> String {
        let normalizer = Normalizer()
        var lines: [String] = []
        func time(_ label: String, _ raw: RawText) {
            let start = cpuSeconds()
            let result = Result { try normalizer.normalize(raw) }
            let words = (try? result.get())?.wordCount ?? -1
            lines.append(String(format: "%@: %.2f s CPU (words %d)", label, cpuSeconds() - start, words))
        }
        var plain = ""
        var v = 0
        while plain.utf8.count < 10_000_000 { plain += wireArticle(bytes: 3000, variant: v) + "\n\n"; v += 1 }
        time("plain 10 MB", RawText(title: "T", body: plain, isHTML: false))
        let page = htmlPage(bytes: 10_000_000, variant: 1)
        time("HTML 10 MB", RawText(title: nil, body: page, isHTML: true))
        let nested = String(repeating: "<div><span>", count: 100_000) + "<p>Deep.</p>" + String(repeating: "</span></div>", count: 100_000)
        time("100k nested", RawText(title: "T", body: nested, isHTML: true))
        let junk = "<p>" + String(repeating: "<a href=\"x &amp", count: 70_000)
        time("1 MB unterminated", RawText(title: "T", body: junk, isHTML: true))
        return lines.joined(separator: "\n")
    }
}
