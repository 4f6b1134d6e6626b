/// Feature hyper-parameters; stored in the model file so a model is self-describing.
struct FeatureConfig: Sendable, Equatable {
    /// Hashed feature space has 2^bucketBits buckets.
    var bucketBits: Int = 20
    /// Word bigrams besides unigrams (within title and within text).
    var wordBigrams: Bool = true
    /// A separate block of title unigrams/bigrams.
    var titleBlock: Bool = true
    /// Character n-gram lengths (within words, padded by a boundary mark); `charMax == 0` turns them off.
    var charMin: Int = 2
    var charMax: Int = 5
    /// Character n-grams come from the title and the first `charLeadBytes` bytes of the text.
    var charLeadBytes: Int = 600
    /// Only the first `textLeadBytes` bytes of the text (cut at a space) are read; 0 reads all of it.
    var textLeadBytes: Int = 0
    /// Light suffix stripping of word tokens.
    var stemming: Bool = true
    /// Digits fold to `0` so numbers share features by shape.
    var digitShapes: Bool = true
    /// Character n-grams come from whitespace-separated raw tokens (punctuation and digits kept, ASCII
    /// lower-cased) instead of the alphanumeric word tokens.
    var charRawTokens: Bool = false
    /// The word-vector block reads the title's words and the text's words that start within its first
    /// `wordVectorLeadBytes` bytes of word characters; 0 reads every word the other blocks read.
    var wordVectorLeadBytes: Int = 0

    static let blockCount = 3
    static let wordBlock = 0, titleBlockID = 1, charBlock = 2
}
