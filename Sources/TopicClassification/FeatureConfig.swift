/// Feature hyper-parameters; stored in the model file so a model is self-describing.
package struct FeatureConfig: Sendable, Equatable {
    /// Hashed feature space has 2^bucketBits buckets.
    package var bucketBits: Int = 20
    /// Word bigrams besides unigrams (within title and within text).
    package var wordBigrams: Bool = true
    /// A separate block of title unigrams/bigrams.
    package var titleBlock: Bool = true
    /// Character n-gram lengths (within words, padded by a boundary mark); `charMax == 0` turns them off.
    package var charMin: Int = 2
    package var charMax: Int = 5
    /// Character n-grams come from the title and the first `charLeadBytes` bytes of the text.
    package var charLeadBytes: Int = 600
    /// Only the first `textLeadBytes` bytes of the text (cut at a space) are read; 0 reads all of it.
    package var textLeadBytes: Int = 0
    /// Light suffix stripping of word tokens.
    package var stemming: Bool = true
    /// Digits fold to `0` so numbers share features by shape.
    package var digitShapes: Bool = true
    /// Character n-grams come from whitespace-separated raw tokens (punctuation and digits kept, ASCII
    /// lower-cased) instead of the alphanumeric word tokens.
    package var charRawTokens: Bool = false
    /// The word-vector block reads the title's words and the text's words that start within its first
    /// `wordVectorLeadBytes` bytes of word characters; 0 reads every word the other blocks read.
    package var wordVectorLeadBytes: Int = 0

    package init() {}

    package static let blockCount = 3
    package static let wordBlock = 0, titleBlockID = 1, charBlock = 2
}
