import ArticleSchema
import Testing

/// The byte-level codec against the generic reference path (`JSONValue` tree): same bytes out, same
/// records or errors in.
@Suite("Byte-level record codec")
struct ArticleCodecFastPathTests {
    static func enriched(extra: JSONObject = [:]) -> ArticleRecord {
        var r = ArticleRecord(
            id: "a1", source: "wire", url: "https://example.com/1", title: "Xi met Trump",
            body: "BEIJING (Reuters) - Xi met \"Trump\" on Wednesday.\n\nThey said… 😀", contentType: .html,
            publishedAt: "2026-02-05", receivedAt: "2026-02-05T07:37:00Z")
        r.normalized = NormalizedSection(
            title: "Xi met Trump", text: "Xi met \"Trump\" on Wednesday.\nThey said… 😀", language: "en",
            publishedAt: "2026-02-05T00:00:00Z", byline: nil, dateline: "BEIJING", wordCount: 8,
            contentHash: String(repeating: "ab", count: 32), extra: ["language_confidence": 0.957, "credit": "Reuters"])
        let types = ["PERSON", "ORGANIZATION", "LOCATION", "MISC", "DATE", "MONEY", "QUANTITY", "PERCENT"]
        r.entities = (0..<15).map { i in
            EntityRecord(
                text: "Entity \(i)", type: types[i % types.count], canonical: i % 3 == 0 ? "Canonical “\(i)”" : "Entity \(i)",
                mentions: (0..<(1 + i % 4)).map { EntityRecord.Mention(start: i * 10 + $0 * 100, end: i * 10 + $0 * 100 + 8) })
        }
        r.topics = [TopicRecord(label: "World", score: 0.9123), TopicRecord(label: "Business", score: 0.5),
                    TopicRecord(label: "Politics", score: 1), TopicRecord(label: "Markets", score: 0.0001)]
        r.dedupe = DedupeRecord(status: "near_duplicate", duplicateOf: "a0", similarity: 0.8731)
        for stage in ["normalize", "entities", "classify", "dedupe"] {
            r.lineage.append(LineageEntry(stage: stage, version: "1.0", processedAt: "2026-02-05T07:37:01Z"))
        }
        r.extra = extra
        return r
    }

    /// Decoding `input` on the fast path gives exactly what the generic path gives, record or error.
    static func expectSameDecoding(_ input: [UInt8], headerSchemaVersion: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        let fast = Result { () throws(ArticleDecodingError) in try ArticleCodec.decode(input, headerSchemaVersion: headerSchemaVersion) }
        let generic = Result { () throws(ArticleDecodingError) in try ArticleCodec.decodeGeneric(input, headerSchemaVersion: headerSchemaVersion) }
        let text = String(decoding: input, as: UTF8.self)
        switch (fast, generic) {
        case (.success(let a), .success(let b)): #expect(a == b, "\(text)", sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)): #expect(a == b, "\(text)", sourceLocation: sourceLocation)
        default: Issue.record("fast \(fast) vs generic \(generic) for \(text)", sourceLocation: sourceLocation)
        }
    }

