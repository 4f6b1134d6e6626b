import Foundation

/// Place, country, language and currency names shipped with the module (`Resources/gazetteer.txt`,
/// made by `scripts/entity-gazetteer`): lowercased phrase → bit mask of list membership.
package enum Gazetteer {
    static let fileName = "gazetteer.txt"

    package static func bundledEntries() throws -> [String: UInt8] {
        var result: [String: UInt8] = [:]
        for line in try bundledResourceText(fileName).split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2, let bits = UInt8(parts[0]) else { continue }
            result[String(parts[1])] = bits
        }
        return result
    }
}

/// The URL of a file in this module's `Resources` folder; `EntityModelError.missingResource` when it is not there.
func bundledResourceURL(_ fileName: String) throws -> URL {
    guard let url = Bundle.module.url(forResource: fileName, withExtension: nil, subdirectory: "Resources") else {
        throw EntityModelError.missingResource(fileName)
    }
    return url
}

/// The text of a file in this module's `Resources` folder.
func bundledResourceText(_ fileName: String) throws -> String {
    try String(contentsOf: bundledResourceURL(fileName), encoding: .utf8)
}
