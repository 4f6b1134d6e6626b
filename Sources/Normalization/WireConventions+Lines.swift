import Foundation

/// Whole lines the wire conventions recognise: boilerplate lines, date lines, byline lines, update notes.
extension WireConventions {
    static let boilerplatePrefixes: [String] = [
        "read more", "read also", "also read", "see also", "related:", "related articles", "related stories", "related news",
        "related coverage", "more:", "follow us", "subscribe to", "sign up for", "sign up to", "click here", "share this",
        "share on", "photo:", "photo credit", "image:", "image credit", "advertisement", "listen to this article", "watch:",
        "recommended:", "skip to", "this article was", "you may also like", "more on this", "most read", "download our app",
        "join our", "get the latest", "continue reading", "story continues", "scroll to continue",
    ]
    static let boilerplateExact: Set<String> = [
        "share", "tweet", "email", "print", "comments", "advertisement", "advertising", "sponsored", "sponsored content", "more",
        "read more", "close", "menu", "home", "next", "previous", "back to top", "top", "loading", "subscribe", "log in", "login",
        "sign in", "register", "search", "share this article", "share this story", "copy link", "link copied", "whatsapp",
        "facebook", "twitter", "linkedin", "reddit", "telegram", "related", "ad", "[ad]",
        "publicidad", "anuncio", "publicité", "anzeige", "werbung", "pubblicità", "publicidade", "advertentie", "reklam", "реклама",
        "partager", "teilen", "compartir", "condividi", "compartilhar", "delen", "paylaş",
    ]

    /// A paragraph that is only site furniture ("Read more", "Advertisement", "Share this article", …).
    public static func isBoilerplateLine(_ paragraph: String) -> Bool {
        guard paragraph.utf8.count <= 480, paragraph.scalarCount(atMost: 120) <= 120, !paragraph.containsByte(10) else { return false }
        let l = paragraph.lowercased().trimming(" .:»›>|-–—•·*()[]")
        if boilerplateExact.contains(l) { return true }
        guard boilerplatePrefixes.contains(where: { l.hasPrefix($0) }) else { return false }
        return l.utf8.reduce(0) { $0 + ($1 == 32 ? 1 : 0) } < 14
    }

    /// A short line made of a date with year and at most a few label words ("date 2026-02-05 …", "Published: …").
    static func dateLine(_ line: String) -> DateParser.Parsed? {
        guard line.scalarCount(atMost: 120) <= 120 else { return nil }
        let found = DateParser.findAll(line)
        guard !found.isEmpty else { return nil }
        // Everything not covered by a date must be label words, separators or zone remnants.
        let tokens = DateParser.tokenize(line)
        var covered = Set<Int>()
        for f in found { for t in f.tokens { covered.insert(t) } }
        let labels: Set<String> = [
            "date", "dated", "published", "updated", "posted", "on", "last", "modified", "first", "time", "at", "utc", "gmt", "am", "pm",
            "publié", "le", "mis", "à", "jour", "veröffentlicht", "aktualisiert", "am", "um", "publicado", "el", "actualizado",
            "pubblicato", "il", "aggiornato", "publicado", "em", "atualizado", "gepubliceerd", "op", "bijgewerkt", "local",
        ]
        var extraWords = 0
        var updated = false
        for (i, t) in tokens.enumerated() where !covered.contains(i) {
            switch t.kind {
            case .punct: continue
            case .number: extraWords += 1
            case .word:
                if t.text == "updated" || t.text == "modified" || t.text == "aktualisiert" || t.text == "actualizado" { updated = true }
                if !labels.contains(t.text) && !DateParser.weekdays.contains(t.text) { extraWords += 1 }
            }
        }
        guard extraWords <= 1 else { return nil }
        let best = found.first(where: { $0.parsed.hasTimeAndZone })?.parsed ?? found[0].parsed
        // An "updated" stamp still marks the line as header, but prefer other dates: callers take the first.
        _ = updated
        return best
    }

    static let bylineSuffixes: [String] = ["read more", "more articles", "view all posts", "all articles", "follow", "profile", "email", "send email", "twitter", "more by this author"]

    /// A byline line: "By Jane Doe", "By Jane Doe and John Roe, Reuters", or "Nazrin Abdul Read more".
    static func bylineLine(_ line: String, afterHeader: Bool) -> String? {
        guard line.utf8.count <= 300, line.scalarCount(atMost: 100) <= 100, !line.containsByte(10) else { return nil }
        var s = line.trimmingSpaces()
        var hadMarker = false
        for prefix in ["By ", "BY ", "by ", "Par ", "Von ", "Por ", "Di ", "Door ", "Written by ", "Reporting by "] where s.hasPrefix(prefix) {
            s = String(s.dropFirst(prefix.count)); hadMarker = true; break
        }
        let lower = s.lowercased()
        for suffix in bylineSuffixes where lower.hasSuffix(" " + suffix) {
            s = String(s.dropLast(suffix.count + 1)); hadMarker = true; break
        }
        guard hadMarker else { return nil }
        s = s.trimming(" ,|-–—·•")
        // Drop a trailing ", Reuters" style affiliation and any date after a separator.
        for sep in [" | ", " - ", " – ", " — ", " · ", " • "] {
            if let r = s.byteRange(of: sep) { s = String(s[..<r.lowerBound]) }
        }
        let words = s.split(whereSeparator: { $0 == " " || $0 == "," })
        guard !words.isEmpty, words.count <= 10 else { return nil }
        let connectors: Set<String> = ["and", "&", "de", "van", "von", "der", "da", "di", "del", "la", "le", "bin", "al", "el", "et", "und", "y", "e", "in"]
        for w in words {
            guard let first = w.unicodeScalars.first else { return nil }
            if connectors.contains(w.lowercased()) { continue }
            if !first.properties.isUppercase { return nil }
        }
        return s
    }

    static let noteVerbs: Set<String> = [
        "updates", "update", "adds", "add", "recasts", "corrects", "correcting", "changes", "refile", "refiles", "repeats", "fixes",
        "rewrites", "inserts", "removes", "clarifies", "writethru", "updated", "adding", "new", "changing", "correction", "recasting",
    ]

    /// An editorial note such as "(Updates with details, quotes)".
    static func isNote(_ line: String) -> Bool {
        guard line.hasPrefix("("), line.hasSuffix(")"), line.utf8.count <= 600 else { return false }
        let inner = line.dropFirst().prefix(while: { $0.isLetter || $0 == " " })
        guard let first = inner.split(separator: " ").first else { return false }
        return noteVerbs.contains(first.lowercased())
    }

    /// A short headline-like line: a few words, no final period, mostly capitalised or a single clause.
    static func isHeadlineLike(_ line: String) -> Bool {
        guard line.utf8.count <= 480 else { return false }
        let words = line.split(separator: " ")
        guard words.count >= 2, words.count <= 20, line.count <= 160 else { return false }
        guard let last = line.last, !".,;:".contains(last) else { return false }
        return line.first?.isUppercase ?? false || line.first?.isNumber ?? false
    }
}
