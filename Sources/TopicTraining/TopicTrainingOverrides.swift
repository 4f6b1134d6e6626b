import Foundation

/// A `--set NAME=VALUE` assignment that does not name a hyper-parameter or whose value does not parse.
public struct TopicOptionError: Error, CustomStringConvertible, Sendable, Equatable {
    public var assignment: String
    public var reason: String

    public var description: String {
        "cannot apply '\(assignment)': \(reason); settable: \(TopicTrainingOptions.settableNames.joined(separator: ", "))"
    }
}

extension TopicTrainingOptions {
    /// Names accepted by `set(_:)`.
    public static let settableNames = [
        "bucketBits", "wordBigrams", "titleBlock", "charMin", "charMax", "charLeadBytes", "textLeadBytes",
        "minDocumentFrequency", "blockScale", "cost", "nbAlpha", "nbPrior", "mnbWeight", "mnbAlpha", "maxEpochs",
        "tolerance", "calibrationFolds", "calibrationMaxRows", "wordVectorScale", "wordVectorLeadBytes",
    ]

    /// Applies one `NAME=VALUE` assignment (e.g. `cost=0.5`, `blockScale=1,0.5,1`): the way `wirectl` tries a
    /// hyper-parameter without changing the shipped defaults.
    public mutating func set(_ assignment: String) throws {
        let parts = assignment.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw TopicOptionError(assignment: assignment, reason: "expected NAME=VALUE") }
        let (name, value) = (parts[0].trimmingCharacters(in: .whitespaces), parts[1].trimmingCharacters(in: .whitespaces))
        func int() throws -> Int {
            guard let v = Int(value) else { throw TopicOptionError(assignment: assignment, reason: "'\(value)' is not an integer") }
            return v
        }
        func double() throws -> Double {
            guard let v = Double(value), v.isFinite else { throw TopicOptionError(assignment: assignment, reason: "'\(value)' is not a number") }
            return v
        }
        func bool() throws -> Bool {
            switch value.lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default: throw TopicOptionError(assignment: assignment, reason: "'\(value)' is not true or false")
            }
        }
        switch name {
        case "bucketBits":
            let v = try int()
            guard (10...24).contains(v) else { throw TopicOptionError(assignment: assignment, reason: "bucketBits must be in 10...24") }
            bucketBits = v
        case "wordBigrams": wordBigrams = try bool()
        case "titleBlock": titleBlock = try bool()
        case "charMin": charMin = try int()
        case "charMax": charMax = try int()
        case "charLeadBytes": charLeadBytes = try int()
        case "textLeadBytes": textLeadBytes = try int()
        case "minDocumentFrequency": minDocumentFrequency = try int()
        case "blockScale":
            let v = value.split(separator: ",").compactMap { Float($0.trimmingCharacters(in: .whitespaces)) }
            guard v.count == blockScale.count else {
                throw TopicOptionError(assignment: assignment, reason: "blockScale needs \(blockScale.count) comma-separated numbers")
            }
            blockScale = v
        case "cost": cost = try double()
        case "nbAlpha": nbAlpha = Float(try double())
        case "nbPrior": nbPrior = Float(try double())
        case "mnbWeight": mnbWeight = Float(try double())
        case "mnbAlpha": mnbAlpha = Float(try double())
        case "maxEpochs": maxEpochs = try int()
        case "tolerance": tolerance = try double()
        case "calibrationFolds": calibrationFolds = try int()
        case "calibrationMaxRows": calibrationMaxRows = try int()
        case "wordVectorScale": wordVectorScale = Float(try double())
        case "wordVectorLeadBytes": wordVectorLeadBytes = try int()
        default: throw TopicOptionError(assignment: assignment, reason: "unknown hyper-parameter '\(name)'")
        }
    }
}
