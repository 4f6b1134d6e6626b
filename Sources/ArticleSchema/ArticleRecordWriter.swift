/// Writes an ``ArticleRecord`` straight to JSON bytes, byte for byte what `JSONWriter.bytes(record.json)`
/// gives, without building the ``JSONValue`` tree.
enum ArticleRecordWriter {
    static func bytes(_ r: ArticleRecord) -> [UInt8] {
        // Unknown fields named like known ones replace them in place in `json`; keep that rare case exact.
        if !r.extra.isEmpty, r.extra.keys.contains(where: isRecordKey) {
            return JSONWriter.bytes(r.json)
        }
        if let n = r.normalized, !n.extra.isEmpty, n.extra.keys.contains(where: isNormalizedKey) {
            return JSONWriter.bytes(r.json)
        }
        var w = JSONByteWriter(capacity: estimatedSize(r))
        w.append(#"{"schema_version":"#)
        w.writeInt(ArticleRecord.schemaVersion)
        w.append(#","id":"#)
        w.writeString(r.id)
        if let source = r.source { w.append(#","source":"#); w.writeString(source) }
        if let url = r.url { w.append(#","url":"#); w.writeString(url) }
        if let title = r.title { w.append(#","title":"#); w.writeString(title) }
        if let body = r.body { w.append(#","body":"#); w.writeString(body) }
        switch r.contentType {
        case .plain: w.append(#","content_type":"text/plain""#)
        case .html: w.append(#","content_type":"text/html""#)
        }
        if let publishedAt = r.publishedAt { w.append(#","published_at":"#); w.writeString(publishedAt) }
        if let receivedAt = r.receivedAt { w.append(#","received_at":"#); w.writeString(receivedAt) }
        if let n = r.normalized {
            w.append(#","normalized":{"title":"#)
            w.writeString(n.title)
            w.append(#","text":"#)
            w.writeString(n.text)
            w.append(#","language":"#)
            w.writeString(n.language)
            w.append(#","published_at":"#)
            w.writeOptionalString(n.publishedAt)
            w.append(#","byline":"#)
            w.writeOptionalString(n.byline)
            w.append(#","dateline":"#)
            w.writeOptionalString(n.dateline)
            w.append(#","word_count":"#)
            w.writeInt(n.wordCount)
            w.append(#","content_hash":"#)
            w.writeString(n.contentHash)
            if !n.extra.isEmpty { w.writeMembers(n.extra, first: false) }
            w.append(UInt8(ascii: "}"))
        }
        if let entities = r.entities {
            w.append(#","entities":["#)
            for i in entities.indices {
                let e = entities[i]
                w.append(i == 0 ? #"{"text":"# : #",{"text":"#)
                w.writeString(e.text)
                w.append(#","type":"#)
                w.writeString(e.type)
                w.append(#","canonical":"#)
                w.writeString(e.canonical)
                w.append(#","mentions":["#)
                for j in e.mentions.indices {
                    let m = e.mentions[j]
                    w.append(j == 0 ? #"{"start":"# : #",{"start":"#)
                    w.writeInt(m.start)
                    w.append(#","end":"#)
                    w.writeInt(m.end)
                    w.append(UInt8(ascii: "}"))
                }
                w.append("]}")
            }
            w.append(UInt8(ascii: "]"))
        }
        if let topics = r.topics {
            w.append(#","topics":["#)
            for i in topics.indices {
                let t = topics[i]
                w.append(i == 0 ? #"{"label":"# : #",{"label":"#)
                w.writeString(t.label)
                w.append(#","score":"#)
                w.writeNumber((t.score * 10000).rounded() / 10000)
                w.append(UInt8(ascii: "}"))
            }
            w.append(UInt8(ascii: "]"))
        }
        if let d = r.dedupe {
            w.append(#","dedupe":{"status":"#)
            w.writeString(d.status)
            w.append(#","duplicate_of":"#)
            w.writeOptionalString(d.duplicateOf)
            w.append(#","similarity":"#)
            w.writeNumber((d.similarity * 10000).rounded() / 10000)
            w.append(UInt8(ascii: "}"))
        }
        w.append(#","lineage":["#)
        for i in r.lineage.indices {
            let l = r.lineage[i]
            w.append(i == 0 ? #"{"stage":"# : #",{"stage":"#)
            w.writeString(l.stage)
            w.append(#","version":"#)
            w.writeString(l.version)
            w.append(#","processed_at":"#)
            w.writeString(l.processedAt)
            w.append(UInt8(ascii: "}"))
        }
        w.append(UInt8(ascii: "]"))
        if !r.extra.isEmpty { w.writeMembers(r.extra, first: false) }
        w.append(UInt8(ascii: "}"))
        return w.bytes
    }

    /// ``ArticleRecord/knownKeys`` without hashing.
    static func isRecordKey(_ k: String) -> Bool {
        switch k {
        case "schema_version", "id", "source", "url", "title", "body", "content_type", "published_at", "received_at",
            "normalized", "entities", "topics", "dedupe", "lineage":
            true
        default: false
        }
    }

    /// ``NormalizedSection/knownKeys`` without hashing.
    static func isNormalizedKey(_ k: String) -> Bool {
        switch k {
        case "title", "text", "language", "published_at", "byline", "dateline", "word_count", "content_hash": true
        default: false
        }
    }

    /// Output size when nothing needs escaping (a little over, so that one allocation is the rule).
    private static func estimatedSize(_ r: ArticleRecord) -> Int {
        var size = 160 + r.id.utf8.count
        size += (r.source?.utf8.count ?? 0) + (r.url?.utf8.count ?? 0) + (r.title?.utf8.count ?? 0) + (r.body?.utf8.count ?? 0)
        size += (r.publishedAt?.utf8.count ?? 0) + (r.receivedAt?.utf8.count ?? 0)
        if let n = r.normalized {
            size += 200 + n.title.utf8.count + n.text.utf8.count + n.contentHash.utf8.count + (n.byline?.utf8.count ?? 0)
                + (n.dateline?.utf8.count ?? 0) + 40 * n.extra.count
        }
        if let entities = r.entities {
            for e in entities { size += 60 + e.text.utf8.count + e.type.utf8.count + e.canonical.utf8.count + 28 * e.mentions.count }
        }
        if let topics = r.topics { size += 16 + 40 * topics.count }
        if r.dedupe != nil { size += 128 }
        size += 16 + 80 * r.lineage.count + 48 * r.extra.count
        return size + size / 64
    }
}
