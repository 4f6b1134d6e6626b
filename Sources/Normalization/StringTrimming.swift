extension StringProtocol {
    /// `self` without leading and trailing scalars contained in `characters` (native, no bridging).
    func trimming(_ characters: String) -> String {
        let set = Set(characters.unicodeScalars)
        let scalars = String(self).unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, set.contains(scalars[start]) { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            if !set.contains(scalars[before]) { break }
            end = before
        }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    /// `self` without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String { trimming(" \t") }
}
