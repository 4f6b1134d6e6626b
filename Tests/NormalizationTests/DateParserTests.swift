import Foundation
import Testing
@testable import Normalization

@Suite struct DateParserTests {
    func iso(_ s: String) -> String? { DateParser.parse(s)?.date.map(DateParser.iso8601) }

    @Test(arguments: [
        ("2026-02-05T07:37:00Z", "2026-02-05T07:37:00Z"),
        ("2026-02-05T11:37:00.123+04:00", "2026-02-05T07:37:00Z"),
        ("2026-02-05 11:37 +0400", "2026-02-05T07:37:00Z"),
        ("date 2026-02-05 5 February 2026 11:37 (UTC+04:00)", "2026-02-05T07:37:00Z"),
        ("Thu, 05 Feb 2026 11:37:00 +0400", "2026-02-05T07:37:00Z"),
        ("Thu, 05 Feb 2026 07:37:00 GMT", "2026-02-05T07:37:00Z"),
        ("February 5, 2026 at 2:37 a.m. EST", "2026-02-05T07:37:00Z"),
        ("Feb. 5, 2026, 2:37 AM ET", "2026-02-05T07:37:00Z"),
        ("July 4, 2026 8:00 PM ET", "2026-07-05T00:00:00Z"),
        ("Published 5 February 2026 07:37 GMT", "2026-02-05T07:37:00Z"),
        ("05.02.2026 08:37 CET", "2026-02-05T07:37:00Z"),
        ("5 de febrero de 2026", "2026-02-05T00:00:00Z"),
        ("5 février 2026 à 08:37 UTC+1", "2026-02-05T07:37:00Z"),
        ("5. Februar 2026", "2026-02-05T00:00:00Z"),
        ("Updated: 2026-02-05 11:37", "2026-02-05T00:00:00Z"),
    ])
    func formats(_ c: (String, String)) {
        #expect(iso(c.0) == c.1)
    }

    @Test(arguments: ["Aug 30", "30 August", "2026-13-45", "February 30, 2026", "at 11:37", "31/12", "no date here", ""])
    func untrusted(_ s: String) {
        #expect(DateParser.parse(s) == nil)
    }

    @Test func timeWithoutZoneKeepsOnlyTheDay() throws {
        let p = try #require(DateParser.parse("5 February 2026 11:37"))
        #expect(!p.hasTimeAndZone)
        #expect(p.date.map(DateParser.iso8601) == "2026-02-05T00:00:00Z")
        #expect(DateParser.parseFeedTimestamp("2026-02-05 11:37:00").map(DateParser.iso8601) == "2026-02-05T11:37:00Z")
        #expect(DateParser.parseFeedTimestamp("1770277020").map(DateParser.iso8601) == "2026-02-05T07:37:00Z")
    }
}
