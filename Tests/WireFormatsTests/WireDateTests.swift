import Testing
@testable import WireFormats

@Suite struct WireDateTests {
    @Test func isoForms() {
        #expect(WireDate.normalize("2018-02-26T21:20:34Z") == "2018-02-26T21:20:34Z")
        #expect(WireDate.normalize("2018-03-01T18:34:39.924+01:00") == "2018-03-01T17:34:39Z")
        #expect(WireDate.normalize("20170102T222800+0000") == "2017-01-02T22:28:00Z")
        #expect(WireDate.normalize("20231124T192141Z") == "2023-11-24T19:21:41Z")
        #expect(WireDate.normalize("20190603T160217") == "2019-06-03T16:02:17")
        #expect(WireDate.normalize("2016-01-01T00:30:00+02:00") == "2015-12-31T22:30:00Z")
        #expect(WireDate.normalize("2016-01-12") == "2016-01-12T00:00:00")
    }

    @Test func rfc822Forms() {
        #expect(WireDate.normalize("Wed, 31 Jan 2018 07:26:05 GMT") == "2018-01-31T07:26:05Z")
        #expect(WireDate.normalize("Tue, 12 Jan 16 12:35 -0500") == "2016-01-12T17:35:00Z")
        #expect(WireDate.normalize("Mon, 05 Dez 2016 10:00:00 MEZ") == "2016-12-05T09:00:00Z")
        #expect(WireDate.normalize("3 juin 2019 08:00:00 +0200") == "2019-06-03T06:00:00Z")
        #expect(WireDate.normalize("12 Jan 2016 12:35:40") == "2016-01-12T12:35:40")
        #expect(WireDate.normalize("not a date") == nil)
        #expect(WireDate.normalize("") == nil)
    }
}
