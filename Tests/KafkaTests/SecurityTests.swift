import Foundation
import Kafka
import LocalBroker
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// TLS between the Kafka clients and a broker, with a CA and server certificate the test makes with openssl.
///
/// Tansu 0.6.0 accepts `--cert` but still serves plain TCP on its listener (a TLS ClientHello is read as a
/// Kafka frame), so the broker here sits behind a small TLS-terminating proxy (Python's `ssl` module): the
/// clients' side — `security.protocol=ssl`, `ssl.ca.location`, certificate verification — is real TLS.
@Suite("Security", .serialized)
struct SecurityTests {
    @Test("TLS with the test's own CA: produce and consume work; a client trusting another CA is refused with a clear error")
    func tls() async throws {
        let tls = try await TLSBroker.start()
        defer { tls.stop() }
        var kafka = KafkaConfiguration(bootstrapServers: tls.bootstrap, properties: [
            "security.protocol": "ssl", "ssl.ca.location": tls.caFile, "topic.metadata.refresh.interval.ms": "1000",
        ])
        let admin = try KafkaAdmin(configuration: kafka, logger: testLogger)
        try await admin.createTopics([NewTopic(name: "secure", partitions: 1)])
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: kafka), logger: testLogger)
        let results = try await producer.sendBatch((0..<20).map { KafkaProducerRecord(topic: "secure", key: "k", value: Array("m\($0)".utf8)) })
        producer.close()
        #expect(results.allSatisfy { if case .success = $0 { true } else { false } })
        kafka.properties["enable.auto.commit"] = "false"
        let consumer = try KafkaConsumer(configuration: KafkaConsumerConfiguration(kafka: kafka, groupID: "secure-reader"), logger: testLogger)
        try consumer.assign([TopicPartition(topic: "secure", partition: 0, offset: 0)])
        let got = try await collect(consumer, count: 20)
        consumer.close()
        #expect(got.map { String(decoding: $0.value, as: UTF8.self) } == (0..<20).map { "m\($0)" })

        // Another CA: certificate verification must fail, and the error must say why.
        let otherCA = try TLSBroker.makeCA(in: tls.directory, name: "other")
        let distrustful = try KafkaAdmin(
            configuration: KafkaConfiguration(bootstrapServers: tls.bootstrap, properties: ["security.protocol": "ssl", "ssl.ca.location": otherCA]),
            logger: testLogger, timeout: .seconds(5))
        do {
            _ = try await distrustful.listTopics()
            Issue.record("a client trusting another CA connected")
        } catch let error as KafkaError {
            #expect(error.message.contains("certificate verify failed") || error.message.contains("SSL handshake failed"), "\(error)")
            print("security: wrong CA → \(error)")
        }
        // Plaintext to the TLS port fails too (no silent downgrade).
        let plain = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: tls.bootstrap), logger: testLogger, timeout: .seconds(5))
        await #expect(throws: KafkaError.self) { _ = try await plain.listTopics() }
    }
}

/// Tansu on a loopback port behind a TLS proxy on another port; the broker advertises the proxy's address.
struct TLSBroker {
    let directory: URL
    let caFile: String
    let bootstrap: String
    let tansu: Process
    let proxy: Process

