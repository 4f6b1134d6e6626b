import Foundation

/// Finds and parses dates in common wire and web formats and normalises them to UTC.
///
/// Understood: ISO 8601 / RFC 3339 (`2026-02-05T07:37:00+04:00`, `2026-02-05 07:37`), RFC 2822
/// (`Thu, 05 Feb 2026 11:37:00 +0400`), textual dates in English, French, German, Spanish, Italian,
/// Portuguese and Dutch (`5 February 2026 11:37 (UTC+04:00)`, `February 5, 2026 at 11:37 a.m. EST`,
/// `5 de febrero de 2026`), and `05.02.2026 11:37`. Zones: `Z`, `UTC`/`GMT`±h[:mm], numeric offsets,
/// common abbreviations and US `ET`/`CT`/`MT`/`PT` (with daylight saving).
/// A date without a year is never returned; a time without a zone is dropped (the day is kept).
public enum DateParser {
    /// A parsed date: either a full instant (time with zone) or a calendar day.
    public struct Parsed: Sendable, Equatable {
        public var year: Int, month: Int, day: Int
        /// Hour/minute/second in the stated zone, when a time was given with a zone.
        public var hour: Int?, minute: Int?, second: Int?
        /// Offset from UTC in seconds for the stated time.
        public var offsetSeconds: Int?
        /// Seconds into the day of a time given without a zone (not trusted; see `dateAssumingUTC`).
        public var unzonedSeconds: Int?

        /// The instant, reading a zone-less time as UTC (for feed metadata, never for text).
        public var dateAssumingUTC: Date? {
            guard !hasTimeAndZone, let secs = unzonedSeconds, let day = date else { return date }
            return day.addingTimeInterval(Double(secs))
        }

        /// True when the instant is fully known (date, time and zone).
        public var hasTimeAndZone: Bool { hour != nil && offsetSeconds != nil }

        /// The instant; a calendar day becomes 00:00 UTC of that day.
        public var date: Date? {
            var comps = DateComponents()
            comps.year = year; comps.month = month; comps.day = day
            comps.hour = hour ?? 0; comps.minute = minute ?? 0; comps.second = second ?? 0
            guard let local = DateParser.utcCalendar.date(from: comps) else { return nil }
            return local.addingTimeInterval(-Double(offsetSeconds ?? 0))
        }
    }

