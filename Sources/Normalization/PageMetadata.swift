import Foundation

/// Collects a page's metadata while it is parsed: meta tags, `<link rel=canonical>`, `<time>`, `<title>`,
/// `<html lang>` and JSON-LD scripts (read at the end).
struct PageMetadataCollector {
    var lang: String?
    var documentTitle: String?
    var ogTitle: String?
    var siteName: String?
    var canonicalURL: String?
    var ogURL: String?
    var description: String?
    var metaDates: [(rank: Int, value: String)] = []
    var metaAuthors: [(rank: Int, value: String)] = []
    var timeDates: [String] = []
    var jsonLD: [String] = []

    static func string(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, limit: Int = 100_000) -> String {
        guard !r.isEmpty else { return "" }
        var out = String.UnicodeScalarView()
        HTMLEntities.decodeUTF8(buf, r.lowerBound, min(r.upperBound, r.lowerBound + limit), into: &out)
        return UnicodeCleaner.singleLine(String(out))
    }

    mutating func meta(_ a: AttributeRanges, _ buf: UnsafeBufferPointer<UInt8>) {
        guard let keyRange = a.property ?? a.name ?? a.itemprop, let contentRange = a.content, contentRange.count < 20_000 else { return }
        let key = String(decoding: UnsafeBufferPointer(rebasing: buf[keyRange.lowerBound..<min(keyRange.upperBound, keyRange.lowerBound + 64)]), as: UTF8.self).lowercased()
        switch key {
        case "og:title", "twitter:title", "og:site_name", "application-name", "og:url", "description", "og:description",
             "article:published_time", "datepublished", "og:published_time", "published_time", "publish-date", "publishdate",
             "pubdate", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "date", "sailthru.date", "parsely-pub-date",
             "article.published", "publication_date", "dcterms.created", "citation_publication_date", "original-publish-date",
             "article:modified_time", "datemodified", "og:updated_time", "last-modified",
             "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl", "byline", "citation_author":
            break
        default: return
        }
        let content = Self.string(buf, contentRange)
        guard !content.isEmpty else { return }
        switch key {
        case "og:title", "twitter:title": if ogTitle == nil { ogTitle = content }
        case "og:site_name", "application-name": if siteName == nil { siteName = content }
        case "og:url": if ogURL == nil { ogURL = content }
        case "description", "og:description": if description == nil { description = content }
        case "article:modified_time", "datemodified", "og:updated_time", "last-modified": metaDates.append((9, content))
        case "author", "article:author", "dc.creator", "dcterms.creator", "parsely-author", "sailthru.author", "byl", "byline", "citation_author":
            if !content.lowercased().hasPrefix("http"), metaAuthors.count < 16 { metaAuthors.append((key == "author" ? 1 : 2, content)) }
        default:
            let rank = ["article:published_time": 0, "datepublished": 0, "og:published_time": 1][key] ?? 2
            if metaDates.count < 16 { metaDates.append((rank, content)) }
        }
    }

    mutating func link(_ a: AttributeRanges, _ buf: UnsafeBufferPointer<UInt8>) {
        guard canonicalURL == nil, let rel = a.rel, ByteScan.equalsLower(buf, rel, "canonical"), let href = a.href else { return }
        let url = Self.string(buf, href, limit: 4000)
        if !url.isEmpty { canonicalURL = url }
    }

    mutating func time(_ a: AttributeRanges, _ buf: UnsafeBufferPointer<UInt8>) {
        guard let r = a.datetime else { return }
        let value = Self.string(buf, r, limit: 200)
        guard !value.isEmpty else { return }
        if a.pubdate || a.itemprop.map({ ByteScan.equalsLower(buf, $0, "datepublished") }) == true {
            timeDates.insert(value, at: 0)
        } else if timeDates.count < 8 {
            timeDates.append(value)
        }
    }

    mutating func documentTitle(_ buf: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) {
        guard documentTitle == nil else { return }
        let t = Self.string(buf, a..<b, limit: 4000)
        if !t.isEmpty { documentTitle = t }
    }

    mutating func jsonLD(_ buf: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) {
        guard jsonLD.count < 8, b - a < 4_000_000 else { return }
        jsonLD.append(String(decoding: UnsafeBufferPointer(rebasing: buf[a..<b]), as: UTF8.self))
    }

    /// The JSON-LD fields the extractor uses, from every script on the page.
    func readJSONLD() -> JSONLDFields {
        var found = JSONLDFields()
        for json in jsonLD {
            guard let data = json.data(using: .utf8),
                  let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { continue }
            JSONLDFields.walk(object, depth: 0, into: &found)
        }
        return found
    }
}

/// Fields of schema.org JSON-LD (`NewsArticle` and friends) that the extractor reads.
struct JSONLDFields {
    var dates: [String] = []
    var authors: [String] = []
    var headline: String?
    var publisher: String?
    var articleBody: String?
    var url: String?

    static func walk(_ object: Any, depth: Int, into found: inout JSONLDFields) {
        guard depth < 12 else { return }
        if let array = object as? [Any] {
            for item in array.prefix(50) { walk(item, depth: depth + 1, into: &found) }
            return
        }
        guard let dict = object as? [String: Any] else { return }
        if let d = dict["datePublished"] as? String { found.dates.append(d) }
        if let h = dict["headline"] as? String, found.headline == nil { found.headline = h }
        if let a = dict["author"] { found.authors.append(contentsOf: names(a)) }
        if let p = dict["publisher"], found.publisher == nil { found.publisher = names(p).first }
        if let b = dict["articleBody"] as? String, b.utf8.count > (found.articleBody?.utf8.count ?? 0) { found.articleBody = b }
        if found.url == nil, dict["articleBody"] != nil || dict["headline"] != nil, let u = dict["url"] as? String { found.url = u }
        if let graph = dict["@graph"] { walk(graph, depth: depth + 1, into: &found) }
        if let main = dict["mainEntity"] { walk(main, depth: depth + 1, into: &found) }
    }

    static func names(_ value: Any) -> [String] {
        if let s = value as? String { return s.lowercased().hasPrefix("http") ? [] : [s] }
        if let d = value as? [String: Any], let n = d["name"] as? String { return [n] }
        if let a = value as? [Any] { return a.prefix(10).flatMap { names($0) } }
        return []
    }
}
