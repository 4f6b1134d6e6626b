/// Rule-based value entities over tokens: DATE, MONEY, QUANTITY, PERCENT.
enum ValueRules {
    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
        "jan.": 1, "feb.": 2, "mar.": 3, "apr.": 4, "jun.": 6, "jul.": 7, "aug.": 8, "sep.": 9, "sept.": 9,
        "oct.": 10, "nov.": 11, "dec.": 12,
    ]
    /// Month names that are also common words or first names: need a day, year or modifier next to them.
    static let ambiguousMonths: Set<String> = ["may", "march", "june", "august", "april", "january"]
    static let dateModifiers: Set<String> = ["last", "next", "this", "early", "late", "mid", "mid-", "earlier", "later", "since", "until", "in", "by", "from", "during", "before", "after", "through", "end", "of", "on"]
    static let keepModifiers: Set<String> = ["last", "next", "this", "early", "late", "mid", "earlier", "later"]
    static let periodWords: Set<String> = ["week", "month", "year", "weekend", "quarter", "spring", "summer", "autumn", "fall", "winter", "decade", "century"]
    static let relativeDays: Set<String> = ["yesterday", "today", "tomorrow"]
    static let scales: Set<String> = ["hundred", "thousand", "million", "billion", "trillion", "mln", "bln", "bn", "tn", "trn", "m", "k", "hundreds", "thousands", "millions", "billions", "dozen"]
    static let numberWords: Set<String> = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                                           "fifteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "a", "half"]
    static let currencyWords: Set<String> = ["dollar", "dollars", "euro", "euros", "pound", "pounds", "sterling", "yen", "yuan", "renminbi",
                                             "franc", "francs", "mark", "marks", "rupee", "rupees", "rouble", "roubles", "ruble", "rubles",
                                             "peso", "pesos", "won", "lira", "lire", "riyal", "riyals", "rial", "rials", "dinar", "dinars",
                                             "crown", "crowns", "kronor", "krona", "kroner", "krone", "rand", "real", "reais", "shekels", "shekel",
                                             "guilders", "guilder", "schillings", "pence", "cents", "cent", "zloty", "forint", "baht", "ringgit",
                                             "rupiah", "naira", "hryvnia", "lei", "leva", "dirhams", "usd", "eur", "gbp", "jpy", "cny", "chf", "dm", "ecus", "ecu"]
    static let currencyCodes: Set<String> = ["usd", "eur", "gbp", "jpy", "cny", "chf", "cad", "aud", "inr", "rub", "hkd", "sek", "nok", "dkk", "dm", "us$", "c$", "a$", "hk$", "nz$", "s$", "rmb", "rs", "rs."]
    static let currencySymbols: Set<String> = ["$", "\u{20AC}", "\u{00A3}", "\u{00A5}", "us$", "c$", "a$", "hk$", "nz$", "s$"]
    static let units: Set<String> = ["tonnes", "tonne", "tons", "ton", "barrels", "barrel", "bpd", "kg", "kilograms", "kilogrammes", "kilos",
                                     "grams", "ounces", "oz", "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile",
                                     "metres", "meters", "metre", "meter", "feet", "foot", "acres", "hectares", "litres", "liters", "gallons",
                                     "megawatts", "mw", "gw", "kw", "gigawatts", "kilowatts", "bushels", "bales", "cubic", "square", "sq",
                                     "degrees", "mph", "cm", "mm", "inches", "yards", "lbs", "lb", "carats", "tcf", "bcm", "mcf"]
    static let percentWords: Set<String> = ["%", "percent", "pct", "per cent", "percentage"]

    // MARK: word classes (one table look-up per token instead of one per list)

    static let weekdayBit: UInt32 = 1 << 0, monthBit: UInt32 = 1 << 1, ambiguousMonthBit: UInt32 = 1 << 2
    static let dateModifierBit: UInt32 = 1 << 3, keepModifierBit: UInt32 = 1 << 4, periodWordBit: UInt32 = 1 << 5
    static let relativeDayBit: UInt32 = 1 << 6, scaleBit: UInt32 = 1 << 7, numberWordBit: UInt32 = 1 << 8
    static let currencyWordBit: UInt32 = 1 << 9, currencyCodeBit: UInt32 = 1 << 10, currencySymbolBit: UInt32 = 1 << 11
    static let unitBit: UInt32 = 1 << 12, lowercaseStarterBit: UInt32 = 1 << 13

    /// Lowercase word → the lists it is in.
    static let wordClasses: [String: UInt32] = {
        var d: [String: UInt32] = [:]
        func mark<S: Sequence>(_ words: S, _ bit: UInt32) where S.Element == String { for w in words { d[w, default: 0] |= bit } }
        mark(weekdays, weekdayBit); mark(months.keys, monthBit); mark(ambiguousMonths, ambiguousMonthBit)
        mark(dateModifiers, dateModifierBit); mark(keepModifiers, keepModifierBit); mark(periodWords, periodWordBit)
        mark(relativeDays, relativeDayBit); mark(scales, scaleBit); mark(numberWords, numberWordBit)
        mark(currencyWords, currencyWordBit); mark(currencyCodes, currencyCodeBit); mark(currencySymbols, currencySymbolBit)
        mark(units, unitBit); mark(lowercaseStarters, lowercaseStarterBit)
        return d
    }()
    static let wordClassMaxBytes = wordClasses.keys.map(\.utf8.count).max() ?? 0

    /// `wordClasses` as an open-addressing table keyed by the word's UTF-8 bytes packed into two words
    /// (every key is at most 16 bytes), so a look-up neither hashes a `String` nor builds the lowercase form.
    private struct ClassTable: Sendable {
        var lo: [UInt64]
        var hi: [UInt64]
        var bits: [UInt32]
        var mask: Int

        init(_ d: [String: UInt32]) {
            var cap = 16
            while cap < d.count * 4 { cap <<= 1 }
            lo = Array(repeating: 0, count: cap)
            hi = Array(repeating: 0, count: cap)
            bits = Array(repeating: 0, count: cap)
            mask = cap - 1
            for (w, b) in d {
                precondition(w.utf8.count <= 16, "word class keys are at most 16 bytes")
                let (l, h) = ClassTable.pack(w)
                var slot = ClassTable.hash(l, h) & mask
                while bits[slot] != 0 { slot = (slot + 1) & mask }
                lo[slot] = l
                hi[slot] = h
                bits[slot] = b
            }
        }

        /// Bytes 0-7 and 8-15 (first byte lowest); at most 16 bytes, none of them 0 in a key.
        static func pack(_ w: String) -> (UInt64, UInt64) {
            var l: UInt64 = 0, h: UInt64 = 0, k: UInt64 = 0
            for b in w.utf8 {
                if k < 8 { l |= UInt64(b) << (8 * k) } else if k < 16 { h |= UInt64(b) << (8 * (k - 8)) }
                k += 1
            }
            return (l, h)
        }

        @inline(__always) static func hash(_ l: UInt64, _ h: UInt64) -> Int {
            var x = (l ^ (h &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
            x ^= x >> 31
            return Int(truncatingIfNeeded: x ^ (x >> 17))
        }

        @inline(__always) func lookup(_ l: UInt64, _ h: UInt64) -> UInt32 {
            var slot = ClassTable.hash(l, h) & mask
            while true {
                let b = bits[slot]
                if b == 0 { return 0 }
                if lo[slot] == l && hi[slot] == h { return b }
                slot = (slot + 1) & mask
            }
        }
    }

    private static let classTable = ClassTable(wordClasses)

    /// Classes of a word already in lowercase.
    @inline(__always)
    static func wordClass(_ lower: String) -> UInt32 {
        guard lower.utf8.count <= wordClassMaxBytes, !lower.utf8.contains(0) else { return 0 }
        let (l, h) = ClassTable.pack(lower)
        return classTable.lookup(l, h)
    }

    /// `wordClass(lowercase(t))`.
    @inline(__always)
    static func wordClassOfWord(_ t: String) -> UInt32 { scan(t) & ~candidateBit }

    /// Set in `scan`'s result when a value may start at the word (`mayStart` and not `cannotMatch`).
    static let candidateBit: UInt32 = 1 << 31

    /// The word's classes (`wordClass(lowercase(t))`) plus `candidateBit`. ASCII words are read once, lowercased
    /// while packed for the table look-up; nothing is allocated.
    @inline(__always)
    static func scan(_ t: String) -> UInt32 {
        if let fast = t.utf8.withContiguousStorageIfAvailable({ scanASCII($0) }), let r = fast { return r }
        let c = wordClass(lowercase(t))
        return mayStart(t, c) && !cannotMatch(t, c) ? c | candidateBit : c
    }

    /// `scan` of an ASCII word without NUL bytes; nil for any other.
    @inline(__always)
    private static func scanASCII(_ buf: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var l: UInt64 = 0, h: UInt64 = 0
        var digitOrDollar = false
        let n = buf.count
        for k in 0..<n {
            let b = buf[k]
            if b >= 128 || b == 0 { return nil }
            if (b >= 48 && b <= 57) || b == 0x24 { digitOrDollar = true }
            let c = UInt64(b >= 65 && b <= 90 ? b + 32 : b)
            if k < 8 { l |= c << (8 * UInt64(k)) } else if k < 16 { h |= c << (8 * UInt64(k - 8)) }
        }
        let cls = n <= wordClassMaxBytes ? classTable.lookup(l, h) : 0
        guard n > 0 else { return cls }
        let f = buf[0]
        // mayStart: a lowercase first letter needs a lowercase starter or the exact prefix `mid-`
        if f >= 97 && f <= 122, cls & lowercaseStarterBit == 0 {
            guard n >= 4, f == 0x6D, buf[1] == 0x69, buf[2] == 0x64, buf[3] == 0x2D else { return cls }
        }
        // cannotMatch: no class, no digit, no `$`, and not starting with `mid-` in any case
        if cls == 0, !digitOrDollar, !(n >= 4 && l & 0xFFFF_FFFF == 0x2D64_696D) { return cls }
        return cls | candidateBit
    }

    static func isNumeric(_ t: String) -> Bool {
        var digits = 0
        for c in t.unicodeScalars {
            if c.value < 128 ? (c.value >= 48 && c.value <= 57) : c.properties.numericType != nil { digits += 1 }
            else if c == "," || c == "." || c == "/" { continue }
            else { return false }
        }
        guard digits > 0, let f = t.unicodeScalars.first else { return false }
        return f.value < 128 ? (f.value >= 48 && f.value <= 57) : f.properties.numericType != nil
    }

    static func dayNumber(_ t: String) -> Bool {
        var s = t
        for suffix in ["st", "nd", "rd", "th"] where s.hasSuffix(suffix) { s.removeLast(2) }
        guard let v = Int(s) else { return false }
        return v >= 1 && v <= 31
    }

    static func isYear(_ t: String) -> Bool {
        let bytes = t.utf8.count  // a year is three or four ASCII characters
        if bytes < 3 || bytes > 4 { return false }
        if t.count == 3, t.hasPrefix("'"), Int(t.dropFirst()) != nil { return true }
        guard t.count == 4, let v = Int(t) else { return false }
        return v >= 1800 && v <= 2199
    }

    static func isISODate(_ t: String) -> Bool {
        guard t.utf8.count == 10 else { return false }  // four, two and two ASCII digits and two hyphens
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2 else { return false }
        return parts.allSatisfy { Int($0) != nil }
    }

    /// Length of a number phrase starting at `i` (`12`, `12 million`, `1.5 bln`, `two billion`), 0 if none.
    static func numberPhrase(_ w: [String], _ i: Int) -> Int {
        numberPhrase(w, LowerWords(w: w), w.map(wordClassOfWord), i)
    }

    /// The lowercase form of each word, made when a rule reads it (rules read few words; most are never lowercased).
    struct LowerWords {
        let w: [String]
        @inline(__always) subscript(_ j: Int) -> String { ValueRules.lowercase(w[j]) }
    }

    static func numberPhrase(_ w: [String], _ lw: LowerWords, _ cls: [UInt32], _ i: Int) -> Int {
        guard i < w.count else { return 0 }
        var j = i
        if isNumeric(w[i]) {
            j += 1
        } else if cls[i] & numberWordBit != 0, i + 1 < w.count, cls[i + 1] & scaleBit != 0 {
            j += 1
        } else {
            return 0
        }
        while j < w.count, cls[j] & scaleBit != 0 {
            if lw[j] == "m" || lw[j] == "k", j > i + 1 { break }
            j += 1
        }
        return j - i
    }

    /// Value spans `(type, start, end)` in token indices, non-overlapping, in order.
    static func find(_ w: [String]) -> [(EntityType, Int, Int)] {
        var out: [(EntityType, Int, Int)] = []
        var i = 0
        let lw = LowerWords(w: w)
        let cls = w.map(scan)
        while i < w.count {
            if cls[i] & candidateBit != 0, let (type, len) = match(w, lw, cls, i) {
                out.append((type, i, i + len))
                i += len
            } else {
                i += 1
            }
        }
        return out
    }

    /// `t.lowercased()` where `t` has an uppercase or non-ASCII character, else `t` (ASCII mapped byte by byte).
    @inline(__always)
    static func lowercase(_ t: String) -> String {
        var upper = false
        for b in t.utf8 {
            if b >= 128 { return t.lowercased() }
            if b >= 65 && b <= 90 { upper = true }
        }
        guard upper else { return t }
        let n = t.utf8.count
        return String(unsafeUninitializedCapacity: n) { dst in
            var k = 0
            for b in t.utf8 { dst[k] = b >= 65 && b <= 90 ? b + 32 : b; k += 1 }
            return k
        }
    }

    /// True when `match` certainly finds nothing at a word of class `cls`: every rule needs a word class, a digit,
    /// `$` or the `mid-` prefix (non-ASCII words are left to `match`, their digits may be other scripts').
    @inline(__always)
    private static func cannotMatch(_ t: String, _ cls: UInt32) -> Bool {
        guard cls == 0 else { return false }
        var k = 0
        var mid = true  // the first four bytes, lowercased, are `mid-`
        for b in t.utf8 {
            if b >= 128 || (b >= 48 && b <= 57) || b == 0x24 { return false }
            if k < 4 {
                let lower = b >= 65 && b <= 90 ? b + 32 : b
                if lower != UInt8(truncatingIfNeeded: 0x2D64_696D >> (8 * k)) { mid = false }  // "mid-", first byte lowest
            }
            k += 1
        }
        return !(mid && k >= 4)
    }

    /// Lowercase words that can open a value; any other word starting with a lowercase letter cannot.
    static let lowercaseStarters: Set<String> = keepModifiers.union(relativeDays).union(numberWords)

    @inline(__always)
    private static func mayStart(_ t: String, _ cls: UInt32) -> Bool {
        guard let f = t.unicodeScalars.first else { return false }
        if CharClass.isLower(f) { return cls & lowercaseStarterBit != 0 || t.hasPrefix("mid-") }
        return true
    }

    private static func match(_ w: [String], _ lw: LowerWords, _ cls: [UInt32], _ i: Int) -> (EntityType, Int)? {
        let t = lw[i]
        let c = cls[i]
        // MONEY: symbol or code + number
        if c & (currencySymbolBit | currencyCodeBit) != 0 {
            let n = numberPhrase(w, lw, cls, i + 1)
            if n > 0 { return (.money, 1 + n) }
        }
        if t.utf8.contains(0x24), let dollar = t.firstIndex(of: "$"), dollar != t.startIndex || t.count > 1 {
            // US$11 kept as one token
            let rest = String(t[t.index(after: dollar)...])
            if isNumeric(rest) {
                var j = i + 1
                while j < w.count, cls[j] & scaleBit != 0 { j += 1 }
                return (.money, j - i)
            }
        }
        // number-led values
        let n = numberPhrase(w, lw, cls, i)
        if n > 0 {
            let j = i + n
            if j < w.count {
                let u = lw[j]
                let uc = cls[j]
                if u == "%" || u == "percent" || u == "pct" { return (.percent, n + 1) }
                if u == "per", j + 1 < w.count, lw[j + 1] == "cent" { return (.percent, n + 2) }
                if u == "percentage", j + 1 < w.count, lw[j + 1] == "points" || lw[j + 1] == "point" { return (.percent, n + 2) }
                if uc & (currencyWordBit | currencyCodeBit) != 0 {
                    if u == "won" || u == "real" || u == "mark" || u == "crown" || u == "rand", n == 1, !isNumeric(w[i]) { return nil }
                    return (.money, n + 1)
                }
                if j + 1 < w.count, cls[j + 1] & currencyWordBit != 0, isCapitalized(w[j]) { return (.money, n + 2) }
                if u == "metric" || u == "cubic" || u == "square" || u == "sq", j + 1 < w.count, cls[j + 1] & unitBit != 0 {
                    return (.quantity, n + 2)
                }
                if uc & unitBit != 0 && u != "cubic" && u != "square" && u != "sq" { return (.quantity, n + 1) }
            }
            // date: day month [year]
            if dayNumber(w[i]), n == 1, j < w.count, cls[j] & monthBit != 0 {
                var k = j + 1
                if k < w.count, lw[k] == "," { k += 1 }
                if k < w.count, isYear(w[k]) { return (.date, k + 1 - i) }
                return (.date, j + 1 - i)
            }
        }
        if isISODate(w[i]) { return (.date, 1) }
        if c & relativeDayBit != 0 { return (.date, 1) }
        // modifier + month / weekday / period word / year
        if c & keepModifierBit != 0, i + 1 < w.count {
            let nc = cls[i + 1]
            if nc & (weekdayBit | periodWordBit) != 0 || isYear(w[i + 1]) {
                return (.date, 2)
            }
            if nc & monthBit != 0, isCapitalized(w[i + 1]) {
                return (.date, 2 + monthTail(w, lw, i + 2))
            }
        }
        if t.hasPrefix("mid-"), months[String(t.dropFirst(4))] != nil || isYear(String(t.dropFirst(4))) { return (.date, 1) }
        if c & weekdayBit != 0, isCapitalized(w[i]) { return (.date, 1) }
        if c & monthBit != 0, isCapitalized(w[i]) {
            let tail = monthTail(w, lw, i + 1)
            if tail > 0 { return (.date, 1 + tail) }
            if c & ambiguousMonthBit != 0 {
                if i > 0, cls[i - 1] & dateModifierBit != 0 { return (.date, 1) }
                return nil
            }
            return (.date, 1)
        }
        if isYear(w[i]), !w[i].hasPrefix("'"), i > 0, Self.yearPrepositions.contains(lw[i - 1]) {
            return (.date, 1)
        }
        return nil
    }

    static let yearPrepositions: Set<String> = ["in", "since", "by", "until", "from", "during", "of", "before", "after", "through"]

    /// Tokens after a month that belong to the date: `5`, `5, 2026`, `2026`.
    private static func monthTail(_ w: [String], _ lw: LowerWords, _ k0: Int) -> Int {
        var k = k0
        if k < w.count, dayNumber(w[k]) {
            k += 1
            if k + 1 < w.count, lw[k] == ",", isYear(w[k + 1]) { k += 2 }
            else if k < w.count, isYear(w[k]) { k += 1 }
        } else if k < w.count, isYear(w[k]) {
            k += 1
        }
        return k - k0
    }

    private static func isCapitalized(_ t: String) -> Bool { t.unicodeScalars.first?.properties.isUppercase ?? false }
}
