import Kafka
import Testing

@Suite struct KafkaLibraryTests {
    @Test func loadedLibrdkafkaIsAtLeast2_2() throws {
        print("librdkafka version loaded by the test binary: \(KafkaLibrary.version)")
        #expect(KafkaLibrary.isSupported)
        try KafkaLibrary.requireSupportedVersion()
    }

    @Test func unknownPropertyIsAClearError() throws {
        let config = KafkaProducerConfiguration(kafka: KafkaConfiguration(bootstrapServers: "127.0.0.1:1", properties: ["no.such.property": "1"]))
        let error = #expect(throws: KafkaError.self) { try KafkaProducer(configuration: config, logger: testLogger) }
        #expect(error?.message.contains("no.such.property") == true)
    }
}
