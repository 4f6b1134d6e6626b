import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One conditional GET of a feed URL: sends the last `ETag` as `If-None-Match` and the last `Last-Modified` as
/// `If-Modified-Since`, with a timeout. No HTTP cache of its own: the validators live in the source's checkpoint.
struct FeedFetcher: Sendable {
    enum Response: Sendable, Equatable {
        /// 304: nothing changed since the validators.
        case notModified
        /// 2xx with the body and the validators to send next time.
        case content(Data, etag: String?, lastModified: String?)
        /// Any other status, a timeout or a network error.
        case failed(String)
    }

    let url: URL
    let timeout: TimeInterval
    let headers: [String: String]
    let session: URLSession

    init(url: URL, timeout: TimeInterval, headers: [String: String]) {
        self.url = url
        self.timeout = timeout
        self.headers = headers
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = max(timeout * 4, timeout + 30)
        session = URLSession(configuration: configuration)
    }

    func fetch(etag: String?, lastModified: String?) async -> Response {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData, timeoutInterval: timeout)
        request.setValue("Wirestream wire-ingest", forHTTPHeaderField: "User-Agent")
        request.setValue("application/rss+xml, application/atom+xml, application/xml, text/xml;q=0.9, */*;q=0.8", forHTTPHeaderField: "Accept")
        for (key, value) in headers { request.setValue(value, forHTTPHeaderField: key) }
        if let etag { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified { request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since") }
        do {
            let (data, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else { return .failed("not an HTTP response") }
            switch http.statusCode {
            case 304:
                return .notModified
            case 200..<300:
                return .content(
                    data, etag: http.value(forHTTPHeaderField: "ETag"), lastModified: http.value(forHTTPHeaderField: "Last-Modified"))
            default:
                return .failed("HTTP \(http.statusCode) \(HTTPURLResponse.localizedString(forStatusCode: http.statusCode))")
            }
        } catch let error as URLError where error.code == .timedOut {
            return .failed("no answer within \(timeout) s (timed out)")
        } catch {
            return .failed("\(error.localizedDescription)")
        }
    }
}
