import StageKit

/// The four stages Wirestream ships, by kind: `normalize`, `entities`, `classify`, `dedupe`.
public enum StandardStages {
    public static let kinds = ["normalize", "entities", "classify", "dedupe"]

    /// Builds the stage of `kind` from its parameters. Throws ``StageConfigurationError`` for bad parameters.
    public static func make(kind: String, parameters: StageParameters, context: StageContext?) throws -> any Stage {
        switch kind {
        case "normalize": return try NormalizeStage(parameters: parameters)
        case "entities": return try EntitiesStage(parameters: parameters)
        case "classify": return try ClassifyStage(parameters: parameters)
        case "dedupe": return try DedupeStage(parameters: parameters, context: context)
        default:
            let hint = Suggestion.closest(to: kind, in: kinds).map { " (did you mean '\($0)'?)" } ?? ""
            throw StageConfigurationError(path: "stages", message: "unknown stage '\(kind)'\(hint); known: \(kinds.joined(separator: ", "))")
        }
    }
}