    @Test("an enriched record round-trips, and the bytes are those of the generic writer")
    func enrichedRoundTrip() throws {
        let record = Self.enriched(extra: ["ingest_batch": 7, "tags": ["a", "b"], "meta": .object(["nested": .object(["deep": [1, 2.5, nil, true]])])])
        let bytes = ArticleCodec.encode(record)
        #expect(bytes == ArticleCodec.encodeGeneric(record))
        let back = try ArticleCodec.decode(bytes)
        #expect(back == record)
        #expect(try ArticleCodec.decodeGeneric(bytes) == record)
        #expect(ArticleCodec.encode(back) == bytes)
        // Not hard-coded: the text starts with the version and id, extras come last in order.
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix(#"{"schema_version":1,"id":"a1","source":"wire""#))
        #expect(text.hasSuffix(#""ingest_batch":7,"tags":["a","b"],"meta":{"nested":{"deep":[1,2.5,null,true]}}}"#))
    }

    @Test("records with absent, empty and edge-valued sections are written byte for byte like the generic writer")
    func encodeEdgeCases() throws {
        var records: [ArticleRecord] = [ArticleRecord(body: ""), Self.enriched()]
        var r = Self.enriched()
        r.entities = []
        r.topics = []
        r.lineage = []
        r.normalized?.extra = [:]
        r.normalized?.byline = "By A \\ B"
        r.normalized?.wordCount = 1_000_000_000_000_001
        r.entities = [EntityRecord(text: "", type: "MISC", canonical: "", mentions: [.init(start: -3, end: Int.max)])]
        r.topics = [TopicRecord(label: "x", score: .nan), TopicRecord(label: "y", score: -.infinity), TopicRecord(label: "z", score: 1e-5),
                    TopicRecord(label: "w", score: 123456789.123456), TopicRecord(label: "v", score: -0.0)]
        r.dedupe = DedupeRecord(status: "unique", duplicateOf: nil, similarity: 2e20)
        records.append(r)
        var controls = ArticleRecord(id: "c", body: String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) }) + "\u{2028}é\u{10FFFF}")
        controls.title = "\u{0}"
        records.append(controls)
        // Unknown fields named like known ones replace them in place (the generic writer's rule).
        var clash = Self.enriched(extra: ["source": "override", "later": 1])
        clash.normalized?.extra["text"] = "override"
        records.append(clash)
        for record in records {
            #expect(ArticleCodec.encode(record) == ArticleCodec.encodeGeneric(record))
            #expect(ArticleCodec.encodeString(record) == JSONWriter.string(record.json))
            Self.expectSameDecoding(ArticleCodec.encode(record))
        }
    }

    @Test("escapes, unicode and surrogate pairs in every field survive, decoded like the generic path")
    func escapes() throws {
        let tricky = "quote \" backslash \\ slash / tab \t cr \r nl \n nul \u{0} us \u{1F} del \u{7F} emoji 😀 curly “x” NBSP\u{00A0} ZWJ 👩‍👩‍👧 e\u{301}"
        var record = Self.enriched(extra: [tricky: .string(tricky)])
        record.title = tricky
        record.body = tricky + tricky
        record.normalized?.text = tricky
        record.entities?[0].text = tricky
        record.lineage[0].stage = tricky
        let bytes = ArticleCodec.encode(record)
        #expect(bytes == ArticleCodec.encodeGeneric(record))
        #expect(try ArticleCodec.decode(bytes) == record)

        let inputs = [
            #"{"body":"\ud83d\ude00 \u00e9 \u0041\/\b\f\n\r\t\"\\"}"#,
            #"{"body":"lone high \ud83d then text"}"#,
            #"{"body":"lone low \ude00"}"#,
            #"{"body":"high then non-low \ud83d\u0041"}"#,
            #"{"body":"high at end \ud83d"}"#,
            #"{"bo\u0064y":"escaped key","ti\"tle":"x"}"#,
            #"{"body":"b","x\u00e9":"escaped unknown key"}"#,
            #"{"body":"bad escape \x"}"#,
            #"{"body":"short \u12"}"#,
            #"{"body":"bad hex \u12G4"}"#,
            "{\"body\":\"raw control \u{1} inside\"}",
        ]
        for input in inputs { Self.expectSameDecoding(Array(input.utf8)) }
        #expect(try ArticleCodec.decode(inputs[0]).body == "😀 é A/\u{8}\u{C}\n\r\t\"\\")
        #expect(try ArticleCodec.decode(inputs[1]).body == "lone high \u{FFFD} then text")
        #expect(try ArticleCodec.decode(inputs[3]).body == "high then non-low \u{FFFD}A")
    }

    @Test("invalid UTF-8 inside strings becomes U+FFFD on both paths; outside strings it is refused with the offset")
    func invalidUTF8() throws {
        let bad: [[UInt8]] = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0x80, 0x80]]
        for seq in bad {
            for template in [#"{"body":"a%b"}"#, #"{"body":"x","k%":"v"}"#, #"{"body":"x","normalized":{"title":"%","text":"t%"}}"#,
                             #"{"body":"x","entities":[{"text":"%","type":"MISC"}]}"#, #"{"body":"a\n%"}"#, #"{"body":"%"}"#] {
                let parts = template.split(separator: "%", omittingEmptySubsequences: false).map { Array($0.utf8) }
                var input = parts[0]
                for part in parts.dropFirst() { input += seq + part }
                Self.expectSameDecoding(input)
                let record = try ArticleCodec.decode(input)
                let out = String(decoding: ArticleCodec.encode(record), as: UTF8.self)
                #expect(out.contains("\u{FFFD}"), "\(seq): \(out)")
            }
        }
        let outside: [UInt8] = Array(#"{"body":"b","#.utf8) + [0xFF] + Array(#""x":1}"#.utf8)
        do {
            _ = try ArticleCodec.decode(outside)
            Issue.record("accepted a byte 0xFF between members")
        } catch {
            #expect(error.description.contains("not a JSON record: invalid JSON at byte 12"), "\(error.description)")
        }
        Self.expectSameDecoding(outside)
    }

    @Test("nesting is limited to 512 levels, counting the record itself")
    func deepNesting() throws {
        func record(depth: Int) -> [UInt8] {
            Array((#"{"body":"b","deep":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}").utf8)
        }
        let ok = record(depth: 511)
        let decoded = try ArticleCodec.decode(ok)
        #expect(ArticleCodec.encode(decoded).suffix(600) == ok.suffix(600))
        Self.expectSameDecoding(ok)
        do {
            _ = try ArticleCodec.decode(record(depth: 512))
            Issue.record("accepted 513 levels")
        } catch {
            #expect(error.description.contains("nesting deeper than 512"), "\(error.description)")
        }
        Self.expectSameDecoding(record(depth: 512))
        Self.expectSameDecoding(record(depth: 100_000))
        #expect(throws: JSONParseError.self) { try JSONParser.parse(String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 600)) }
    }

    @Test("unknown fields are kept in order, at the top and in `normalized`; unknown keys in list items are dropped as before")
    func unknownFields() throws {
        let line = #"""
            { "z_first" : {"a":[1,{"b":null}]}, "body" : "b", "normalized": {"x_pre": 1, "title":"t","text":"b","spans":[[0,1]],"credit":null},
              "entities":[{"text":"X","type":"PERSON","score":0.5,"mentions":[{"start":0,"end":1,"why":"cap"}]}],
              "topics":[{"label":"L","score":1,"extra":[]}], "dedupe":{"status":"unique","cluster":9},
              "lineage":[{"stage":"s","host":"h"}], "a_last": "kept", "z_first": "replaced in place" }
            """#
        let record = try ArticleCodec.decode(line)
        #expect(record.extra.keys == ["z_first", "a_last"])
        #expect(record.extra["z_first"] == "replaced in place")
        #expect(record.normalized?.extra.keys == ["x_pre", "spans", "credit"])
        #expect(record.normalized?.extra["credit"] == .null)
        #expect(record.entities == [EntityRecord(text: "X", type: "PERSON", canonical: "X", mentions: [.init(start: 0, end: 1)])])
        #expect(record.lineage == [LineageEntry(stage: "s", version: "", processedAt: "")])
        Self.expectSameDecoding(Array(line.utf8))
        let out = ArticleCodec.encodeString(record)
        #expect(out.hasSuffix(#""z_first":"replaced in place","a_last":"kept"}"#))
        #expect(out.contains(#""content_hash":"","x_pre":1,"spans":[[0,1]],"credit":null}"#))
    }

    @Test("tricky but valid and invalid inputs decode exactly as on the generic path")
    func differential() {
        let inputs = [
            #"{"body":"b"}"#, " \n\t{ \"body\" : \"b\" , \"id\" : \"\" } \r\n", #"{"body":null,"normalized":{"title":"t","text":"from text"}}"#,
            #"{"id":null,"source":null,"url":null,"title":null,"body":"b","content_type":null,"published_at":null,"received_at":null,"normalized":null,"entities":null,"topics":null,"dedupe":null,"lineage":null,"schema_version":null}"#,
            #"{"body":"b","content_type":"TEXT/HTML"}"#, #"{"body":"b","content_type":"text/html"}"#, #"{"body":"b","content_type":5}"#,
            #"{"body":"b","schema_version":1.0}"#, #"{"body":"b","schema_version":1e0}"#, #"{"body":"b","schema_version":0.5}"#,
            #"{"body":"b","schema_version":2}"#, #"{"body":"b","schema_version":"1"}"#, #"{"body":"b","schema_version":-0}"#,
            #"{"body":"b","normalized":{"title":"t","text":"x","word_count":1.5}}"#, #"{"body":"b","normalized":{"title":"t"}}"#,
            #"{"body":"b","normalized":{"title":"t","text":"x","word_count":12345678901234567}}"#,
            #"{"body":"b","normalized":[]}"#, #"{"body":"b","normalized":{"title":"t","text":"x","language":null,"content_hash":null}}"#,
            #"{"body":"b","entities":[]}"#, #"{"body":"b","entities":{}}"#, #"{"body":"b","entities":[1]}"#,
            #"{"body":"b","entities":[{"text":"x","type":"PERSON","canonical":null,"mentions":null}]}"#,
            #"{"body":"b","entities":[{"text":"x","type":"PERSON","mentions":[{"start":1}]}]}"#,
            #"{"body":"b","entities":[{"text":"x","type":"PERSON","mentions":[{"start":1e1,"end":2.0E+1}]}]}"#,
            #"{"body":"b","entities":[{"text":"x","type":"PERSON","mentions":[{"start":1,"end":9007199254740993}]}]}"#,
            #"{"body":"b","entities":[{"text":"x","type":"person"}]}"#, #"{"body":"b","entities":[{"type":"PERSON","text":"x","type":"BAD"}]}"#,
            #"{"body":"b","entities":[{"type":"BAD","text":"x","type":"PERSON"}]}"#,
            #"{"body":"b","topics":[{"label":"l","score":-0.0}, {"label":"m","score":1.7976931348623157e308}, {"label":"n","score":5e-324}]}"#,
            #"{"body":"b","topics":[{"label":"l","score":0.1000000000000000055511151231257827}, {"label":"m","score":123456789012345678901234567890}]}"#,
            #"{"body":"b","topics":[{"label":"l","score":1e400}]}"#, #"{"body":"b","topics":[{"label":"l"}]}"#,
            #"{"body":"b","topics":[{"label":"l","score":01}]}"#, #"{"body":"b","topics":[{"label":"l","score":1.}]}"#,
            #"{"body":"b","topics":[{"label":"l","score":-}]}"#, #"{"body":"b","topics":[{"label":"l","score":.5}]}"#,
            #"{"body":"b","topics":[{"label":"l","score":1e}]}"#, #"{"body":"b","topics":[{"label":"l","score":+1}]}"#,
            #"{"body":"b","dedupe":{"status":"duplicate","duplicate_of":null,"similarity":null}}"#, #"{"body":"b","dedupe":{"status":"nope"}}"#,
            #"{"body":"b","dedupe":{}}"#, #"{"body":"b","lineage":[{"version":"1"}]}"#, #"{"body":"b","lineage":[{"stage":"s","version":1}]}"#,
            #"{"body":"b","body":"second wins"}"#, #"{"body":5,"body":"second wins"}"#, #"{"body":"b","extra":tru}"#, #"{"body":"b","extra":nul}"#,
            #"{"body":"b"} x"#, #"{"body":"b",}"#, #"{"body":"b""#, #"{"body" "b"}"#, #"{body:"b"}"#, "", " ", "[]", "null", "\"s\"",
            #"{"body":"b","entities":[{"text":"x","type":"PERSON"},]}"#, #"{"body":"b","lineage":[{"stage":"s"}"#,
        ]
        for input in inputs {
            Self.expectSameDecoding(Array(input.utf8))
            Self.expectSameDecoding(Array(input.utf8), headerSchemaVersion: 1)
            Self.expectSameDecoding(Array(input.utf8), headerSchemaVersion: 2)
        }
        // Every prefix of a full record: each is refused the same way on both paths.
        let full = ArticleCodec.encode(Self.enriched(extra: ["k": [1, "v"]]))
        for end in stride(from: 0, through: full.count, by: 7) { Self.expectSameDecoding(Array(full[..<end])) }
    }

    @Test("numbers are read to the same Double as the standard library's parser")
    func numbers() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        var texts = ["0", "-0", "1", "-1", "0.1", "0.5", "1e22", "1e23", "9007199254740993", "123456789012345", "1234567890123456",
                     "0.000001", "1e-22", "1e-23", "4.9e-324", "2.2250738585072014e-308", "179769313486231570000000000000000000000"]
        for _ in 0..<3000 {
            let d = Double(bitPattern: next())
            if d.isFinite { texts.append(d.description) }
            texts.append(String(Int64(bitPattern: next()) >> (next() % 60)))
            texts.append("\(next() % 100_000).\(next() % 10_000)e\(Int(next() % 40) - 20)")
        }
        for text in texts {
            guard let expected = Double(text) else { continue }
            let json = #"{"body":"b","topics":[{"label":"l","score":\#(text)}]}"#
            let score = try #require(try ArticleCodec.decode(json).topics?.first?.score)
            #expect(score.bitPattern == expected.bitPattern, "\(text)")
            #expect(try JSONParser.parse(text) == .number(expected), "\(text)")
        }
    }

    @Test("numbers are written as Swift's shortest form, integers as plain digits")
    func numberWriting() {
        var state: UInt64 = 77
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        var values: [Double] = [0.0001, 0.00011, 0.00009, 0.1, 0.5, 0.9999, 1.0001, -0.25, 99_999_999_999.9999, 100_000_000_000.5, 1e15, 1e15 + 0.5,
                                1e-7, 5e-324, .greatestFiniteMagnitude, 0.1 + 0.2, 123.456, -0.0, 9.5e14, 4503599627370495.5]
        for _ in 0..<5000 {
            let m = Double(Int64(bitPattern: next() << 11) >> Int64(next() % 60))
            values.append((m / 10_000 * 10_000).rounded() / 10_000)
            values.append(Double(Int(next() % 2_000_000)) / 10_000)
            values.append(Double(Int(next() % 2_000)) / 1000)
            values.append(Double(bitPattern: next() << 11 | next()))
        }
        for v in values where v.isFinite {
            let expected = v.rounded() == v && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
            #expect(JSONWriter.string(.number(v)) == expected, "\(v.bitPattern)")
        }
        #expect(JSONWriter.string([.number(.nan), .number(.infinity), 7, -7, 1_000_000]) == "[null,null,7,-7,1000000]")
    }
}
