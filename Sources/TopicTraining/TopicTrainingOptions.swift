import TopicClassification

/// Hyper-parameters of `TopicTraining.train`. The defaults are the shipped recipe, chosen on the development split
/// of AG News (see Sources/TopicClassification/MODEL.md); NB prior, multinomial NB member and word-vector block are
/// off by default (they helped on 5,700 rows, not on 69,480) but stay available.
public struct TopicTrainingOptions: Sendable, Equatable {
    /// Hashed feature space size is 2^bucketBits.
    public var bucketBits = 20
    /// Word bigrams besides unigrams.
    public var wordBigrams = true
    /// Separate title-word block.
    public var titleBlock = true
    /// Character n-gram range inside words (charMax 0 turns them off).
    public var charMin = 2
    public var charMax = 5
    /// Character n-grams cover the title and this many leading bytes of the text.
    public var charLeadBytes = 500
    /// Features come from the title and the first this many bytes of the text, cut back to a space (0 reads the
    /// whole text). News puts the topic in the lead; this bounds the cost of long articles.
    public var textLeadBytes = 1_000
    /// Light suffix stripping of words.
    public var stemming = true
    /// Fold digits to one shape.
    public var digitShapes = true
    /// Character n-grams of whitespace-separated raw tokens (keeps `$`, `%`, `u.s.`, digits) rather than of the
    /// alphanumeric word tokens.
    public var charRawTokens = true
    /// Buckets seen in fewer training rows than this are dropped (1 keeps every bucket).
    public var minDocumentFrequency = 1
    /// Weights of the L2-normalised blocks: words, title words, character n-grams.
    public var blockScale: [Float] = [1, 0.5, 1]
    /// SVM cost (larger fits the training data harder).
    public var cost = 0.3
    /// Naive Bayes log-ratio smoothing (0 disables NB weighting).
    public var nbAlpha: Float = 1
    /// Adds `nbPrior` times the NB log-count ratios to the SVM weights (a generative prior that helps on small data).
    public var nbPrior: Float = 0
    /// Weight of a multinomial naive Bayes model (class-centred log-probabilities of the TF-IDF feature
    /// values, smoothing `mnbAlpha`) added to the SVM weights; 0 disables it.
    public var mnbWeight: Float = 0
    public var mnbAlpha: Float = 0.1
    /// Dual coordinate descent limits.
    public var maxEpochs = 15
    public var tolerance = 0.1
    /// The softmax temperature is fitted on one of this many stratified folds, scored by a model trained on the
    /// rest (0 keeps temperature 1).
    public var calibrationFolds = 3
    /// On data sets larger than this, the temperature is fitted on a label-stratified sample of this many rows
    /// (0 uses every row); keeps training on large data fast. Smaller data sets are unaffected.
    public var calibrationMaxRows = 30_000
    /// Weight of the dense block: the L2-normalised mean of the pretrained vectors (`WordVectors.bundled()`, or the
    /// table given to `TopicTraining.train`) of the title's and lead's words, trained jointly with the sparse
    /// features (not NB-scaled); 0 disables it.
    public var wordVectorScale: Float = 0
    /// The dense block reads the title's words and the text's words that start within its first this many bytes
    /// of word characters (letters and digits; 200 is about 240 bytes of text). 0: every word the other blocks
    /// read.
    public var wordVectorLeadBytes = 200

    public init() {}

    var features: FeatureConfig {
        var config = FeatureConfig()
        config.bucketBits = bucketBits
        config.wordBigrams = wordBigrams
        config.titleBlock = titleBlock
        config.charMin = charMin
        config.charMax = charMax
        config.charLeadBytes = charLeadBytes
        config.textLeadBytes = textLeadBytes
        config.stemming = stemming
        config.digitShapes = digitShapes
        config.charRawTokens = charRawTokens
        config.wordVectorLeadBytes = wordVectorLeadBytes
        return config
    }
}
