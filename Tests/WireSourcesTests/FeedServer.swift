import Foundation

/// A python3 `http.server` on loopback serving the files of a directory, as a feed publisher would:
/// `ETag` (content hash) and `Last-Modified`, 304 for a matching `If-None-Match` or `If-Modified-Since`.
/// Beside `NAME`, a file `NAME.status` holding a code makes the server answer that code instead, and
/// `NAME.delay` holding seconds makes it wait that long before answering. Every answer is appended to
/// `requests.log` as `PATH STATUS`.
final class FeedServer {
    let root: URL
    let port: Int
    private let process: Process

    static let script = #"""
    import hashlib, os, sys, time, email.utils
    from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

    root = sys.argv[1]

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def record(self, status):
            with open(os.path.join(root, "requests.log"), "a") as f:
                f.write("%s %d\n" % (self.path, status))

        def do_GET(self):
            name = os.path.join(root, self.path.lstrip("/"))
            try:
                if os.path.exists(name + ".delay"):
                    time.sleep(float(open(name + ".delay").read().strip()))
                if os.path.exists(name + ".status"):
                    status = int(open(name + ".status").read().strip())
                    self.record(status)
                    self.send_response(status)
                    self.send_header("Content-Length", "5")
                    self.end_headers()
                    self.wfile.write(b"error")
                    return
                if not os.path.isfile(name):
                    self.record(404)
                    self.send_error(404)
                    return
                body = open(name, "rb").read()
                etag = '"%s"' % hashlib.sha1(body).hexdigest()
                modified = email.utils.formatdate(int(os.path.getmtime(name)), usegmt=True)
                if self.headers.get("If-None-Match") == etag:
                    self.record(304)
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.record(200)
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", modified)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#

    init(root: URL) throws {
        self.root = root
        let scriptFile = root.appendingPathComponent("feed_server.py")
        try Data(Self.script.utf8).write(to: scriptFile)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptFile.path, root.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            throw FeedServerError(description: "the python3 feed server did not start (is python3 installed?)")
        }
        self.port = port
    }

    func url(_ name: String) -> String { "http://127.0.0.1:\(port)/\(name)" }

    func serve(_ text: String, as name: String) throws {
        // write then rename, so a request never sees half a file
        let temporary = root.appendingPathComponent(".\(name).tmp")
        try Data(text.utf8).write(to: temporary)
        _ = rename(temporary.path, root.appendingPathComponent(name).path)
    }

    func set(_ name: String, status: Int?) throws {
        let file = root.appendingPathComponent("\(name).status")
        if let status { try Data("\(status)".utf8).write(to: file) } else { try? FileManager.default.removeItem(at: file) }
    }

    func set(_ name: String, delaySeconds: Double?) throws {
        let file = root.appendingPathComponent("\(name).delay")
        if let delaySeconds { try Data("\(delaySeconds)".utf8).write(to: file) } else { try? FileManager.default.removeItem(at: file) }
    }

    /// `PATH STATUS` of every answer so far.
    var answers: [String] {
        ((try? String(contentsOf: root.appendingPathComponent("requests.log"), encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init)
    }

    /// SIGKILL: the test process may block SIGTERM, and a child inherits the mask.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

struct FeedServerError: Error, CustomStringConvertible {
    var description: String
}
