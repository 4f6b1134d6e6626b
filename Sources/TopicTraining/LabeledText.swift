import TopicClassification

/// One labelled training or evaluation item.
public struct LabeledText: Sendable, Equatable {
    public var label: String
    public var title: String
    public var text: String

    public init(label: String, title: String, text: String) {
        self.label = label
        self.title = title
        self.text = text
    }
}
