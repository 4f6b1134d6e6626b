import ArticleSchema
import Foundation
import Kafka
import LocalBroker
import Testing
import WirestreamTestSupport

/// `/metrics` and `/health` under hostile clients: connections that send nothing, scrapers that hang up
/// before reading the answer, while records flow through the worker.
@Suite("Metrics server under load", .serialized)
struct MetricsServerTests {
    @Test("100 idle connections and scrapers hanging up mid-response: records keep flowing, /health answers, idle connections are closed")
    func idleAndHangingUpClients() async throws {
        let broker = try await SharedBroker.instance.broker()
        let pipeline = try await TestPipeline.stats(broker: broker)
        let port = try TansuBroker.freePort()
        let stack = try pipeline.startWorkers(broker: broker, environment: ["WIRESTREAM_METRICS_PORT": "\(port)"])
        defer { stack.stop() }
        var healthy = false
        for _ in 0..<300 where !healthy {
            healthy = (try? RawHTTP.get(port: port, path: "/health").status) == 200
            if !healthy { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(healthy, "the worker never reported healthy: \(pipeline.logTail())")

        // 100 connections that never send a byte.
        let idle = try (0..<100).map { _ in try RawHTTP.connect(port: port) }
        defer { idle.forEach { close($0) } }

        // Records flow while scrapers hang up: each sends a request and resets the connection at once.
        var corpus = ArticleCorpus(seed: 23)
        let articles = (0..<1500).map { corpus.shortArticle(index: $0) }
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(kafka: pipeline.kafka), logger: pipeline.logger)
        for chunk in stride(from: 0, to: articles.count, by: 300) {
            let part = articles[chunk..<min(chunk + 300, articles.count)]
            _ = try await producer.sendBatch(part.map { KafkaProducerRecord(topic: pipeline.raw, key: $0.id, value: ArticleCodec.encode($0)) })
            for _ in 0..<20 { try RawHTTP.requestAndReset(port: port, path: "/metrics") }
        }
        producer.close()

        // /health still answers, each request measured; the bound is generous for a loaded CI machine.
        var times: [Duration] = []
        for _ in 0..<20 {
            let clock = ContinuousClock()
            let start = clock.now
            let answer = try RawHTTP.get(port: port, path: "/health", timeoutSeconds: 5)
            times.append(clock.now - start)
            #expect(answer.status == 200, "\(answer)")
        }
        let median = times.sorted()[times.count / 2]
        #expect(median < .milliseconds(100), "median /health time \(median); all: \(times)")

        let read = try await pipeline.read(finalCount: articles.count, deadCount: 0, timeout: .seconds(120))
        #expect(Set(read.final.compactMap(\.keyString)).count == articles.count, "records stopped flowing: \(pipeline.logTail())")

        // The idle connections are closed by the server (end of stream) instead of being held forever.
        let closed = idle.filter { RawHTTP.readsEndOfStream($0, timeoutSeconds: 20) }.count
        #expect(closed == idle.count, "\(idle.count - closed) idle connections still open")

        let statuses = stack.stop()
        #expect(statuses.allSatisfy { $0.status == 0 }, "\(statuses): \(pipeline.logTail())")
    }
}

/// A bare-bones HTTP client on raw sockets, so the test controls exactly what a misbehaving client does.
enum RawHTTP {
    struct Answer: CustomStringConvertible {
        var status: Int
        var body: String
        var description: String { "\(status) \(body)" }
    }

    static func connect(port: Int, timeoutSeconds: Int = 5) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSupportError("socket: \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw TestSupportError("connect to port \(port): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    static func write(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// One request, the whole answer read (or the timeout).
    static func get(port: Int, path: String, timeoutSeconds: Int = 5) throws -> Answer {
        let fd = try connect(port: port, timeoutSeconds: timeoutSeconds)
        defer { close(fd) }
        write(fd, "GET \(path) HTTP/1.1\r\nHost: localhost\r\n\r\n")
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { break }
            data += chunk[0..<n]
        }
        let text = String(decoding: data, as: UTF8.self)
        let status = text.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return Answer(status: status, body: body)
    }

    /// Sends a request and closes with a reset (SO_LINGER 0) before reading anything.
    static func requestAndReset(port: Int, path: String) throws {
        let fd = try connect(port: port)
        write(fd, "GET \(path) HTTP/1.1\r\nHost: localhost\r\n\r\n")
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
        close(fd)
    }

    /// Whether the peer closes the connection (read returns 0 or a reset) within the timeout.
    static func readsEndOfStream(_ fd: Int32, timeoutSeconds: Int) -> Bool {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, Int32(timeoutSeconds * 1000)) > 0 else { return false }
        var byte: UInt8 = 0
        let n = recv(fd, &byte, 1, Int32(MSG_DONTWAIT))
        return n == 0 || (n < 0 && errno == ECONNRESET)
    }
}
