// swift-tools-version:6.1
import Foundation
import PackageDescription

// librdkafka >= 2.2 is found through pkg-config (scripts/bootstrap provides it and writes
// .wirestream/env). Debian's 2.0.2 shares the soname librdkafka.so.1, so binaries carry an
// rpath to the library the build used; otherwise they would silently load the old one.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
func rdkafkaLibdir() -> String? {
    if let dir = ProcessInfo.processInfo.environment["WIRESTREAM_RDKAFKA_LIBDIR"], !dir.isEmpty { return dir }
    guard let env = try? String(contentsOfFile: packageRoot + "/.wirestream/env", encoding: .utf8) else { return nil }
    for line in env.split(separator: "\n") where line.hasPrefix("export WIRESTREAM_RDKAFKA_LIBDIR=") {
        return String(line.dropFirst("export WIRESTREAM_RDKAFKA_LIBDIR=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }
    return nil
}
let rdkafkaLinker: [LinkerSetting] = rdkafkaLibdir().map { [.unsafeFlags(["-Xlinker", "-rpath", "-Xlinker", $0])] } ?? []

// Linux only (README): the workers read /proc and the C bridge links the system's librdkafka.
let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "Wirestream",
    products: [
        .executable(name: "wirectl", targets: ["wirectl"]),
        .executable(name: "wire-normalize", targets: ["wire-normalize"]),
        .executable(name: "wire-entities", targets: ["wire-entities"]),
        .executable(name: "wire-classify", targets: ["wire-classify"]),
        .executable(name: "wire-dedupe", targets: ["wire-dedupe"]),
        .executable(name: "wire-stats", targets: ["wire-stats"]),
        .executable(name: "wire-exec", targets: ["wire-exec"]),
        .executable(name: "wire-bench", targets: ["wire-bench"]),
        .executable(name: "wire-ingest", targets: ["wire-ingest"]),
        .library(name: "Kafka", targets: ["Kafka"]),
        .library(name: "ArticleSchema", targets: ["ArticleSchema"]),
        .library(name: "StageKit", targets: ["StageKit"]),
        .library(name: "WorkerRuntime", targets: ["WorkerRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // MARK: librdkafka bridge
        .systemLibrary(
            name: "CRDKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"]), .brew(["librdkafka"])]
        ),
        .target(
            name: "Kafka",
            dependencies: [
                "CRDKafka",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict,
            linkerSettings: rdkafkaLinker
        ),
        .target(name: "LocalBroker", dependencies: ["CRDKafka", "Kafka", .product(name: "Logging", package: "swift-log")], swiftSettings: strict),

        // MARK: record, configuration, runtime
        .target(name: "Digest", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),
        .target(name: "SeededRandom", swiftSettings: strict),
        .target(name: "ArticleSchema", dependencies: ["Digest"], swiftSettings: strict),
        .target(name: "StageKit", dependencies: ["ArticleSchema"], swiftSettings: strict),
        .target(name: "PipelineConfig", dependencies: ["StageKit", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
        .target(
            name: "WorkerRuntime",
            dependencies: [
                "Kafka", "ArticleSchema", "StageKit", "PipelineConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),

        // MARK: stage logic (no Kafka here)
        .target(name: "Normalization", dependencies: ["Digest"], swiftSettings: strict),
        .target(name: "EntityExtraction", dependencies: ["SeededRandom"], exclude: ["MODEL.md"], resources: [.copy("Resources")], swiftSettings: strict),
        .target(name: "TopicClassification", dependencies: ["SeededRandom"], exclude: ["MODEL.md"], resources: [.copy("Resources")], swiftSettings: strict),
        // Wire formats (NewsML-G2, NITF, NewsML 1, RSS, Atom, ANPA-1312, IPTC 7901) → article records; no Kafka.
        .target(name: "WireFormats", dependencies: ["ArticleSchema", "Normalization"], swiftSettings: strict),
        .target(name: "Deduplication", dependencies: ["Digest", "Normalization", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: strict),
        .target(
            name: "StandardStages",
            dependencies: ["StageKit", "ArticleSchema", "Normalization", "EntityExtraction", "TopicClassification", "Deduplication"],
            swiftSettings: strict
        ),

        // MARK: training and evaluation (used by wirectl, never linked into a worker)
        .target(name: "EntityTraining", dependencies: ["EntityExtraction", "SeededRandom"], resources: [.copy("Resources")], swiftSettings: strict),
        .target(name: "TopicTraining", dependencies: ["TopicClassification", "SeededRandom"], swiftSettings: strict),
        .target(name: "DedupeEvaluation", dependencies: ["Deduplication"], swiftSettings: strict),
        // Extraction figures and speed on real pages (`wirectl eval extraction`, `wirectl bench extraction`).
        .target(name: "NormalizationEvaluation", dependencies: ["Normalization"], swiftSettings: strict),

        // MARK: stages added by deploying new workers
        .target(name: "ReadingStats", dependencies: ["ArticleSchema", "StageKit"], swiftSettings: strict),
        .target(name: "ExternalStage", dependencies: ["ArticleSchema", "StageKit"], swiftSettings: strict),
        .executableTarget(name: "wire-stats", dependencies: ["WorkerRuntime", "ReadingStats"], swiftSettings: strict),
        .executableTarget(name: "wire-exec", dependencies: ["WorkerRuntime", "ExternalStage"], swiftSettings: strict),

        // MARK: continuous sources (drop directories and feeds → the pipeline's input topic)
        .target(
            name: "WireSources",
            dependencies: [
                "Kafka", "ArticleSchema", "Digest", "PipelineConfig", "WireFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "wire-ingest", dependencies: ["WireSources"], swiftSettings: strict),

        // MARK: command line
        .target(
            name: "WireCtlCommands",
            dependencies: [
                "Kafka", "EntityTraining", "TopicTraining", "DedupeEvaluation", "NormalizationEvaluation", "LocalBroker", "ArticleSchema", "PipelineConfig", "SeededRandom", "StageKit", "StandardStages", "WireFormats", "WireSources", "WorkerRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "wirectl", dependencies: ["WireCtlCommands"], swiftSettings: strict),

        // MARK: benchmarks (`wire-bench`, run by `wirectl bench`; the only binary with the allocation counter)
        // Counts heap allocations (allocations per article); replaces the process's allocation functions with
        // ones that forward to glibc's, so it is linked into the benchmark executable alone.
        .target(name: "AllocationCounter"),
        .target(
            name: "WireBench",
            dependencies: [
                "AllocationCounter", "ArticleSchema", "Kafka", "LocalBroker", "NormalizationEvaluation", "PipelineConfig", "SeededRandom", "StageKit", "StandardStages", "WireCtlCommands", "WireFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "wire-bench", dependencies: ["WireBench", "WireCtlCommands"], swiftSettings: strict),
        .executableTarget(name: "wire-normalize", dependencies: ["WorkerRuntime", "StandardStages"], swiftSettings: strict),
        .executableTarget(name: "wire-entities", dependencies: ["WorkerRuntime", "StandardStages"], swiftSettings: strict),
        .executableTarget(name: "wire-classify", dependencies: ["WorkerRuntime", "StandardStages"], swiftSettings: strict),
        .executableTarget(name: "wire-dedupe", dependencies: ["WorkerRuntime", "StandardStages"], swiftSettings: strict),

        // MARK: tests
        .target(
            name: "WirestreamTestSupport",
            dependencies: ["ArticleSchema", "Kafka", "LocalBroker", "PipelineConfig", "SeededRandom", "WireCtlCommands", .product(name: "Logging", package: "swift-log")],
            path: "Tests/Support"),
        .testTarget(name: "KafkaTests", dependencies: ["Kafka", "LocalBroker"]),
        .testTarget(name: "DigestTests", dependencies: ["Digest"]),
        .testTarget(name: "AllocationCounterTests", dependencies: ["AllocationCounter"]),
        .testTarget(name: "ArticleSchemaTests", dependencies: ["ArticleSchema"]),
        .testTarget(name: "PipelineConfigTests", dependencies: ["PipelineConfig"]),
        .target(name: "SampleTexts", dependencies: ["SeededRandom"], path: "Tests/SampleTexts"),
        .testTarget(name: "NormalizationTests", dependencies: ["Digest", "Normalization", "SampleTexts", "SeededRandom"], resources: [.copy("Golden")]),
        .testTarget(name: "EntityExtractionTests", dependencies: ["EntityExtraction", "EntityTraining", "SampleTexts"]),
        .testTarget(name: "EntityTrainingTests", dependencies: ["EntityExtraction", "EntityTraining"]),
        .testTarget(name: "NormalizationEvaluationTests", dependencies: ["Normalization", "NormalizationEvaluation", "TopicTraining"]),
        .testTarget(name: "WireFormatsTests", dependencies: ["WireFormats", "ArticleSchema"]),
        .testTarget(
            name: "WireSourcesTests",
            dependencies: ["WireSources", "WireFormats", "ArticleSchema", "PipelineConfig", "Kafka", "LocalBroker", "WirestreamTestSupport", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "TopicClassificationTests", dependencies: ["SeededRandom", "TopicClassification"]),
        .testTarget(name: "TopicTrainingTests", dependencies: ["ArticleSchema", "SeededRandom", "StageKit", "StandardStages", "TopicClassification", "TopicTraining"]),
        .testTarget(name: "DeduplicationTests", dependencies: ["Deduplication", "Digest", "Normalization", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "DedupeEvaluationTests", dependencies: ["DedupeEvaluation", "Deduplication", "Normalization"]),
        .testTarget(name: "WireBenchTests", dependencies: ["WireBench", "WireCtlCommands", "WirestreamTestSupport"]),
        .testTarget(name: "WireCtlCommandsTests", dependencies: ["ArticleSchema", "WireCtlCommands", "WirestreamTestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "ReadingStatsTests", dependencies: ["ReadingStats", "ArticleSchema", "StageKit"]),
        .testTarget(name: "ExternalStageTests", dependencies: ["ExternalStage", "ArticleSchema", "StageKit"]),
        .testTarget(name: "WorkerRuntimeTests", dependencies: ["WorkerRuntime", "CRDKafka", "Kafka", "LocalBroker", "StandardStages", "WireCtlCommands", "WirestreamTestSupport", .product(name: "Logging", package: "swift-log")]),
    ],
    swiftLanguageModes: [.v6]
)
