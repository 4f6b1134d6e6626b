import ArgumentParser

/// `wirectl`: the one command-line tool for people running Wirestream.
public struct WireCtl: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "wirectl",
        abstract: "Run, inspect and evaluate Wirestream pipelines.",
        discussion: """
            Every command takes --config FILE (default pipelines.yaml) and, where it talks to Kafka, \
            --bootstrap HOST:PORT (default: $WIRESTREAM_BOOTSTRAP, then kafka.bootstrap in the config).
            Exit codes: 0 success, 2 usage or configuration error, 1 anything else.
            """,
        subcommands: [
            Validate.self, Topics.self, Ingest.self, Convert.self, Tail.self, Status.self, Replay.self, Process.self, Dev.self,
            Train.self, Eval.self, BenchLauncher.self, Deploy.self,
        ]
    )

    public init() {}
}
