import Foundation

/// Identifies the language of a text from its script and character n-gram profiles (1–3-grams plus whole
/// short words) built from the project's own sample text (`LanguageSamples`).
///
/// Latin-script text is scored with a naive-Bayes model over en, fr, de, es, it, pt, nl, tr; Cyrillic text is
/// `ru` (`uk` with Ukrainian letters), Arabic script `ar`, Han `zh` (`ja` with kana), Hangul `ko`, Greek `el`,
/// Hebrew `he`, Devanagari `hi`, Thai `th`. Returns `"und"` with confidence 0 when there is too little text.
public struct LanguageIdentifier: Sendable {
    /// The shared identifier (profiles built once).
    public static let shared = LanguageIdentifier()

    /// Languages the n-gram model scores.
    public let latinLanguages: [String]
    /// Feature key → row index into `logProbs`.
    private let rows: FeatureTable
    /// Row-major log-probabilities, `latinLanguages.count` per row.
    private let logProbs: [Float]
    /// Log-probability of an unseen feature, per language and n-gram order.
    private let unseen: [[Float]]
    /// `logProbs` as one vector per row (when there are exactly 8 languages); widened to Double when summed.
    private let rowVectors: [SIMD8<Float>]
    /// Rows of the 1–3-grams over space and a–z, indexed directly (-1 = unseen): 27 + 27² + 27³ entries
    /// (16-bit, so the table stays small in cache; empty when the model has more rows than that holds).
    private let directRows: [Int16]
    /// Rows of the keys that have no direct index (words, n-grams with other characters).
    private let sideRows: FeatureTable

    /// At most this many scalars of a text are looked at.
    public static let maxScalars = 1500
    /// At most this many scalars feed the n-gram model (enough for a stable decision).
    static let modelScalars = 400

    public init() {
        let latin = ["en", "fr", "de", "es", "it", "pt", "nl", "tr"]
        var counts: [[UInt64: Int]] = Array(repeating: [:], count: latin.count)
        var totals: [[Int]] = Array(repeating: [0, 0, 0, 0, 0], count: latin.count)
        for (code, text) in LanguageSamples.texts {
            guard let li = latin.firstIndex(of: code) else { continue }
            LanguageIdentifier.features(text, limit: Int.max) { key, order in
                counts[li][key, default: 0] += 1
                totals[li][order] += 1
            }
        }
        var vocabulary = Set<UInt64>()
        for c in counts { vocabulary.formUnion(c.keys) }
        let alpha = 0.5
        var rowIndex: [UInt64: Int32] = [:]
        rowIndex.reserveCapacity(vocabulary.count)
        var flat: [Float] = []
        flat.reserveCapacity(vocabulary.count * latin.count)
        // Vocabulary size per order for smoothing.
        var vocabByOrder = [Int](repeating: 1, count: 5)
        for key in vocabulary { vocabByOrder[Int(key >> 61)] += 1 }
        for key in vocabulary {
            let order = Int(key >> 61)
            var row = [Float](repeating: 0, count: latin.count)
            for li in 0..<latin.count {
                let c = Double(counts[li][key] ?? 0)
                row[li] = Float(log((c + alpha) / (Double(totals[li][order]) + alpha * Double(vocabByOrder[order] * 4))))
            }
            rowIndex[key] = Int32(flat.count / latin.count)
            flat.append(contentsOf: row)
        }
        var unseenRows: [[Float]] = []
        for li in 0..<latin.count {
            unseenRows.append((0..<5).map { order in
                Float(log(alpha / (Double(totals[li][order]) + alpha * Double(vocabByOrder[order] * 4))))
            })
        }
        self.latinLanguages = latin
        self.rows = FeatureTable(rowIndex)
        self.logProbs = flat
        self.unseen = unseenRows
        var vectors: [SIMD8<Float>] = []
        if latin.count == 8 {
            vectors.reserveCapacity(flat.count / 8)
            var r = 0
            while r + 8 <= flat.count {
                var v = SIMD8<Float>()
                for i in 0..<8 { v[i] = flat[r + i] }
                vectors.append(v)
                r += 8
            }
        }
        // One all-zero row at the end stands for unseen features in the vector sums (adding +0.0 to the
        // negative sums changes nothing), so the row gathering needs no branch on what it loaded.
        if !vectors.isEmpty { vectors.append(SIMD8<Float>()) }
        self.rowVectors = vectors
        // Direct tables for the common case (ASCII letters and space), same keys as `features`.
        let table = FeatureTable(rowIndex)
        var direct = [Int32](repeating: -1, count: 27 + 27 * 27 + 27 * 27 * 27)
        func char(_ i: Int) -> UInt64 { i == 0 ? 32 : UInt64(96 + i) }
        for c in 1..<27 { direct[c] = table.lookup(char(c) | (1 << 61)) ?? -1 }
        for a in 0..<27 { for b in 0..<27 { direct[27 + a * 27 + b] = table.lookup(char(a) << 21 | char(b) | (2 << 61)) ?? -1 } }
        for a in 0..<27 { for b in 0..<27 { for c in 0..<27 {
            direct[756 + (a * 27 + b) * 27 + c] = table.lookup(char(a) << 42 | char(b) << 21 | char(c) | (3 << 61)) ?? -1
        } } }
        let directUsable = flat.count / max(1, latin.count) <= Int(Int16.max)
        self.directRows = directUsable ? direct.map { Int16(truncatingIfNeeded: $0) } : []
        // A key has a direct index when its order is 1–3 and all its characters are space or a–z.
        func isDirect(_ key: UInt64) -> Bool {
            let order = key >> 61
            guard order >= 1 && order <= 3 else { return false }
            let c2 = LanguageIdentifier.directIndex(key & 0x1F_FFFF)
            let c1 = LanguageIdentifier.directIndex((key >> 21) & 0x1F_FFFF)
            let c0 = LanguageIdentifier.directIndex((key >> 42) & 0x7_FFFF)
            switch order {
            case 1: return c2 >= 0
            case 2: return c1 >= 0 && c2 >= 0
            default: return c0 >= 0 && c1 >= 0 && c2 >= 0
            }
        }
        self.sideRows = FeatureTable(directUsable ? rowIndex.filter { !isDirect($0.key) } : rowIndex)
    }

