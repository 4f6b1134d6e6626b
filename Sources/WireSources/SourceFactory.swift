import Foundation
import Logging
import PipelineConfig
import WireFormats

/// Builds the sources declared under `sources:` in pipelines.yaml.
public enum SourceFactory {
    /// Problems `wirectl validate` reports beyond the loader's checks (format names), one line each.
    public static func problems(in configuration: PipelineConfiguration) -> [String] {
        configuration.sources.compactMap { source -> String? in
            do {
                _ = try format(of: source)
                return nil
            } catch {
                return "\(error)"
            }
        }
    }

    /// The sources named in `only` (all when empty), each with its checkpoint under `stateDirectory`.
    public static func make(
        _ configuration: PipelineConfiguration, only: [String] = [], publisher: any StoryPublisher, stateDirectory: URL, logger: Logger
    ) throws(SourceError) -> [any PollingSource] {
        var out: [any PollingSource] = []
        for source in configuration.sources where only.isEmpty || only.contains(source.name) {
            let format = try format(of: source)
            switch source.origin {
            case .directory(let settings):
                out.append(try DropDirectorySource(
                    name: source.name, settings: settings, topic: source.topic, format: format, checkpointDays: source.checkpointDays,
                    publisher: publisher, stateDirectory: stateDirectory, logger: logger))
            case .feed(let settings):
                out.append(try FeedSource(
                    name: source.name, settings: settings, topic: source.topic, format: format, checkpointDays: source.checkpointDays,
                    publisher: publisher, stateDirectory: stateDirectory, logger: logger))
            }
        }
        return out
    }

    static func format(of source: SourceSettings) throws(SourceError) -> WireFormat? {
        guard let name = source.format else { return nil }
        guard let format = WireFormat(name: name) else { throw .unknownFormat(source: source.name, path: source.path, name: name) }
        return format
    }
}
