import Foundation
import Testing
@testable import EntityExtraction

@Suite struct ValueRulesTests {
    private func values(_ text: String) throws -> [(EntityType, String)] {
        try EntityRecognizer.bundled().recognize(text)
            .filter { $0.type.conllLabel == nil }
            .flatMap { e in e.mentions.map { (e.type, text.scalars($0.start, $0.end)) } }
    }

    private func contains(_ found: [(EntityType, String)], _ type: EntityType, _ surface: String) -> Bool {
        found.contains { $0.0 == type && $0.1 == surface }
    }

    @Test func dates() throws {
        let v = try values("The deal was signed on 5 February 2026 and takes effect Feb. 5 next year; talks resume Wednesday, as they did last December and on March 3, 2025.")
        #expect(contains(v, .date, "5 February 2026"))
        #expect(contains(v, .date, "Feb. 5"))
        #expect(contains(v, .date, "Wednesday"))
        #expect(contains(v, .date, "last December"))
        #expect(contains(v, .date, "March 3, 2025"))
        #expect(contains(v, .date, "next year"))
    }

    @Test func ambiguousMonthNeedsContext() throws {
        let v = try values("Prices may rise, analysts said. Sales fell in May.")
        #expect(v.filter { $0.0 == .date }.map(\.1) == ["May"])
    }

    @Test func money() throws {
        let v = try values("It paid $11 billion, then 50 million euros, then US$3.5 million and 20 pounds.")
        #expect(contains(v, .money, "$11 billion"))
        #expect(contains(v, .money, "50 million euros"))
        #expect(contains(v, .money, "US$3.5 million"))
        #expect(contains(v, .money, "20 pounds"))
    }

    @Test func quantitiesAndPercents() throws {
        let v = try values("Output rose 5 percent to 12 million tonnes; margins were 3.2% and costs fell 5 pct, or 2 per cent.")
        #expect(contains(v, .percent, "5 percent"))
        #expect(contains(v, .percent, "3.2%"))
        #expect(contains(v, .percent, "5 pct"))
        #expect(contains(v, .percent, "2 per cent"))
        #expect(contains(v, .quantity, "12 million tonnes"))
    }

    @Test func plainNumbersAreNotValues() throws {
        let v = try values("He scored 3 goals in 2 games.")
        #expect(v.isEmpty)
    }
}
