/// `sources.<name>:` — one place `wire-ingest` takes stories from: a drop directory or a feed URL.
public struct SourceSettings: Sendable, Equatable {
    /// Where the stories come from.
    public enum Origin: Sendable, Equatable {
        case directory(DropDirectorySettings)
        case feed(FeedSettings)
    }

    /// The source's name (names its checkpoint file and log lines).
    public var name: String
    public var origin: Origin
    /// The topic stories are sent to: `topic`, else the input topic of `pipeline`, else of the first pipeline.
    public var topic: String
    /// A wire format name forcing a reader (`newsml-g2`, `rss`, …); nil detects the format from the content.
    public var format: String?
    /// Checkpoint entries for items not seen for this many days are forgotten (an item seen again after that is sent again).
    public var checkpointDays: Int
    /// The configuration key path, e.g. `sources.afp`.
    public var path: String
}

/// `sources.<name>` with `directory:` — files delivered by FTP/SFTP into a directory.
public struct DropDirectorySettings: Sendable, Equatable {
    /// The directory polled for new files.
    public var directory: String
    /// Where a file goes once all its records are acknowledged (default `<directory>/done`).
    public var done: String
    /// Where an unreadable file goes, with a `.error` note beside it (default `<directory>/failed`).
    public var failed: String
    /// Seconds between two scans; a file is read once its size and modification time are the same in two scans.
    public var pollSeconds: Double
    /// File name patterns (shell globs) never read: files still being uploaded under a temporary name.
    public var ignore: [String]

    public init(directory: String, done: String, failed: String, pollSeconds: Double, ignore: [String]) {
        self.directory = directory
        self.done = done
        self.failed = failed
        self.pollSeconds = pollSeconds
        self.ignore = ignore
    }

    /// Names uploaders use while a file is still being written, and hidden files.
    public static let defaultIgnore = [".*", "*.tmp", "*.part", "*.filepart", "*.partial", "*~"]
}

/// `sources.<name>` with `url:` — an RSS, Atom or NewsML feed polled over HTTP(S).
public struct FeedSettings: Sendable, Equatable {
    public var url: String
    /// Seconds between two polls.
    public var intervalSeconds: Double
    /// Seconds without an answer before a request counts as failed.
    public var timeoutSeconds: Double
    /// After consecutive failures the wait doubles from `intervalSeconds` up to this many seconds.
    public var maxBackoffSeconds: Double
    /// Extra request headers (e.g. `Authorization`).
    public var headers: [String: String]

    public init(url: String, intervalSeconds: Double, timeoutSeconds: Double, maxBackoffSeconds: Double, headers: [String: String]) {
        self.url = url
        self.intervalSeconds = intervalSeconds
        self.timeoutSeconds = timeoutSeconds
        self.maxBackoffSeconds = maxBackoffSeconds
        self.headers = headers
    }
}
