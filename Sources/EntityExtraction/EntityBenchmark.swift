import Foundation

/// In-process throughput of `EntityRecognizer.recognize` over raw texts (for `wirectl` benchmarks).
public enum EntityBenchmark {
    /// Throughput figures of one benchmark run.
    public struct Result: Sendable, CustomStringConvertible {
        public var documents: Int
        /// Tokens as the recognizer's own tokenizer counts them.
        public var tokens: Int
        public var entities: Int
        public var seconds: Double
        public var tokensPerSecond: Double { seconds > 0 ? Double(tokens) / seconds : 0 }
        public var documentsPerSecond: Double { seconds > 0 ? Double(documents) / seconds : 0 }

        public var description: String {
            String(format: "%d documents, %d tokens, %d entities in %.3f s: %.0f tokens/s, %.0f documents/s",
                   documents, tokens, entities, seconds, tokensPerSecond, documentsPerSecond)
        }
    }

    /// Runs `recognize` over every text `repeats` times on the calling thread.
    public static func run(texts: [String], recognizer: EntityRecognizer, repeats: Int = 1) -> Result {
        var tokens = 0
        for t in texts { tokens += Tokenizer.tokenize(t).count }
        let clock = ContinuousClock()
        var entities = 0
        let elapsed = clock.measure {
            for _ in 0..<max(1, repeats) {
                for t in texts { entities += recognizer.recognize(t).count }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let r = max(1, repeats)
        return Result(documents: texts.count * r, tokens: tokens * r, entities: entities, seconds: seconds)
    }
}
