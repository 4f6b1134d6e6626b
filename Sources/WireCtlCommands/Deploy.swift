import ArgumentParser
import Foundation
import PipelineConfig

/// `wirectl deploy render`: writes the deployment files of deploy/ from pipelines.yaml.
struct Deploy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Deployment files generated from pipelines.yaml.",
        subcommands: [Render.self])

    struct Render: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render the Dockerfile, compose file, Kubernetes manifests or systemd units from pipelines.yaml.",
            discussion: """
                Targets: docker (Dockerfile), compose (Apache Kafka KRaft broker plus one service per stage), \
                k8s (ConfigMap of pipelines.yaml, topic Job, a Deployment per stage with replicas at most the \
                input's partitions, probes on /health, resource requests), systemd (a unit per worker instance \
                and wirestream.target), all. Files go under --out (default: deploy/ beside the configuration). \
                With --check nothing is written: the command fails when the files there differ from a fresh render.
                """)

        @OptionGroup var common: CommonOptions

        @Option(help: "docker | compose | k8s | systemd | all")
        var target: String = "all"

        @Option(help: "Directory to write into (default: deploy/ beside the configuration file).")
        var out: String?

        @Flag(help: "Write nothing; exit 1 when the files differ from what would be rendered.")
        var check = false

        func run() async throws {
            let targets: [DeployRenderer.Target]
            if target == "all" {
                targets = DeployRenderer.Target.allCases
            } else if let t = DeployRenderer.Target(rawValue: target) {
                targets = [t]
            } else {
                let names = DeployRenderer.Target.allCases.map(\.rawValue) + ["all"]
                throw CommandFailure("--target '\(target)'\(didYouMean(target, names)): expected one of \(names.joined(separator: ", "))", code: 2)
            }
            let config = try common.loadConfiguration()
            guard let text = FileManager.default.contents(atPath: common.config).map({ String(decoding: $0, as: UTF8.self) }) else {
                throw CommandFailure("cannot read \(common.config)", code: 2)
            }
            let renderer = DeployRenderer(
                configuration: config, configText: text, configName: URL(fileURLWithPath: common.config).lastPathComponent)
            let directory = URL(fileURLWithPath: out ?? URL(fileURLWithPath: common.config).deletingLastPathComponent().appendingPathComponent("deploy").path)
            var stale: [String] = []
            for t in targets {
                for (path, content) in renderer.render(t) {
                    let file = directory.appendingPathComponent(path)
                    let existing = FileManager.default.contents(atPath: file.path)
                    if check {
                        if existing != Data(content.utf8) { stale.append(file.path) }
                        continue
                    }
                    if existing == Data(content.utf8) { continue }
                    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                    do {
                        try Data(content.utf8).write(to: file, options: .atomic)
                    } catch {
                        throw CommandFailure("cannot write \(file.path): \(error.localizedDescription)")
                    }
                    print("wrote \(file.path)")
                }
            }
            if check {
                if !stale.isEmpty {
                    throw CommandFailure("out of date with \(common.config): \(stale.joined(separator: ", ")); run `wirectl deploy render`")
                }
                print("deploy files are up to date with \(common.config)")
            }
        }
    }
}
