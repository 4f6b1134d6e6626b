import ArticleSchema
import Testing

@Suite("Article record codec")
struct ArticleCodecTests {
    @Test("a raw record round-trips and gets a stable id")
    func stableID() throws {
        let line = #"{"source":"azernews","url":"https://x/1","title":"T","body":"Body text."}"#
        let a = try ArticleCodec.decode(line)
        let b = try ArticleCodec.decode(line)
        #expect(a.id == b.id)
        #expect(a.id.count == 25)
        let other = try ArticleCodec.decode(#"{"source":"azernews","url":"https://x/1","title":"T","body":"Other text."}"#)
        #expect(other.id != a.id)
        let again = try ArticleCodec.decode(ArticleCodec.encode(a))
        #expect(again == a)
    }

    @Test("unknown fields, also inside sections, are carried through unchanged and in order")
    func unknownFields() throws {
        let line = #"{"id":"x1","body":"b","zeta":{"nested":[1,2,{"k":null}]},"alpha":true,"normalized":{"title":"t","text":"b","language":"en","future_field":"keep me"}}"#
        var record = try ArticleCodec.decode(line)
        record.appendLineage(stage: "entities", version: "1")
        let out = ArticleCodec.encodeString(record)
        #expect(out.contains(#""zeta":{"nested":[1,2,{"k":null}]},"alpha":true"#))
        #expect(out.contains(#""future_field":"keep me""#))
        let back = try ArticleCodec.decode(out)
        #expect(back.extra["zeta"] == record.extra["zeta"])
        #expect(back.lineage.map(\.stage) == ["entities"])
    }

    @Test("sections written by stages use the public field names")
    func sectionNames() throws {
        var record = ArticleRecord(id: "a", source: "s", body: "Xi met Trump.")
        record.normalized = NormalizedSection(title: "T", text: "Xi met Trump.", language: "en", publishedAt: "2026-02-05T07:37:00Z", byline: "N A", dateline: nil, wordCount: 3, contentHash: "h")
        record.entities = [EntityRecord(text: "Xi", type: "PERSON", canonical: "Xi Jinping", mentions: [.init(start: 0, end: 2)])]
        record.topics = [TopicRecord(label: "World", score: 0.91234567)]
        record.dedupe = DedupeRecord(status: "near_duplicate", duplicateOf: "z", similarity: 0.8)
        let json = ArticleCodec.encodeString(record)
        for key in [#""published_at":"2026-02-05T07:37:00Z""#, #""word_count":3"#, #""content_hash":"h""#, #""canonical":"Xi Jinping""#,
                    #""mentions":[{"start":0,"end":2}]"#, #""label":"World","score":0.9123"#, #""status":"near_duplicate""#, #""duplicate_of":"z""#] {
            #expect(json.contains(key), "missing \(key) in \(json)")
        }
        #expect(try ArticleCodec.decode(json) == {
            var r = record
            r.topics = [TopicRecord(label: "World", score: 0.9123)]
            return r
        }())
    }

    @Test("a newer schema version, from the body or the header, is refused with the reason")
    func newerSchema() {
        #expect(throws: ArticleDecodingError.newerSchema(found: 2, supported: 1)) {
            try ArticleCodec.decode(#"{"schema_version":2,"body":"b"}"#)
        }
        #expect(throws: ArticleDecodingError.newerSchema(found: 7, supported: 1)) {
            try ArticleCodec.decode(Array(#"{"body":"b"}"#.utf8), headerSchemaVersion: 7)
        }
    }

    @Test("malformed records get a reason naming the field")
    func malformed() {
        let cases: [(String, String)] = [
            ("not json", "not a JSON record"),
            ("[1,2]", "expected a JSON object, got array"),
            (#"{"title":"no body"}"#, "missing required field 'body'"),
            (#"{"body":42}"#, "field 'body': expected a string, got number"),
            (#"{"body":"b","content_type":"application/pdf"}"#, "field 'content_type'"),
            (#"{"body":"b","entities":[{"text":"x"}]}"#, "missing required field 'entities[0].type'"),
            (#"{"body":"b","entities":[{"text":"x","type":"ANIMAL"}]}"#, "field 'entities[0].type': expected one of DATE, LOCATION"),
            (#"{"body":"b","dedupe":{"status":"maybe"}}"#, "field 'dedupe.status': expected one of unique, duplicate, near_duplicate, got 'maybe'"),
            (#"{"body":"b","#, "not a JSON record"),
        ]
        for (input, expected) in cases {
            do {
                _ = try ArticleCodec.decode(input)
                Issue.record("accepted \(input)")
            } catch {
                #expect(error.description.contains(expected), "\(input): \(error.description)")
            }
        }
    }
}

@Suite("JSON reader and writer")
struct JSONTests {
    @Test("escapes, unicode and surrogate pairs survive a round trip")
    func strings() throws {
        let text = "quote \" backslash \\ tab \t newline \n nul \u{0} emoji 😀 curly “x” NBSP\u{00A0}"
        let out = JSONWriter.string(.string(text))
        #expect(try JSONParser.parse(out) == .string(text))
        #expect(try JSONParser.parse(#""\ud83d\ude00 \u00e9""#) == .string("😀 é"))
        #expect(try JSONParser.parse(#""\ud83d""#) == .string("\u{FFFD}"))
    }

    @Test("numbers and literals")
    func numbers() throws {
        #expect(try JSONParser.parse("[0, -1.5e3, 12, true, false, null]") == .array([0, -1500, 12, true, false, nil]))
        #expect(JSONWriter.string([1, 2.5, nil]) == "[1,2.5,null]")
        #expect(throws: JSONParseError.self) { try JSONParser.parse("01") }
        #expect(throws: JSONParseError.self) { try JSONParser.parse("[1,]") }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(String(repeating: "[", count: 10_000)) }
    }

    @Test("invalid UTF-8 inside a string is replaced, never dropped silently")
    func invalidUTF8() throws {
        let bytes: [UInt8] = Array(#"{"body":"a"#.utf8) + [0xFF, 0xFE] + Array(#"b"}"#.utf8)
        let record = try ArticleCodec.decode(bytes)
        #expect(record.body == "a\u{FFFD}\u{FFFD}b")
    }
}
