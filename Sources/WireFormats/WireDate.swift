/// Dates as wire formats write them, turned into the record's ISO 8601 form: `2016-01-04T16:34:45Z` (UTC) when
/// the source gives a zone, `2016-01-12T12:35:40` (naive, as written) when it does not. Nil when unparseable.
///
/// Understood: ISO 8601 extended and basic (`2018-02-26T21:20:34.5+01:00`, `20170102T222800+0000`,
/// `20231124T192141Z`, a date alone), RFC 822/1123 (`Tue, 12 Jan 2016 12:35:40 GMT`, two-digit years, zone names,
/// numeric offsets), with month names in English, German, French, Spanish, Portuguese, Italian and Dutch.
public enum WireDate {
    public static func normalize(_ text: String?) -> String? {
        guard let text else { return nil }
        let t = WireText.collapseWhitespace(text)
        guard !t.isEmpty else { return nil }
        let u = Array(t.utf8)
        if u.count >= 8, isDigit(u[0]), isDigit(u[1]), isDigit(u[2]), isDigit(u[3]) { return iso(u) }
        return rfc822(t)
    }

    /// A calendar time with an optional offset from UTC in seconds.
    struct Stamp {
        var year: Int, month: Int, day: Int, hour = 0, minute = 0, second = 0
        var offset: Int?

        var string: String? {
            guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60, year >= 1900 else { return nil }
            guard let offset else { return format(year, month, day, hour, minute, second, zone: "") }
            // shift to UTC through days since the epoch
            var days = Self.daysFromCivil(year, month, day)
            var secs = hour * 3600 + minute * 60 + second - offset
            while secs < 0 { secs += 86400; days -= 1 }
            while secs >= 86400 { secs -= 86400; days += 1 }
            let (y, m, d) = Self.civilFromDays(days)
            return format(y, m, d, secs / 3600, secs % 3600 / 60, secs % 60, zone: "Z")
        }

        static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
            let y = m <= 2 ? y0 - 1 : y0
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146097 + doe - 719468
        }

