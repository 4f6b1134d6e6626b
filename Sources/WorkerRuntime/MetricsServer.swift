import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP endpoint for operators: `GET /metrics` (Prometheus text format) and `GET /health`
/// (200 when the worker has partitions assigned, 503 otherwise). One thread, one request at a time,
/// which is all a scraper and a probe need.
final class MetricsServer: @unchecked Sendable {
    private let socket: Int32
    let port: Int
    private let metrics: @Sendable () -> String
    private let healthy: @Sendable () -> Bool

    init(port: Int, metrics: @escaping @Sendable () -> String, healthy: @escaping @Sendable () -> Bool) throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw WorkerError.metrics("cannot open a socket for /metrics") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: INADDR_ANY)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw WorkerError.metrics("cannot listen on port \(port) for /metrics: \(String(cString: strerror(errno)))")
        }
        socket = fd
        self.port = port
        self.metrics = metrics
        self.healthy = healthy
        let thread = Thread { [self] in serve() }
        thread.name = "wirestream-metrics"
        thread.start()
    }

    private func serve() {
        while true {
            let client = accept(socket, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            var buffer = [UInt8](repeating: 0, count: 2048)
            let n = read(client, &buffer, buffer.count)
            let request = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
            let path = request.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
            let (status, body): (String, String)
            switch path {
            case "/metrics": (status, body) = ("200 OK", metrics())
            case "/health": (status, body) = healthy() ? ("200 OK", "ok\n") : ("503 Service Unavailable", "not assigned\n")
            default: (status, body) = ("404 Not Found", "try /metrics or /health\n")
            }
            let response = "HTTP/1.1 \(status)\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
            _ = Array(response.utf8).withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            close(client)
        }
    }
}
