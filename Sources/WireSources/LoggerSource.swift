import Logging

extension Logger {
    /// This logger with `source=<name>` on every line.
    func labelled(source name: String) -> Logger {
        var logger = self
        logger[metadataKey: "source"] = "\(name)"
        return logger
    }
}