        static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
            let z = z0 + 719468
            let era = (z >= 0 ? z : z - 146096) / 146097
            let doe = z - era * 146097
            let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            let d = doy - (153 * mp + 2) / 5 + 1
            let m = mp < 10 ? mp + 3 : mp - 9
            return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
        }

        private func format(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int, zone: String) -> String {
            func p(_ v: Int, _ w: Int = 2) -> String {
                let s = String(v)
                return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
            }
            return "\(p(y, 4))-\(p(m))-\(p(d))T\(p(h)):\(p(mi)):\(p(s))\(zone)"
        }
    }

    // MARK: ISO 8601

    static func iso(_ u: [UInt8]) -> String? {
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= u.count else { return nil }
            var v = 0
            for k in i..<(i + count) {
                guard isDigit(u[k]) else { return nil }
                v = v * 10 + Int(u[k] - 48)
            }
            i += count
            return v
        }
        func skip(_ b: UInt8) -> Bool {
            if i < u.count && u[i] == b { i += 1; return true }
            return false
        }
        guard let year = digits(4) else { return nil }
        let extended = skip(0x2D)
        guard let month = digits(2) else { return nil }
        if extended && !skip(0x2D) { return nil }
        guard let day = digits(2) else { return nil }
        var stamp = Stamp(year: year, month: month, day: day)
        if i < u.count && (u[i] == 0x54 || u[i] == 0x74 || u[i] == 0x20) {
            i += 1
            guard let h = digits(2) else { return nil }
            stamp.hour = h
            _ = skip(0x3A)
            if let m = digits(2) {
                stamp.minute = m
                _ = skip(0x3A)
                if let s = digits(2) { stamp.second = s }
            }
            if i < u.count && (u[i] == 0x2E || u[i] == 0x2C) {  // fraction
                i += 1
                while i < u.count && isDigit(u[i]) { i += 1 }
            }
            while i < u.count && u[i] == 0x20 { i += 1 }
            if i < u.count {
                if u[i] == 0x5A || u[i] == 0x7A {
                    stamp.offset = 0
                } else if u[i] == 0x2B || u[i] == 0x2D {
                    let sign = u[i] == 0x2D ? -1 : 1
                    i += 1
                    guard let oh = digits(2) else { return nil }
                    _ = skip(0x3A)
                    let om = digits(2) ?? 0
                    stamp.offset = sign * (oh * 3600 + om * 60)
                } else {
                    let rest = String(decoding: u[i...], as: UTF8.self).uppercased()
                    stamp.offset = zoneOffsets[rest]
                }
            }
        }
        return stamp.string
    }

    // MARK: RFC 822

    static func rfc822(_ text: String) -> String? {
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        // drop a leading day name
        if let first = tokens.first, first.first?.isLetter == true, monthNumber(first) == nil { tokens.removeFirst() }
        guard tokens.count >= 3 else { return nil }
        var day: Int?, month: Int?, year: Int?
        var k = 0
        // "12 Jan 2016" or "Jan 12 2016"
        if let d = Int(tokens[0].trimmingDot()), let m = monthNumber(tokens[1]) {
            day = d; month = m; k = 2
        } else if let m = monthNumber(tokens[0]), let d = Int(tokens[1].trimmingDot()) {
            day = d; month = m; k = 2
        } else {
            return nil
        }
        guard k < tokens.count, let y = Int(tokens[k]) else { return nil }
        year = y < 100 ? (y < 50 ? 2000 + y : 1900 + y) : y
        k += 1
        guard let day, let month, let year else { return nil }
        var stamp = Stamp(year: year, month: month, day: day)
        if k < tokens.count {
            let parts = tokens[k].split(separator: ":").map { Int($0) }
            guard parts.count >= 2, let h = parts[0], let m = parts[1] else { return nil }
            stamp.hour = h
            stamp.minute = m
            if parts.count > 2, let s = parts[2] { stamp.second = s }
            k += 1
            if k < tokens.count { stamp.offset = offset(tokens[k]) }
        }
        return stamp.string
    }

    static func offset(_ zone: String) -> Int? {
        let z = zone.uppercased()
        if let fixed = zoneOffsets[z] { return fixed }
        var s = Substring(z)
        for prefix in ["GMT", "UTC", "UT"] where s.hasPrefix(prefix) { s = s.dropFirst(prefix.count) }
        guard let sign = s.first, sign == "+" || sign == "-" else { return nil }
        let digits = s.dropFirst().filter(\.isNumber)
        guard let v = Int(digits) else { return nil }
        let (h, m) = digits.count <= 2 ? (v, 0) : (v / 100, v % 100)
        return (sign == "-" ? -1 : 1) * (h * 3600 + m * 60)
    }

    static let zoneOffsets: [String: Int] = [
        "Z": 0, "GMT": 0, "UT": 0, "UTC": 0, "WET": 0, "EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
        "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600, "CET": 3600, "CEST": 7200, "MET": 3600,
        "MEZ": 3600, "MESZ": 7200, "BST": 3600, "WEST": 3600, "EET": 7200, "EEST": 10800, "MSK": 10800, "JST": 9 * 3600,
        "KST": 9 * 3600, "AEST": 10 * 3600, "AEDT": 11 * 3600, "NZST": 12 * 3600, "NZDT": 13 * 3600, "HKT": 8 * 3600,
        "SGT": 8 * 3600,
    ]

    /// The month for an English, German, French, Spanish, Portuguese, Italian or Dutch month name or abbreviation.
    static func monthNumber(_ word: String) -> Int? {
        let full = word.lowercased().trimmingDot()
        if full.hasPrefix("juin") { return 6 }
        if full.hasPrefix("juil") { return 7 }
        return monthPrefixes[String(full.prefix(3))]
    }

    static let monthPrefixes: [String: Int] = {
        let names: [[String]] = [
            ["jan", "ene", "gen", "jän", "janv"], ["feb", "fev", "fév", "fév"], ["mar", "mär", "mrt"], ["apr", "abr", "avr"],
            ["may", "mai", "mei", "mag"], ["jun", "jui", "giu"], ["jul", "lug"], ["aug", "ago", "aoû", "aou"],
            ["sep", "set"], ["oct", "okt", "out", "ott"], ["nov"], ["dec", "dez", "dic", "déc"],
        ]
        var map: [String: Int] = [:]
        for (k, list) in names.enumerated() { for n in list { map[String(n.prefix(3))] = k + 1 } }
        map["jui"] = nil  // French juin/juillet: decided below
        return map
    }()

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
}

extension String {
    fileprivate func trimmingDot() -> String { hasSuffix(".") ? String(dropLast()) : self }
}