    /// The rows of the features of `text`, in feature order (what `features` yields, looked up as `scores`
    /// does), unseen ones as `zeroRow` and counted per order; returns the number of features and of rows written.
    ///
    /// Specialised form of `features` + look-up: n-grams of space and a–z index `directRows` from per-character
    /// indices kept alongside the window (no key encoding and decoding); other keys probe `sideRows`, which
    /// holds exactly the keys that have no direct index.
    func collectRows(_ text: String, limit: Int, into found: UnsafeMutablePointer<Int32>, capacity: Int,
                     unseen: inout (Int, Int, Int, Int, Int)) -> (features: Int, found: Int) {
        var featureCount = 0
        var foundCount = 0
        let useDirect = !directRows.isEmpty
        let zeroRow = Int32(truncatingIfNeeded: rowVectors.count - 1)
        @inline(__always) func put(_ row: Int32, _ unseenOfOrder: inout Int) {
            unseenOfOrder &+= row < 0 ? 1 : 0
            if foundCount < capacity { found[foundCount] = row < 0 ? zeroRow : row; foundCount += 1 }
        }
        var u1 = 0, u2 = 0, u3 = 0, u4 = 0
        directRows.withUnsafeBufferPointer { direct in
            sideRows.keys.withUnsafeBufferPointer { keys in
                sideRows.values.withUnsafeBufferPointer { values in
                    let mask = sideRows.mask
                    @inline(__always) func side(_ key: UInt64) -> Int32 {
                        var slot = FeatureTable.slot(key, mask)
                        while true {
                            let k = keys[slot]
                            if k == key { return values[slot] }
                            if k == UInt64.max { return -1 }
                            slot = (slot + 1) & mask
                        }
                    }
                    var w0: UInt32 = 32, w1: UInt32 = 32, w2: UInt32 = 32
                    var d0 = 0, d1 = 0, d2 = 0
                    var wordHash: UInt64 = 0xcbf29ce484222325
                    var wordLength = 0
                    var seen = 0
                    @inline(__always) func emitNGrams(_ v: UInt32) {
                        if v != 32 {
                            featureCount += 1
                            let row = d2 >= 0 ? Int32(direct[d2]) : side(UInt64(v) | (1 << 61))
                            put(row, &u1)
                        }
                        featureCount += 2
                        let r2 = d1 >= 0 && d2 >= 0 ? Int32(direct[27 + d1 * 27 + d2]) : side(UInt64(w1) << 21 | UInt64(w2) | (2 << 61))
                        put(r2, &u2)
                        let r3 = d0 >= 0 && d1 >= 0 && d2 >= 0
                            ? Int32(direct[756 + (d0 * 27 + d1) * 27 + d2])
                            : side(UInt64(w0) << 42 | UInt64(w1) << 21 | UInt64(w2) | (3 << 61))
                        put(r3, &u3)
                    }
                    @inline(__always) func endWord() {
                        if wordLength > 0 && wordLength <= 6 {
                            featureCount += 1
                            let row = side((wordHash & 0x1FFF_FFFF_FFFF_FFFF) | (4 << 61))
                            put(row, &u4)
                        }
                        wordHash = 0xcbf29ce484222325
                        wordLength = 0
                    }
                    text.forEachScalarValue { value in
                        seen += 1
                        if seen > limit { return false }
                        var (v, isLetter) = LanguageIdentifier.lowercasedLetter(value)
                        if !isLetter {
                            if w2 == 32 { return true }
                            v = 32
                            endWord()
                        } else {
                            wordHash = (wordHash ^ UInt64(v)) &* 0x100000001b3
                            wordLength += 1
                        }
                        w0 = w1; w1 = w2; w2 = v
                        d0 = d1; d1 = d2; d2 = useDirect ? LanguageIdentifier.directIndex(UInt64(v)) : -1
                        emitNGrams(v)
                        return true
                    }
                    if w2 != 32 {
                        w0 = w1; w1 = w2; w2 = 32
                        d0 = d1; d1 = d2; d2 = useDirect ? 0 : -1
                        featureCount += 2
                        let r2 = d1 >= 0 && d2 >= 0 ? Int32(direct[27 + d1 * 27]) : side(UInt64(w1) << 21 | 32 | (2 << 61))
                        put(r2, &u2)
                        let r3 = d0 >= 0 && d1 >= 0 && d2 >= 0
                            ? Int32(direct[756 + (d0 * 27 + d1) * 27])
                            : side(UInt64(w0) << 42 | UInt64(w1) << 21 | 32 | (3 << 61))
                        put(r3, &u3)
                        endWord()
                    }
                }
            }
        }
        unseen.1 += u1; unseen.2 += u2; unseen.3 += u3; unseen.4 += u4
        return (featureCount, foundCount)
    }

