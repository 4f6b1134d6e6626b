import Foundation

/// Speed figures: training time on the pool and on 120,000 rows (the pool repeated), and
/// single-core classification throughput on ~2 KB articles. Run it in a release build.
public enum TopicBenchmark {
    /// CPU time of the calling thread, so the per-core figure does not depend on other load.
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Default location of the AG News pool relative to the working directory.
    public static let defaultCSV = "../shared/data/ag_news/train.csv"

    /// Runs the benchmark on `defaultCSV` (or `shared/data/ag_news/train.csv` from the repo's parent).
    public static func run(log: (String) -> Void) throws {
        let candidates = [defaultCSV, "shared/data/ag_news/train.csv", "../../shared/data/ag_news/train.csv"]
        let path = candidates.first { FileManager.default.fileExists(atPath: $0) } ?? defaultCSV
        try run(csv: URL(fileURLWithPath: path), log: log)
    }

    /// Runs the benchmark on the labelled rows in `csv`.
    /// `model` nil trains one on `csv` (timed); otherwise that model file is used for the speed run.
    public static func run(csv: URL, model modelURL: URL? = nil, articles: Int = 20_000, trainingRows: Int = 120_000,
                           log: (String) -> Void) throws {
        let rows = try TopicDataset.load(csv)
        var t = Date()
        let classifier: TopicClassifier
        if let modelURL {
            classifier = try TopicClassifier(modelAt: modelURL)
        } else {
            classifier = try TopicTraining.train(rows, seed: TopicRecipe.seed) { _ in }.classifier
            log(String(format: "train on %d rows: %.2f s", rows.count, Date().timeIntervalSince(t)))
        }

        // ~2 KB articles: consecutive descriptions glued together.
        var docs: [(String, String)] = []
        var i = 0
        while docs.count < min(articles, 2_000) {
            let title = rows[i % rows.count].title
            var body = ""
            while body.utf8.count < 2_000 {
                body += rows[i % rows.count].text + " "
                i += 1
            }
            docs.append((title, body))
        }
        let bytes = docs.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count }
        let extractor = FeatureExtractor(config: classifier.parameters.config, wordVectors: classifier.wordVectors)
        var features = 0
        for d in docs.prefix(100) {
            extractor.extract(title: d.0, text: d.1)
            features += extractor.keys.count
        }
        log("distinct features per article: \(features / min(100, docs.count))")
        var c0 = threadCPUSeconds()
        for n in 0..<articles {
            let d = docs[n % docs.count]
            extractor.extract(title: d.0, text: d.1)
            features += extractor.keys.count
        }
        log(String(format: "  feature extraction alone: %.0f articles/s (thread CPU time)", Double(articles) / (threadCPUSeconds() - c0)))
        var sink = 0.0
        for d in docs.prefix(200) { sink += classifier.classify(title: d.0, text: d.1)[0].score }  // warm-up
        t = Date()
        c0 = threadCPUSeconds()
        for n in 0..<articles {
            let d = docs[n % docs.count]
            sink += classifier.classify(title: d.0, text: d.1)[0].score
        }
        let elapsed = threadCPUSeconds() - c0
        log(String(format: "  (wall clock %.3f s)", Date().timeIntervalSince(t)))
        log(String(format: "classify %d articles of %.0f bytes on one core: %.3f s thread CPU, %.0f articles/s, %.1f MB/s (checksum %.1f)",
                   articles, Double(bytes) / Double(docs.count), elapsed, Double(articles) / elapsed,
                   Double(articles) * Double(bytes) / Double(docs.count) / elapsed / 1e6, sink))

        guard trainingRows > 0 else { return }
        var big: [LabeledText] = []
        big.reserveCapacity(trainingRows)
        while big.count < trainingRows { big.append(rows[big.count % rows.count]) }
        t = Date()
        let c1 = threadCPUSeconds()
        _ = try TopicTraining.train(big, seed: TopicRecipe.seed, log: log)
        log(String(format: "train on %d rows (pool repeated): %.2f s wall clock, %.2f s thread CPU",
                   big.count, Date().timeIntervalSince(t), threadCPUSeconds() - c1))
    }
}
