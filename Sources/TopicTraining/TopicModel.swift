import Foundation
import TopicClassification

/// A freshly trained model: usable at once through `classifier`, and writable as a model file.
public struct TopicModel: Sendable {
    /// The trained classifier (weights exactly as written by `write(to:)`, i.e. already quantised).
    public var classifier: TopicClassifier

    init(parameters: ModelParameters, wordVectors: WordVectors?) throws {
        // Round-trip through the file encoding so in-memory and shipped models score identically.
        classifier = try TopicClassifier(parameters: try ModelFile.decode(ModelFile.encode(parameters)), wordVectors: wordVectors)
    }

    /// Writes the compact binary model file (loadable by `TopicClassifier(modelAt:)`).
    public func write(to url: URL) throws {
        try ModelFile.encode(classifier.parameters).write(to: url, options: .atomic)
    }
}
