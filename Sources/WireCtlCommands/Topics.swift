import ArgumentParser
import Kafka
import PipelineConfig

/// `wirectl topics create|list`.
struct Topics: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or list the configured topics.",
        subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create every topic declared in the configuration (existing ones are left alone).")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try requireKafka()
            let config = try common.loadConfiguration()
            let admin = try KafkaAdmin(configuration: common.kafkaConfiguration(config), logger: common.logger)
            let topics = config.topics.map {
                NewTopic(name: $0.name, partitions: $0.partitions, replicationFactor: $0.replicationFactor, configs: $0.config)
            }
            do {
                let created = try await admin.ensureTopics(topics)
                for t in config.topics {
                    print("\(created.contains(t.name) ? "created " : "exists  ") \(t.name) (\(t.partitions) partition\(t.partitions == 1 ? "" : "s"))")
                }
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the broker's topics and their partitions.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try requireKafka()
            let config = try common.loadConfiguration()
            let admin = try KafkaAdmin(configuration: common.kafkaConfiguration(config), logger: common.logger)
            do {
                for t in try await admin.listTopics().sorted(by: { $0.name < $1.name }) where !t.name.hasPrefix("__") {
                    print("\(t.name)\t\(t.partitions.count) partitions")
                }
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }
}
