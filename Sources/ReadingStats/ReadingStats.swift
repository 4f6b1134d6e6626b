/// Word statistics and reading time of a text — the example of a stage added by deploying a new worker.
public struct ReadingStats: Sendable, Equatable {
    public var words: Int
    public var sentences: Int
    public var paragraphs: Int
    /// Minutes at 230 words per minute, rounded up; 0 for an empty text.
    public var readingMinutes: Int
    public var averageWordLength: Double

    public static let wordsPerMinute = 230

    public init(text: String) {
        var words = 0, letters = 0, sentences = 0, paragraphs = 0
        var inWord = false, lineHasText = false, newlines = 0
        for scalar in text.unicodeScalars {
            let isLetter = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            if isLetter {
                if !inWord { words += 1 }
                inWord = true
                letters += 1
            } else {
                inWord = false
            }
            if scalar == "\n" {
                newlines += 1
                if newlines == 2 && lineHasText { paragraphs += 1; lineHasText = false }
            } else if !scalar.properties.isWhitespace {
                newlines = 0
                lineHasText = true
            }
            if scalar == "." || scalar == "!" || scalar == "?" { sentences += 1 }
        }
        if lineHasText { paragraphs += 1 }
        self.words = words
        self.sentences = max(sentences, words > 0 ? 1 : 0)
        self.paragraphs = paragraphs
        self.readingMinutes = words == 0 ? 0 : (words + Self.wordsPerMinute - 1) / Self.wordsPerMinute
        self.averageWordLength = words == 0 ? 0 : (Double(letters) / Double(words) * 100).rounded() / 100
    }
}
