/// Fields a wire-format reader fills (`wirectl convert`/`ingest`), carried as optional top-level record fields:
///
/// | key | meaning |
/// |---|---|
/// | `version` | the source's version of the story, as a string (G2 `@version`, NewsML 1 `RevisionId`); a higher number replaces a lower one with the same `id` |
/// | `updated_at` | time of this version (ISO 8601; UTC `…Z`, or naive when the source gives no zone) |
/// | `language` | language as declared by the source, ISO 639-1 lower case |
/// | `byline`, `dateline` | as the source declares them |
/// | `subjects` | `[{code, name}]`: IPTC subject / media-topic qcodes and names, categories of feeds |
/// | `deleted` | `true` on a tombstone: the source withdrew the story with this `id` (G2/NewsML 1 delete or kill) |
/// | `wire` | `{format, method}`: the format read and how (`xml`, `xml-recovered`, `text-heuristic`) |
///
/// Stages that do not know them pass them through unchanged (they live in ``ArticleRecord/extra``).
extension ArticleRecord {
    /// The source's version of this story as it writes it (G2 `@version`, NewsML 1 `RevisionId`: integers that grow).
    public var version: String? {
        get { extra["version"]?.stringValue ?? extra["version"]?.intValue.map(String.init) }
        set { extra["version"] = newValue.map(JSONValue.string) }
    }

    /// Time of this version, ISO 8601.
    public var updatedAt: String? {
        get { extra["updated_at"]?.stringValue }
        set { extra["updated_at"] = newValue.map(JSONValue.string) }
    }

    /// Declared language (ISO 639-1).
    public var language: String? {
        get { extra["language"]?.stringValue }
        set { extra["language"] = newValue.map(JSONValue.string) }
    }

    public var byline: String? {
        get { extra["byline"]?.stringValue }
        set { extra["byline"] = newValue.map(JSONValue.string) }
    }

    public var dateline: String? {
        get { extra["dateline"]?.stringValue }
        set { extra["dateline"] = newValue.map(JSONValue.string) }
    }

    /// A subject code and its name (either may be missing).
    public struct Subject: Sendable, Equatable {
        public var code: String?
        public var name: String?
        public init(code: String?, name: String?) {
            self.code = code
            self.name = name
        }
    }

    public var subjects: [Subject] {
        get {
            (extra["subjects"]?.arrayValue ?? []).compactMap { v in
                v.objectValue.map { Subject(code: $0["code"]?.stringValue, name: $0["name"]?.stringValue) }
            }
        }
        set {
            extra["subjects"] = newValue.isEmpty ? nil : .array(newValue.map { s in
                var o = JSONObject()
                if let code = s.code { o["code"] = .string(code) }
                if let name = s.name { o["name"] = .string(name) }
                return .object(o)
            })
        }
    }

    /// True on a tombstone: the source withdrew the story with this id; stages pass it through untouched and
    /// consumers delete what they hold under the id.
    public var isDeleted: Bool {
        get { extra["deleted"]?.boolValue ?? false }
        set { extra["deleted"] = newValue ? .bool(true) : nil }
    }

    /// The wire format the record was read from and how (`xml`, `xml-recovered`, `text-heuristic`).
    public var wireOrigin: (format: String, method: String)? {
        get {
            guard let o = extra["wire"]?.objectValue, let f = o["format"]?.stringValue, let m = o["method"]?.stringValue else { return nil }
            return (f, m)
        }
        set { extra["wire"] = newValue.map { .object(["format": .string($0.format), "method": .string($0.method)]) } }
    }
}
