import Foundation
import Normalization

/// Single-core throughput of the normalize stage's logic on real pages (HTML files in a directory).
///
/// Every page is normalized once to warm up, then `passes` timed passes run over all pages on the calling
/// thread; each pass gives pages/s and MB/s (HTML bytes). Also timed: the HTML extractor alone.
public enum ExtractionBenchmark {
    /// Figures of one benchmark run.
    public struct Report: Sendable, CustomStringConvertible {
        public var pages: Int
        public var bytes: Int
        /// Seconds of each timed pass of `Normalizer.normalize`.
        public var normalizeSeconds: [Double]
        /// Seconds of each timed pass of `HTMLExtractor.extract` alone.
        public var extractSeconds: [Double]
        /// Pages the normalizer rejected (should be 0).
        public var rejected: Int

        func line(_ name: String, _ seconds: [Double]) -> String {
            let rates = seconds.map { Double(pages) / max($0, 1e-9) }
            let mbs = seconds.map { Double(bytes) / 1e6 / max($0, 1e-9) }
            return String(format: "%@  pages/s %.0f–%.0f   MB/s %.1f–%.1f", name, rates.min() ?? 0, rates.max() ?? 0, mbs.min() ?? 0, mbs.max() ?? 0)
        }

        public var description: String {
            [
                String(format: "%d pages, %.1f MB of HTML, %d timed passes, one core; rejected %d", pages, Double(bytes) / 1e6, normalizeSeconds.count, rejected),
                line("normalize (whole stage logic)", normalizeSeconds),
                line("extract   (HTML extractor)    ", extractSeconds),
            ].joined(separator: "\n")
        }
    }

    /// Reads every `*.html` file of `directory` (UTF-8, invalid bytes replaced), sorted by name.
    public static func loadPages(_ directory: URL) throws(ExtractionEvaluation.Failure) -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".html") }.sorted() } catch {
            throw .unreadable(directory.path, "\(error.localizedDescription)")
        }
        guard !names.isEmpty else { throw .unreadable(directory.path, "no .html files") }
        var pages: [String] = []
        for name in names {
            let url = directory.appendingPathComponent(name)
            do { pages.append(String(decoding: try Data(contentsOf: url), as: UTF8.self)) } catch {
                throw .unreadable(url.path, "\(error.localizedDescription)")
            }
        }
        return pages
    }

    /// Times `passes` passes over `pages`.
    public static func run(pages: [String], passes: Int, normalizer: Normalizer = Normalizer()) -> Report {
        let bytes = pages.reduce(0) { $0 + $1.utf8.count }
        var rejected = 0
        var words = 0
        for page in pages {
            if let n = try? normalizer.normalize(RawText(title: nil, body: page, isHTML: true)) { words &+= n.wordCount } else { rejected += 1 }
        }
        let clock = ContinuousClock()
        var normalizeSeconds: [Double] = []
        var extractSeconds: [Double] = []
        for _ in 0..<max(1, passes) {
            let start = clock.now
            for page in pages {
                if let n = try? normalizer.normalize(RawText(title: nil, body: page, isHTML: true)) { words &+= n.wordCount }
            }
            normalizeSeconds.append(seconds(clock.now - start))
            let start2 = clock.now
            for page in pages { words &+= HTMLExtractor.extract(page).paragraphs.count }
            extractSeconds.append(seconds(clock.now - start2))
        }
        // `words` keeps the work observable.
        if words == Int.min { print(words) }
        return Report(pages: pages.count, bytes: bytes, normalizeSeconds: normalizeSeconds, extractSeconds: extractSeconds, rejected: rejected)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