    /// Index of a lower-cased feature character in the direct tables: space 0, a–z 1…26, else -1.
    @inline(__always) static func directIndex(_ c: UInt64) -> Int {
        c == 32 ? 0 : (c >= 97 && c <= 122 ? Int(c) - 96 : -1)
    }

    /// Calls `body` with each feature key and its order (1–3 = char n-gram, 4 = word) of the lower-cased letters of `text`.
    /// A scalar as the n-gram features see it: letters lower-cased (ASCII by bit, others by their
    /// lowercase mapping), and whether it is a letter at all.
    @inline(__always)
    static func lowercasedLetter(_ value: UInt32) -> (value: UInt32, isLetter: Bool) {
        if value < 128 {
            let isLetter = (value | 0x20) &- 97 < 26
            return (isLetter ? value | 0x20 : value, isLetter)
        }
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        guard scalar.properties.isAlphabetic else { return (value, false) }
        if scalar.properties.isUppercase, let l = scalar.properties.lowercaseMapping.unicodeScalars.first { return (l.value, true) }
        return (value, true)
    }

    static func features(_ text: String, limit: Int, _ body: (UInt64, Int) -> Void) {
        var window: (UInt32, UInt32, UInt32) = (32, 32, 32)
        var wordHash: UInt64 = 0xcbf29ce484222325
        var wordLength = 0
        var seen = 0
        func endWord() {
            if wordLength > 0 && wordLength <= 6 { body((wordHash & 0x1FFF_FFFF_FFFF_FFFF) | (4 << 61), 4) }
            wordHash = 0xcbf29ce484222325
            wordLength = 0
        }
        text.forEachScalarValue { value in
            seen += 1
            if seen > limit { return false }
            var (v, isLetter) = LanguageIdentifier.lowercasedLetter(value)
            if !isLetter {
                if window.2 == 32 { return true }
                v = 32
                endWord()
            } else {
                wordHash = (wordHash ^ UInt64(v)) &* 0x100000001b3
                wordLength += 1
            }
            window = (window.1, window.2, v)
            if v != 32 { body(UInt64(v) | (1 << 61), 1) }
            body(UInt64(window.1) << 21 | UInt64(window.2) | (2 << 61), 2)
            body(UInt64(window.0) << 42 | UInt64(window.1) << 21 | UInt64(window.2) | (3 << 61), 3)
            return true
        }
        if window.2 != 32 {
            window = (window.1, window.2, 32)
            body(UInt64(window.1) << 21 | UInt64(window.2) | (2 << 61), 2)
            body(UInt64(window.0) << 42 | UInt64(window.1) << 21 | UInt64(window.2) | (3 << 61), 3)
            endWord()
        }
    }

    /// Language code and confidence (0...1) for `text`.
    public func identify(_ text: String) -> (language: String, confidence: Double) {
        let ranked = scores(text)
        guard let best = ranked.first else { return ("und", 0) }
        return best
    }