    static let utcCalendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? c.timeZone
        return c
    }()

    /// `date` as `yyyy-MM-ddTHH:mm:ssZ`.
    public static func iso8601(_ date: Date) -> String {
        let c = utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func p(_ v: Int?, _ w: Int) -> String {
            let s = String(v ?? 0)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        return "\(p(c.year, 4))-\(p(c.month, 2))-\(p(c.day, 2))T\(p(c.hour, 2)):\(p(c.minute, 2)):\(p(c.second, 2))Z"
    }

    /// The most precise date found in `text` (a full instant beats a calendar day; earlier beats later).
    public static func parse(_ text: String) -> Parsed? {
        let all = findAll(text)
        return all.first(where: { $0.parsed.hasTimeAndZone })?.parsed ?? all.first?.parsed
    }

    /// Parses a feed's own timestamp: like `parse`, but a zone-less time is read as UTC and plain
    /// Unix seconds or milliseconds are accepted.
    public static func parseFeedTimestamp(_ text: String) -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if !t.isEmpty, t.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let v = Double(t) {
            if t.count == 10 { return Date(timeIntervalSince1970: v) }
            if t.count == 13 { return Date(timeIntervalSince1970: v / 1000) }
            return nil
        }
        return parse(t)?.dateAssumingUTC
    }

    /// Every date found in `text`, with the token range it covered (for callers that cut it out).
    static func findAll(_ text: String) -> [(parsed: Parsed, tokens: Range<Int>, chars: Range<Int>)] {
        let tokens = tokenize(text)
        var results: [(Parsed, Range<Int>, Range<Int>)] = []
        var i = 0
        while i < tokens.count {
            if let (parsed, end) = match(tokens, i) {
                results.append((parsed, i..<end, tokens[i].start..<tokens[end - 1].end))
                i = end
            } else {
                i += 1
            }
        }
        return results
    }

    // MARK: - tokens

    enum Kind: Equatable { case number, word, punct }
    struct Token {
        var kind: Kind
        var text: String      // lower-cased for words
        var value: Int        // numbers
        var digits: Int
        var start: Int, end: Int // scalar offsets
        var spaceBefore: Bool
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = String.UnicodeScalarView()
        var kind: Kind = .punct
        var start = 0
        var spaceBefore = false
        var pendingSpace = false
        var index = 0
        func flush(_ end: Int) {
            guard !current.isEmpty else { return }
            let s = String(current)
            if kind == .number {
                let digits = current.count
                tokens.append(Token(kind: .number, text: s, value: digits <= 9 ? (Int(s) ?? 0) : Int.max, digits: digits, start: start, end: end, spaceBefore: spaceBefore))
            } else {
                tokens.append(Token(kind: .word, text: s.lowercased(), value: 0, digits: 0, start: start, end: end, spaceBefore: spaceBefore))
            }
            current = String.UnicodeScalarView()
        }
        for s in text.unicodeScalars {
            let v = s.value
            let isDigit = v >= 48 && v <= 57
            let isLetter = !isDigit && (((v | 0x20) >= 97 && (v | 0x20) <= 122) || (v >= 0xC0 && s.properties.isAlphabetic))
            if isDigit || isLetter {
                let k: Kind = isDigit ? .number : .word
                if current.isEmpty || k != kind {
                    flush(index)
                    kind = k; start = index; spaceBefore = pendingSpace; pendingSpace = false
                }
                current.append(s)
            } else {
                flush(index)
                if s.properties.isWhitespace {
                    pendingSpace = true
                } else {
                    tokens.append(Token(kind: .punct, text: String(s), value: 0, digits: 0, start: index, end: index + 1, spaceBefore: pendingSpace))
                    pendingSpace = false
                }
            }
            index += 1
            if tokens.count > 10_000 { break }
        }
        flush(index)
        return tokens
    }

    // MARK: - vocabulary

    static let months: [String: Int] = {
        var m: [String: Int] = [:]
        let lists: [[String]] = [
            ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
            ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
            ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
            ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
            ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
            ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
            ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
        ]
        for list in lists { for (i, name) in list.enumerated() { m[name] = i + 1 } }
        m["sept"] = 9; m["fevrier"] = 2; m["aout"] = 8; m["decembre"] = 12; m["jänner"] = 1; m["maerz"] = 3; m["setiembre"] = 9
        m["janv"] = 1; m["févr"] = 2; m["avr"] = 4; m["juil"] = 7; m["déc"] = 12; m["okt"] = 10; m["dez"] = 12; m["mrz"] = 3
        for (i, name) in ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"].enumerated() {
            m[name] = i + 1
        }
        for (i, name) in ["ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık"].enumerated() {
            m[name] = i + 1
        }
        m["ene"] = 1; m["abr"] = 4; m["ago"] = 8; m["dic"] = 12; m["set"] = 9; m["out"] = 10; m["mei"] = 5; m["mrt"] = 3
        return m
    }()

    static let weekdays: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ]

    /// Fixed offsets (hours) for zone abbreviations that are unambiguous enough in news copy.
    static let zoneOffsets: [String: Double] = [
        "z": 0, "utc": 0, "gmt": 0, "ut": 0, "wet": 0,
        "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
        "akst": -9, "akdt": -8, "hst": -10, "ast": -4, "adt": -3, "nst": -3.5, "ndt": -2.5,
        "bst": 1, "cet": 1, "cest": 2, "met": 1, "mest": 2, "eet": 2, "eest": 3, "west": 1, "msk": 3,
        "jst": 9, "kst": 9, "hkt": 8, "sgt": 8, "aest": 10, "aedt": 11, "acst": 9.5, "awst": 8, "nzst": 12, "nzdt": 13,
        "pkt": 5, "wib": 7, "pht": 8, "sast": 2, "eat": 3, "wat": 1, "cat": 2, "azt": 4, "gst": 4, "trt": 3,
    ]
    /// US zone names without daylight-saving information: resolved through the time-zone database.
    static let zoneIdentifiers: [String: String] = [
        "et": "America/New_York", "ct": "America/Chicago", "mt": "America/Denver", "pt": "America/Los_Angeles",
    ]

    // MARK: - matching

    /// Tries to read a date starting at token `i`; returns it and the index after the last token used.
    static func match(_ t: [Token], _ i: Int) -> (Parsed, Int)? {
        let first = t[i]
        // Optional weekday prefix ("Thu, ").
        if first.kind == .word, weekdays.contains(first.text) {
            var j = i + 1
            if j < t.count, t[j].text == "," || t[j].text == "." { j += 1 }
            guard j < t.count, let r = match(t, j) else { return nil }
            return (r.0, r.1)
        }
        var year = 0, month = 0, day = 0
        var j = i
        func tok(_ k: Int) -> Token? { k < t.count ? t[k] : nil }
        func isPunct(_ k: Int, _ s: String) -> Bool { tok(k).map { $0.kind == .punct && $0.text == s } ?? false }

        if first.kind == .number && first.digits == 4 && (isPunct(i + 1, "-") || isPunct(i + 1, "/")) {
            // ISO-like: YYYY-MM-DD
            let sep = t[i + 1].text
            guard let m = tok(i + 2), m.kind == .number, m.digits <= 2, isPunct(i + 3, sep),
                  let d = tok(i + 4), d.kind == .number, d.digits <= 2 else { return nil }
            year = first.value; month = m.value; day = d.value; j = i + 5
            if let tt = tok(j), tt.kind == .word, tt.text == "t", !tt.spaceBefore { j += 1 }
        } else if first.kind == .number && first.digits <= 2 && isPunct(i + 1, "."),
                  let m = tok(i + 2), m.kind == .number, m.digits <= 2, !m.spaceBefore, isPunct(i + 3, "."),
                  let y = tok(i + 4), y.kind == .number, y.digits == 4, !y.spaceBefore {
            // DD.MM.YYYY
            day = first.value; month = m.value; year = y.value; j = i + 5
        } else if first.kind == .number && first.digits <= 2 {
            // D[.] [de|of] Month[.] [de|,] YYYY
            j = i + 1
            if let s = tok(j), s.kind == .word, ["st", "nd", "rd", "th", "er", "º"].contains(s.text), !s.spaceBefore { j += 1 }
            if isPunct(j, ".") { j += 1 }
            if let s = tok(j), s.kind == .word, ["de", "of"].contains(s.text) { j += 1 }
            guard let mt = tok(j), mt.kind == .word, let m = months[mt.text] else { return nil }
            j += 1
            if isPunct(j, ".") { j += 1 }
            if isPunct(j, ",") { j += 1 }
            if let s = tok(j), s.kind == .word, ["de", "del"].contains(s.text) { j += 1 }
            guard let y = tok(j), y.kind == .number, y.digits == 4 else { return nil }
            day = first.value; month = m; year = y.value; j += 1
        } else if first.kind == .word, let m = months[first.text] {
            // Month[.] D[st][,] YYYY
            j = i + 1
            if isPunct(j, ".") { j += 1 }
            guard let d = tok(j), d.kind == .number, d.digits <= 2 else { return nil }
            j += 1
            if let s = tok(j), s.kind == .word, ["st", "nd", "rd", "th"].contains(s.text), !s.spaceBefore { j += 1 }
            if isPunct(j, ",") { j += 1 }
            guard let y = tok(j), y.kind == .number, y.digits == 4 else { return nil }
            month = m; day = d.value; year = y.value; j += 1
        } else {
            return nil
        }
        guard year >= 1900, year <= 2200, month >= 1, month <= 12, day >= 1,
              day <= daysIn(month: month, year: year) else { return nil }
        var parsed = Parsed(year: year, month: month, day: day, hour: nil, minute: nil, second: nil, offsetSeconds: nil, unzonedSeconds: nil)
        // Optional time.
        var k = j
        if isPunct(k, ",") || isPunct(k, "-") || isPunct(k, "|") || isPunct(k, "•") || isPunct(k, "·") { k += 1 }
        if let s = tok(k), s.kind == .word, ["at", "à", "um", "às", "alle", "a", "om", "las", "ore"].contains(s.text) { k += 1 }
        if let h = tok(k), h.kind == .number, h.digits <= 2, (isPunct(k + 1, ":") || (isPunct(k + 1, ".") && tok(k + 2)?.digits == 2)),
           let mi = tok(k + 2), mi.kind == .number, mi.digits == 2, !mi.spaceBefore {
            var hour = h.value, minute = mi.value, second = 0
            k += 3
            if isPunct(k, ":"), let se = tok(k + 1), se.kind == .number, se.digits == 2, !se.spaceBefore {
                second = se.value; k += 2
                if isPunct(k, "."), let fr = tok(k + 1), fr.kind == .number, !fr.spaceBefore { k += 2 }
            }
            // am / pm / a.m. / p.m.
            if let ap = tok(k), ap.kind == .word {
                var meridiem: String?
                if ap.text == "am" || ap.text == "pm" { meridiem = ap.text; k += 1 }
                else if (ap.text == "a" || ap.text == "p"), isPunct(k + 1, "."), tok(k + 2)?.text == "m" {
                    meridiem = ap.text + "m"; k += 3
                    if isPunct(k, ".") { k += 1 }
                }
                if let mer = meridiem {
                    guard hour >= 1 && hour <= 12 else { return nil }
                    if mer == "pm" && hour != 12 { hour += 12 }
                    if mer == "am" && hour == 12 { hour = 0 }
                }
            }
            if let s = tok(k), s.kind == .word, ["h", "uhr", "hrs", "horas"].contains(s.text) { k += 1 }
            guard hour < 24, minute < 60, second <= 60 else { return nil }
            if let (offset, next) = zone(t, k, year: year, month: month, day: day, hour: hour, minute: minute) {
                parsed.hour = hour; parsed.minute = minute; parsed.second = min(second, 59)
                parsed.offsetSeconds = offset
                return (parsed, next)
            }
            parsed.unzonedSeconds = hour * 3600 + minute * 60 + min(second, 59)
            return (parsed, k) // time without zone: not trusted, keep the day
        }
        return (parsed, j)
    }

    /// Reads a zone at token `k`: `Z`, `UTC`, `GMT+4`, `(UTC+04:00)`, `+0400`, `-05:00`, `EST`, `ET`.
    static func zone(_ t: [Token], _ k: Int, year: Int, month: Int, day: Int, hour: Int, minute: Int) -> (Int, Int)? {
        var k = k
        var paren = false
        if k < t.count, t[k].text == "(" { paren = true; k += 1 }
        guard k < t.count else { return nil }
        var base: Int?
        var hadName = false
        if t[k].kind == .word {
            let name = t[k].text
            if let h = zoneOffsets[name] {
                base = Int(h * 3600); hadName = true; k += 1
            } else if let id = zoneIdentifiers[name], let tz = TimeZone(identifier: id) {
                var comps = DateComponents()
                comps.year = year; comps.month = month; comps.day = day; comps.hour = hour; comps.minute = minute
                var cal = Calendar(identifier: .gregorian)
                cal.timeZone = tz
                guard let d = cal.date(from: comps) else { return nil }
                base = tz.secondsFromGMT(for: d); hadName = true; k += 1
                if k < t.count, t[k].text == "t" || t[k].text == "time" { k += 1 }
            } else {
                return nil
            }
        }
        // Numeric offset (after UTC/GMT or alone).
        if k < t.count, t[k].kind == .punct, t[k].text == "+" || t[k].text == "-" || t[k].text == "−",
           base == nil || base == 0,
           k + 1 < t.count, t[k + 1].kind == .number {
            let sign = t[k].text == "+" ? 1 : -1
            let n = t[k + 1]
            var hours = 0, minutes = 0
            var next = k + 2
            if n.digits == 4 { hours = n.value / 100; minutes = n.value % 100 }
            else if n.digits <= 2 {
                hours = n.value
                if next + 1 < t.count, t[next].text == ":", t[next + 1].kind == .number, t[next + 1].digits == 2 {
                    minutes = t[next + 1].value; next += 2
                }
            } else { return nil }
            guard hours <= 14, minutes < 60 else { return nil }
            base = sign * (hours * 3600 + minutes * 60)
            k = next
            hadName = true
        }
        guard hadName, let offset = base else { return nil }
        if paren {
            guard k < t.count, t[k].text == ")" else { return nil }
            k += 1
        }
        return (offset, k)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
