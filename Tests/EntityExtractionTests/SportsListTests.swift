import Foundation
import Testing
@testable import EntityExtraction

/// Names in result lists, line-ups and scorecards (sentences written for these tests): each name is one PERSON,
/// and the steps after the tagger do not retype it from another mention of the same word.
@Suite struct SportsListTests {
    /// The PERSON mentions of `text` as surface strings, in text order.
    private func persons(_ text: String) throws -> [String] {
        let entities = try EntityRecognizer.bundled().recognize(text)
        return entities.filter { $0.type == .person }.flatMap(\.mentions).sorted { $0.start < $1.start }
            .map { text.scalars($0.start, $0.end) }
    }

    @Test func numberedResultList() throws {
        let text = """
            Results of the men 's 200 metres final on Sunday :
            1 - Marco Bellini , 2 - Tomas Varga , 3 - Pieter Janssen , 4 - Lars Eriksen
            """
        #expect(try persons(text) == ["Marco Bellini", "Tomas Varga", "Pieter Janssen", "Lars Eriksen"])
    }

    @Test func scorersSurnameFirst() throws {
        let text = """
            Ferencvaros beat Ujpest 3-1 in the Hungarian league on Saturday .
            Scorers : Kovacs Andras 12 , Horvath Peter 55 , Varga Tibor 81
            """
        // The tagger alone types the first name after "Scorers :" ORGANIZATION (CoNLL's scorer lines often begin
        // with the team); the list step gives it the type of the rest of its list.
        #expect(try persons(text) == ["Kovacs Andras", "Horvath Peter", "Varga Tibor"])
    }

    @Test func teamScoreBeforeAPlayersListKeepsItsType() throws {
        let text = """
            London : Warwickshire 195 , Surrey 429-7 ( Colin Lewis 80 not out , Mark Butcher 70 , Graham Kersey 63 , John Ratcliffe 63 , Darren Bicknell 55 ) .
            """
        let found = try EntityRecognizer.bundled().recognize(text)
        #expect(!found.contains { $0.type == .person && $0.canonical == "Warwickshire" }, "got \(found)")
    }

    @Test func numberedLinesWithCountries() throws {
        let text = """
            Leading results in the women 's 1,500 metres :
            1. Anna Kowalczyk ( Poland ) 4:05.12
            2. Maria Rossi ( Italy ) 4:06.30
            3. Elena Popescu ( Romania ) 4:07.01
            """
        #expect(try persons(text) == ["Anna Kowalczyk", "Maria Rossi", "Elena Popescu"])
        let locations = try EntityRecognizer.bundled().recognize(text).filter { $0.type == .location }.map(\.canonical)
        #expect(Set(locations) == ["Poland", "Italy", "Romania"])
    }

    @Test func teamListAfterAPlaceName() throws {
        // `Morgan` is a place elsewhere in the text; in the line-up it stays a person's name
        let text = """
            The squad flew to Morgan City on Tuesday .
            Wales : Gareth Pryce , Owen Maddocks , Rhys Llewellyn , Dafydd Morgan , Huw Jenkins
            """
        let found = try persons(text)
        for name in ["Gareth Pryce", "Owen Maddocks", "Rhys Llewellyn", "Dafydd Morgan", "Huw Jenkins"] {
            #expect(found.contains(name), "missing \(name); got \(found)")
        }
    }

    @Test func cricketScorecardLineIsThreePeople() throws {
        let text = """
            Pakistan first innings
            Imran Qadir st Walsh b Parker 14
            Saleem Akhtar c Brennan b Parker 31
            """
        let found = try persons(text)
        #expect(found.contains("Imran Qadir") && found.contains("Saleem Akhtar"), "got \(found)")
        // no PERSON runs across the dismissal words
        #expect(!found.contains { $0.contains(" st ") || $0.contains(" b ") || $0.contains(" c ") }, "got \(found)")
    }
}