    /// All candidate languages with probabilities, best first (empty when there is too little text).
    public func scores(_ text: String) -> [(language: String, confidence: Double)] {
        // Script census (counts indexed by `Script.rawValue`, no hashing).
        var counts = [Int](repeating: 0, count: Script.allCases.count)
        var letters = 0
        var seen = 0
        var ukrainian = 0
        var persian = 0
        var asciiLetters = 0
        var utf8 = text
        utf8.withUTF8 { buf in
            guard let base = buf.baseAddress else { return }
            let n = buf.count
            var i = 0
            while i < n && seen < LanguageIdentifier.maxScalars {
                let b = buf[i]
                if b < 0x80 {
                    // ASCII: eight bytes at a time while they are all ASCII and within the limit.
                    if i + 8 <= n && seen + 8 <= LanguageIdentifier.maxScalars {
                        let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                        if word & 0x8080_8080_8080_8080 == 0 {
                            // Per byte (all below 0x80, so no carries): lower-cased, high bit set by +0x1F when
                            // >= 'a' and by +0x05 when > 'z'; letters have the first and not the second.
                            let lower = word | 0x2020_2020_2020_2020
                            let atLeastA = lower &+ 0x1F1F_1F1F_1F1F_1F1F
                            let aboveZ = lower &+ 0x0505_0505_0505_0505
                            asciiLetters &+= (atLeastA & ~aboveZ & 0x8080_8080_8080_8080).nonzeroBitCount
                            i += 8
                            seen += 8
                            continue
                        }
                    }
                    asciiLetters &+= (b | 0x20) &- 97 < 26 ? 1 : 0
                    seen += 1
                    i += 1
                    continue
                }
                guard let (v, len) = UTF8Decoding.scalar(buf, at: i) else { break }
                i += len
                seen += 1
                let script = Script.of(Unicode.Scalar(v) ?? "\u{FFFD}")
                if script == .none { continue }
                letters += 1
                counts[script.rawValue] += 1
                switch v {
                case 0x0456, 0x0457, 0x0454, 0x0491, 0x0406, 0x0407, 0x0404, 0x0490: ukrainian += 1
                case 0x067E, 0x0686, 0x0698, 0x06AF, 0x06CC: persian += 1
                default: break
                }
            }
        }
        counts[1] += asciiLetters
        letters += asciiLetters
        guard letters >= 3 else { return [] }
        var dominant = Script.none
        var n = 0
        for k in 1..<counts.count where counts[k] > n { n = counts[k]; dominant = Script.allCases[k] }
        let share = Double(n) / Double(letters)
        let sizeFactor = min(1.0, Double(letters) / 20.0)
        func single(_ code: String) -> [(String, Double)] { [(code, share * (0.6 + 0.4 * sizeFactor))] }
        switch dominant {
        case .cyrillic: return single(ukrainian * 50 > n ? "uk" : "ru")
        case .arabic: return single(persian * 30 > n ? "fa" : "ar")
        case .han, .kana:
            return single(counts[Script.kana.rawValue] * 10 > counts[Script.han.rawValue] ? "ja" : "zh")
        case .hangul: return single("ko")
        case .greek: return single("el")
        case .hebrew: return single("he")
        case .devanagari: return single("hi")
        case .thai: return single("th")
        case .latin: break
        case .none: return []
        }
        // Naive Bayes over Latin languages: sums in feature order (as Double, like the reference).
        let width = latinLanguages.count
        var totals = [Double](repeating: 0, count: width)
        var featureCount = 0
        var unseenCounts = (0, 0, 0, 0, 0)
        func countUnseen(_ order: Int) {
            switch order {
            case 1: unseenCounts.1 += 1
            case 2: unseenCounts.2 += 1
            case 3: unseenCounts.3 += 1
            default: unseenCounts.4 += 1
            }
        }
        if width == 8 && !rowVectors.isEmpty {
            // Two passes: the rows of all features are found first (their table loads are independent, so
            // cache misses overlap), then summed lane-wise in feature order: the same additions as the scalar path.
            // At most four features per scalar (1-, 2-, 3-gram, word) and three at the end.
            let capacity = 4 * min(LanguageIdentifier.modelScalars, text.utf8.count) + 8
            var acc = SIMD8<Double>()
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { buffer in
                guard let found = buffer.baseAddress else { return }
                var unseenByOrderTuple = (0, 0, 0, 0, 0)
                let (features, foundCount) = collectRows(text, limit: LanguageIdentifier.modelScalars, into: found,
                                                         capacity: capacity, unseen: &unseenByOrderTuple)
                featureCount = features
                unseenCounts = unseenByOrderTuple
                rowVectors.withUnsafeBufferPointer { vectors in
                    for k in 0..<foundCount { acc += SIMD8<Double>(vectors[Int(found[k])]) }
                }
            }
            for i in 0..<8 { totals[i] = acc[i] }
        } else {
            logProbs.withUnsafeBufferPointer { table in
                totals.withUnsafeMutableBufferPointer { sums in
                    rows.keys.withUnsafeBufferPointer { keys in
                        rows.values.withUnsafeBufferPointer { values in
                            let mask = rows.mask
                            LanguageIdentifier.features(text, limit: LanguageIdentifier.modelScalars) { key, order in
                                featureCount += 1
                                var slot = FeatureTable.slot(key, mask)
                                while true {
                                    let k = keys[slot]
                                    if k == key {
                                        let base = Int(values[slot]) * width
                                        for i in 0..<width { sums[i] += Double(table[base + i]) }
                                        return
                                    }
                                    if k == UInt64.max { break }
                                    slot = (slot + 1) & mask
                                }
                                countUnseen(order)
                            }
                        }
                    }
                }
            }
        }
        let unseenByOrder = [unseenCounts.0, unseenCounts.1, unseenCounts.2, unseenCounts.3, unseenCounts.4]
        for order in 1..<5 where unseenByOrder[order] > 0 {
            for i in 0..<width { totals[i] += Double(unseen[i][order]) * Double(unseenByOrder[order]) }
        }
        guard featureCount > 0, let maxScore = totals.max() else { return [] }
        // Temperature: n-gram features are far from independent; dividing by sqrt(n) keeps confidence
        // honest on short or number-heavy texts while long clean texts still approach 1.
        let temperature = 3.0 / Double(featureCount).squareRoot()
        var probs = totals.map { exp(($0 - maxScore) * temperature) }
        let sum = probs.reduce(0, +)
        probs = probs.map { $0 / sum * share * (0.5 + 0.5 * sizeFactor) }
        return zip(latinLanguages, probs).sorted { $0.1 > $1.1 }.map { ($0.0, $0.1) }
    }

