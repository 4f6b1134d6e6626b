import Foundation
import Testing
import WirestreamTestSupport
import Yams

/// The committed deploy/ files are exactly `wirectl deploy render`'s output for pipelines.yaml, and they parse.
@Suite("Deploy render")
struct DeployRenderTests {
    let config = Tool.root.appendingPathComponent("pipelines.yaml").path

    @Test("committed deploy files are up to date with pipelines.yaml")
    func upToDate() throws {
        let r = try Tool.run("wirectl", ["deploy", "render", "--config", config, "--check"])
        #expect(r.status == 0, "deploy/ is stale; run `wirectl deploy render`: \(r.stderr)")
        #expect(r.stdout.contains("up to date"))
    }

    @Test("rendered files parse and follow the topology")
    func renderedFilesParse() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("deploy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try Tool.run("wirectl", ["deploy", "render", "--config", config, "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let stages: [(pipeline: String, stage: String, worker: String)] = [
            ("wire", "normalize", "wire-normalize"), ("wire", "entities", "wire-entities"), ("wire", "classify", "wire-classify"),
            ("wire", "dedupe", "wire-dedupe"), ("reading", "stats", "wire-stats"), ("reading", "headline", "wire-exec"),
        ]

        // compose: a KRaft broker, topic creation, one service per stage with the config mounted.
        let composeText = try String(contentsOf: out.appendingPathComponent("compose.yaml"), encoding: .utf8)
        let compose = try #require(try Yams.load(yaml: composeText) as? [String: Any])
        let services = try #require(compose["services"] as? [String: Any])
        let kafka = try #require(services["kafka"] as? [String: Any])
        let kafkaEnv = try #require(kafka["environment"] as? [String: Any])
        #expect((kafkaEnv["KAFKA_PROCESS_ROLES"] as? String) == "broker,controller")
        for s in stages {
            let service = try #require(services["\(s.pipeline)-\(s.stage)"] as? [String: Any], "no service for \(s)")
            let command = try #require(service["command"] as? [String])
            #expect(command.first == s.worker && command.contains("--pipeline") && command.contains(s.pipeline))
            let volumes = try #require(service["volumes"] as? [String])
            #expect(volumes.contains { $0.hasSuffix(":/etc/wirestream/pipelines.yaml:ro") })
        }

        // Kubernetes: ConfigMap holding pipelines.yaml verbatim, a Deployment per stage with probes and requests.
        let k8sText = try String(contentsOf: out.appendingPathComponent("k8s/wirestream.yaml"), encoding: .utf8)
        let docs = try Yams.load_all(yaml: k8sText).compactMap { $0 as? [String: Any] }
        let configMap = try #require(docs.first { ($0["kind"] as? String) == "ConfigMap" })
        let data = try #require(configMap["data"] as? [String: String])
        let original = try String(contentsOfFile: config, encoding: .utf8)
        #expect(data["pipelines.yaml"]?.trimmingCharacters(in: .whitespacesAndNewlines) == original.trimmingCharacters(in: .whitespacesAndNewlines))
        let deployments = docs.filter { ($0["kind"] as? String) == "Deployment" }
        #expect(deployments.count == stages.count)
        #expect(docs.contains { ($0["kind"] as? String) == "Job" })
        for d in deployments {
            let spec = try #require(d["spec"] as? [String: Any])
            let replicas = try #require(spec["replicas"] as? Int)
            #expect(replicas >= 1 && replicas <= 4)
            let template = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
            let container = try #require((template["containers"] as? [[String: Any]])?.first)
            let readiness = try #require(container["readinessProbe"] as? [String: Any])
            #expect(((readiness["httpGet"] as? [String: Any])?["path"] as? String) == "/health")
            let resources = try #require(container["resources"] as? [String: Any])
            #expect(resources["requests"] != nil)
        }
        // Dedupe: no shared (ReadWriteMany) volume, each pod's store is a cache of the changelog; its memory
        // limit covers the README's sizing (~1.8 GB for 50,000 articles a day over 7 days).
        #expect(!k8sText.contains("ReadWriteMany") && !docs.contains { ($0["kind"] as? String) == "PersistentVolumeClaim" })
        let dedupe = try #require(deployments.first { (($0["metadata"] as? [String: Any])?["name"] as? String) == "wirestream-wire-dedupe" })
        let dedupeSpec = try #require((((dedupe["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any]))
        let dedupeVolumes = try #require(dedupeSpec["volumes"] as? [[String: Any]])
        #expect(dedupeVolumes.first { ($0["name"] as? String) == "state" }?["emptyDir"] != nil)
        let dedupeContainer = try #require((dedupeSpec["containers"] as? [[String: Any]])?.first)
        let limit = try #require(((dedupeContainer["resources"] as? [String: Any])?["limits"] as? [String: Any])?["memory"] as? String)
        #expect(limit.hasSuffix("Gi") && (Double(limit.dropLast(2)) ?? 0) * 1.073741824 >= 1.8)

        // systemd: one unit per worker instance, each starting its worker with the shared config.
        for s in stages {
            let unit = try String(contentsOf: out.appendingPathComponent("systemd/wirestream-\(s.pipeline)-\(s.stage).service"), encoding: .utf8)
            #expect(unit.contains("ExecStart=/usr/local/bin/\(s.worker) --config /etc/wirestream/pipelines.yaml --pipeline \(s.pipeline)"))
            #expect(unit.contains("KillSignal=SIGTERM"))
        }
        let target = try String(contentsOf: out.appendingPathComponent("systemd/wirestream.target"), encoding: .utf8)
        #expect(target.contains("wirestream-wire-dedupe.service"))

        // Dockerfile: multi-stage, slim runtime.
        let dockerfile = try String(contentsOf: out.appendingPathComponent("Dockerfile"), encoding: .utf8)
        #expect(dockerfile.contains("AS build") && dockerfile.contains("FROM debian:bookworm-slim"))
    }
}