    static func start() async throws -> TLSBroker {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wirestream-tls-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let ca = try makeCA(in: dir, name: "ca")
        let key = dir.appendingPathComponent("server.key").path, csr = dir.appendingPathComponent("server.csr").path
        let cert = dir.appendingPathComponent("server.pem").path, ext = dir.appendingPathComponent("san.cnf").path
        try "subjectAltName=IP:127.0.0.1,DNS:localhost\n".write(toFile: ext, atomically: true, encoding: .utf8)
        try openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1"])
        try openssl(["x509", "-req", "-in", csr, "-CA", ca, "-CAkey", dir.appendingPathComponent("ca.key").path, "-CAcreateserial",
                     "-out", cert, "-days", "2", "-extfile", ext])

        let brokerPort = try TansuBroker.freePort(), tlsPort = try TansuBroker.freePort()
        // Behind a watchdog shell (as TansuBroker does), so the broker dies with the test process.
        let tansu = Process()
        tansu.executableURL = URL(fileURLWithPath: "/bin/sh")
        tansu.arguments = ["-c", """
            '\(try TansuBroker.locateBinary())' broker --listener-url tcp://127.0.0.1:\(brokerPort) --advertised-listener-url tcp://127.0.0.1:\(tlsPort) --storage-engine memory://tansu/ &
            child=$!
            trap 'kill -9 $child 2>/dev/null; wait $child; exit 0' TERM INT
            while kill -0 \(getpid()) 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 0.5; done
            kill -9 $child 2>/dev/null; wait $child
            """]
        tansu.standardOutput = FileHandle.nullDevice
        tansu.standardError = FileHandle.nullDevice
        try tansu.run()
        let script = dir.appendingPathComponent("tls_proxy.py")
        try proxyScript.write(to: script, atomically: true, encoding: .utf8)
        let proxy = Process()
        proxy.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        proxy.arguments = ["python3", script.path, "\(tlsPort)", "\(brokerPort)", cert, key]
        proxy.standardOutput = FileHandle.nullDevice
        proxy.standardError = FileHandle.nullDevice
        try proxy.run()
        let broker = TLSBroker(directory: dir, caFile: ca, bootstrap: "127.0.0.1:\(tlsPort)", tansu: tansu, proxy: proxy)
        let deadline = ContinuousClock.now + .seconds(20)
        while !(TansuBroker.canConnect(port: brokerPort) && TansuBroker.canConnect(port: tlsPort)) {
            guard ContinuousClock.now < deadline, tansu.isRunning, proxy.isRunning else {
                broker.stop()
                throw MockError("the TLS test broker did not start (tansu running: \(tansu.isRunning), proxy running: \(proxy.isRunning))")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return broker
    }

    func stop() {
        if proxy.isRunning { kill(proxy.processIdentifier, SIGKILL) }
        if tansu.isRunning { tansu.terminate() }  // the shell's trap kills the broker
        proxy.waitUntilExit()
        tansu.waitUntilExit()
    }

    /// A self-signed CA (`<name>.pem`, `<name>.key`) in `dir`; returns the certificate's path.
    static func makeCA(in dir: URL, name: String) throws -> String {
        let pem = dir.appendingPathComponent("\(name).pem").path
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.appendingPathComponent("\(name).key").path,
                     "-out", pem, "-days", "2", "-subj", "/CN=Wirestream test \(name)"])
        return pem
    }

    static func openssl(_ arguments: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["openssl"] + arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 { throw MockError("openssl \(arguments.prefix(2).joined(separator: " ")) failed") }
    }


    /// TLS in front of a plaintext port; exits when its parent (the test process) is gone.
    static let proxyScript = """
        import asyncio, os, ssl, sys
        listen_port, target_port, cert, key = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
        parent = os.getppid()
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)

        async def pipe(reader, writer):
            try:
                while True:
                    data = await reader.read(65536)
                    if not data:
                        break
                    writer.write(data)
                    await writer.drain()
            except Exception:
                pass
            finally:
                try:
                    writer.close()
                except Exception:
                    pass

        async def handle(client_reader, client_writer):
            try:
                upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", target_port)
            except Exception:
                client_writer.close()
                return
            await asyncio.gather(pipe(client_reader, upstream_writer), pipe(upstream_reader, client_writer))

        async def watchdog():
            while os.getppid() == parent:
                await asyncio.sleep(0.5)
            os._exit(0)

        async def main():
            server = await asyncio.start_server(handle, "127.0.0.1", listen_port, ssl=ctx)
            asyncio.ensure_future(watchdog())
            async with server:
                await server.serve_forever()

        asyncio.run(main())
        """
}
