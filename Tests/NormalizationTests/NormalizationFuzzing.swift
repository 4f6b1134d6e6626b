@testable import Normalization

/// Entry point for fuzzers (a libFuzzer target built with `-sanitize=fuzzer` calls this from
/// `LLVMFuzzerTestOneInput`, property tests call it with random bytes).
enum NormalizationFuzzing {
    /// Normalizes `bytes` as plain text and as HTML (title and feed date taken from the same bytes) and
    /// traps if an invariant breaks: spans inside the text, non-empty text, confidence in 0...1, 64-hex hash.
    static func check(_ bytes: [UInt8]) {
        let body = TextDecoding.decode(bytes)
        let normalizer = Normalizer()
        for html in [false, true] {
            let raw = RawText(title: bytes.count % 2 == 0 ? nil : body, body: body, isHTML: html, publishedAt: bytes.count % 3 == 0 ? body : nil)
            guard let n = try? normalizer.normalize(raw) else { continue }
            let count = n.text.unicodeScalars.count
            precondition(count > 0, "empty text returned")
            for span in n.paragraphs + n.sentences {
                precondition(span.start >= 0 && span.start < span.end && span.end <= count, "span \(span) outside text of \(count)")
            }
            precondition(n.languageConfidence >= 0 && n.languageConfidence <= 1, "confidence out of range")
            precondition(n.contentHash.utf8.count == 64, "bad hash")
        }
    }
}
