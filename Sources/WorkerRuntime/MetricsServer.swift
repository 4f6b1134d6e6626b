import NIOCore
import NIOHTTP1
import NIOPosix

/// The operators' HTTP endpoint on swift-nio's HTTP/1.1 server: `GET /metrics` (Prometheus text format) and
/// `GET /health` (200 when the worker holds partitions, 503 otherwise).
///
/// One event-loop thread serves every connection without blocking on any of them: a connection that sends
/// nothing is closed after ``idleTimeout``, and a client that hangs up mid-response only ends its own
/// connection (NIO writes with `MSG_NOSIGNAL`, so no SIGPIPE).
final class MetricsServer: Sendable {
    /// How long a connection may stay silent (no request, or nothing read or written) before it is closed.
    static let idleTimeout: TimeAmount = .seconds(5)

    let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel

    private init(port: Int, group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.port = port
        self.group = group
        self.channel = channel
    }

    /// Listens on `port` (all interfaces) until ``close()``.
    static func start(
        port: Int, host: String = "0.0.0.0", metrics: @escaping @Sendable () -> [UInt8], healthy: @escaping @Sendable () -> Bool
    ) async throws -> MetricsServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.addHandler(IdleStateHandler(allTimeout: idleTimeout))
                    try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                    try pipeline.addHandler(MetricsHTTPHandler(metrics: metrics, healthy: healthy))
                }
            }
            .childChannelOption(.maxMessagesPerRead, value: 1)
        do {
            let channel = try await bootstrap.bind(host: host, port: port).get()
            return MetricsServer(port: channel.localAddress?.port ?? port, group: group, channel: channel)
        } catch {
            try? await group.shutdownGracefully()
            throw WorkerError.metrics("cannot listen on port \(port) for /metrics and /health: \(error)")
        }
    }

    /// Stops listening and closes every connection.
    func close() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }
}

/// Answers one request per connection, then closes it.
private final class MetricsHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let metrics: @Sendable () -> [UInt8]
    private let healthy: @Sendable () -> Bool
    private var path = "/"
    private var method = HTTPMethod.GET

    init(metrics: @escaping @Sendable () -> [UInt8], healthy: @escaping @Sendable () -> Bool) {
        self.metrics = metrics
        self.healthy = healthy
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            path = String(head.uri.prefix { $0 != "?" })
            method = head.method
        case .body:
            break
        case .end:
            respond(context: context)
        }
    }

    private func respond(context: ChannelHandlerContext) {
        let status: HTTPResponseStatus
        let body: [UInt8]
        switch (method, path) {
        case (.GET, "/metrics"), (.HEAD, "/metrics"): (status, body) = (.ok, metrics())
        case (.GET, "/health"), (.HEAD, "/health"): (status, body) = healthy() ? (.ok, Array("ok\n".utf8)) : (.serviceUnavailable, Array("not assigned\n".utf8))
        default: (status, body) = (.notFound, Array("try /metrics or /health\n".utf8))
        }
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; version=0.0.4; charset=utf-8")
        headers.add(name: "Content-Length", value: "\(body.count)")
        headers.add(name: "Connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        if method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        }
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in bound.value.close(promise: nil) }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A client that went away (reset, broken pipe) or sent garbage: end only this connection.
        context.close(promise: nil)
    }
}