    /// Open-addressing map from feature key to row (faster than `Dictionary` for this hot loop).
    struct FeatureTable: Sendable {
        let keys: [UInt64]
        let values: [Int32]
        /// `keys` and `values` interleaved (one cache line per probe); empty slots have key `UInt64.max`.
        let slots: [Slot]
        let mask: Int

        struct Slot: Sendable {
            var key: UInt64
            var row: Int
        }

        init(_ map: [UInt64: Int32]) {
            var capacity = 16
            while capacity < map.count * 3 { capacity <<= 1 }
            var keys = [UInt64](repeating: UInt64.max, count: capacity)
            var values = [Int32](repeating: -1, count: capacity)
            for (k, v) in map {
                var slot = FeatureTable.slot(k, capacity - 1)
                while keys[slot] != UInt64.max { slot = (slot + 1) & (capacity - 1) }
                keys[slot] = k
                values[slot] = v
            }
            self.keys = keys
            self.values = values
            self.slots = zip(keys, values).map { Slot(key: $0, row: Int($1)) }
            self.mask = capacity - 1
        }

        @inline(__always) static func slot(_ key: UInt64, _ mask: Int) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
        }

        @inline(__always) func lookup(_ key: UInt64) -> Int32? {
            var slot = FeatureTable.slot(key, mask)
            while true {
                let k = keys[slot]
                if k == key { return values[slot] }
                if k == UInt64.max { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    enum Script: Int, Hashable, CaseIterable { case none, latin, cyrillic, arabic, han, kana, hangul, greek, hebrew, devanagari, thai
        static func of(_ s: Unicode.Scalar) -> Script {
            let v = s.value
            if v < 128 { return (v | 0x20) >= 97 && (v | 0x20) <= 122 ? .latin : .none }
            switch v {
            case 0xC0...0x24F, 0x1E00...0x1EFF: return s.properties.isAlphabetic ? .latin : .none
            case 0x370...0x3FF: return .greek
            case 0x400...0x52F: return .cyrillic
            case 0x590...0x5FF: return .hebrew
            case 0x600...0x6FF, 0x750...0x77F, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return s.properties.isAlphabetic ? .arabic : .none
            case 0x900...0x97F: return .devanagari
            case 0xE00...0xE7F: return .thai
            case 0x3040...0x30FF: return .kana
            case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: return .han
            case 0xAC00...0xD7AF, 0x1100...0x11FF: return .hangul
            default: return .none
            }
        }
    }
}
