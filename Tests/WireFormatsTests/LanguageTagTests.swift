import Testing
@testable import WireFormats

@Suite struct LanguageTagTests {
    @Test func primarySubtagLowerCase639_1() {
        #expect(LanguageTag.normalize("fi-FI") == "fi")
        #expect(LanguageTag.normalize("swe") == "sv")
        #expect(LanguageTag.normalize("EN_us") == "en")
        #expect(LanguageTag.normalize("nb-NO") == "nb")
        #expect(LanguageTag.normalize("ger") == "de")
        #expect(LanguageTag.normalize("") == nil)
        #expect(LanguageTag.normalize("x1") == nil)
    }
}
