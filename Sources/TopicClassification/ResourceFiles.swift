import Foundation

/// Reading the module's model files: bundled resources and files named by the user.
enum ResourceFiles {
    /// The URL of a bundled resource (in Resources/ or at the bundle's top level); nil when missing.
    static func bundled(_ name: String, extension ext: String) -> URL? {
        Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources")
            ?? Bundle.module.url(forResource: name, withExtension: ext)
    }

    /// Loads the bundled resource `name.ext` with `load`; `missing` when the resource is not there.
    static func loadBundled<T>(_ name: String, extension ext: String, missing: TopicModelError,
                               _ load: (URL) throws -> T) throws -> T {
        guard let url = bundled(name, extension: ext) else { throw missing }
        return try load(url)
    }

    /// The file's bytes; a failure to read becomes `TopicModelError.unreadable` naming the path.
    static func read(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw TopicModelError.unreadable(url.path, error.localizedDescription)
        }
    }
}
