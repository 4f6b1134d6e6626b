import Foundation

/// ISO 8601 UTC timestamps as records carry them (`2026-02-05T07:37:00Z`).
public enum ISOTime {
    public static func string(from date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }

    /// Parses `2026-02-05T07:37:00Z`, with fractional seconds or a numeric offset, or a plain date.
    public static func date(from string: String) -> Date? {
        let s = string.trimmingCharacters(in: .whitespaces)
        if let d = try? Date(s, strategy: Date.ISO8601FormatStyle(timeZone: .gmt)) { return d }
        if let d = try? Date(s, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)) { return d }
        if let d = try? Date(s, strategy: Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day()) { return d }
        return nil
    }
}
