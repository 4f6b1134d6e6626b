/// Per-word statistics from unlabeled text, stored in the model: a word-cluster id and how often the
/// word is written in lowercase (bucketed); keyed by the hash of the lowercased word.
package struct Lexicon: Sendable {
    package struct Entry: Sendable {
        package var cluster: UInt16; package var lowerBucket: UInt8; package var gazetteer: UInt8
        /// Fine and coarse clusters of the word's pretrained vector (`word-clusters.txt`; 0: none).
        package var vectorFine: UInt16 = 0; package var vectorCoarse: UInt8 = 0

        package init(cluster: UInt16, lowerBucket: UInt8, gazetteer: UInt8, vectorFine: UInt16 = 0, vectorCoarse: UInt8 = 0) {
            self.cluster = cluster; self.lowerBucket = lowerBucket; self.gazetteer = gazetteer
            self.vectorFine = vectorFine; self.vectorCoarse = vectorCoarse
        }
    }
    private var slotKeys: [UInt64]
    private var slotEntries: [Entry]
    private let mask: Int
    package let count: Int
    /// One bit per hash bucket of the entries with a gazetteer class: a clear bit means "not a gazetteer phrase".
    private let gazetteerFilter: [UInt64]
    private static let filterBits = 1 << 20

    /// Open-addressing table over `entries` (keys are word or phrase hashes, never 0 in practice).
    package init(entries: [(UInt64, Entry)]) {
        var cap = 16
        while cap < entries.count * 2 { cap <<= 1 }
        var keys = [UInt64](repeating: 0, count: cap)
        var vals = [Entry](repeating: Entry(cluster: 0, lowerBucket: 0, gazetteer: 0), count: cap)
        let m = cap - 1
        for (k, e) in entries where k != 0 {
            var slot = Int(truncatingIfNeeded: k >> 7) & m
            while keys[slot] != 0 && keys[slot] != k { slot = (slot + 1) & m }
            keys[slot] = k
            vals[slot] = e
        }
        slotKeys = keys
        slotEntries = vals
        mask = m
        count = entries.count
        var filter = [UInt64](repeating: 0, count: Self.filterBits / 64)
        for (k, e) in entries where k != 0 && e.gazetteer != 0 {
            let b = Self.filterBit(k)
            filter[b >> 6] |= 1 << UInt64(b & 63)
        }
        gazetteerFilter = filter
    }

    /// Number of entries with a gazetteer class.
    var gazetteerCount: Int { slotKeys.indices.reduce(0) { $0 + (slotKeys[$1] != 0 && slotEntries[$1].gazetteer != 0 ? 1 : 0) } }

    @inline(__always)
    private static func filterBit(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key ^ (key >> 31)) >> 11) & (filterBits - 1) }

    /// False when `key` is certainly not an entry with a gazetteer class (true may still be a miss).
    @inline(__always)
    func mayBeGazetteer(_ key: UInt64) -> Bool {
        let b = Self.filterBit(key)
        return gazetteerFilter.withUnsafeBufferPointer { $0[b >> 6] & (1 << UInt64(b & 63)) != 0 }
    }

    @inline(__always)
    func lookup(_ key: UInt64) -> Entry? {
        slotKeys.withUnsafeBufferPointer { keys in
            var slot = Int(truncatingIfNeeded: key >> 7) & mask
            while true {
                let k = keys[slot]
                if k == key { return slotEntries[slot] }
                if k == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }
}

/// Turns a sentence of token strings into hashed feature keys for the tagger.
package enum FeatureExtractor {
    /// Per-word values computed once and shared by the neighbouring positions' features.
    struct WordInfo {
        var word: UInt64 = 0
        var lower: UInt64 = 0
        var shape: UInt64 = 0
        var shortShape: UInt64 = 0
        var prefixes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var suffixes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var length = 0
        var cluster: UInt64 = 0
        /// Fine and coarse clusters of the word's pretrained vector (0: none).
        var vectorFine: UInt64 = 0
        var vectorCoarse: UInt64 = 0
        var lowerBucket: UInt64 = 0
        var gazetteer: UInt64 = 0
        var capitalized = false
        var lowerScalars: [Unicode.Scalar] = []
        /// Hashes of the first and last parts of a hyphenated word (0 when there is no inner hyphen).
        var firstPart: UInt64 = 0
        var lastPart: UInt64 = 0
    }

    static let boundaryLeft: WordInfo = special(1)
    static let boundaryRight: WordInfo = special(2)

    private static func special(_ v: UInt64) -> WordInfo {
        let h = FeatureHash.mix(0xB0B0, v)
        var w = WordInfo()
        w.word = h; w.lower = h; w.shape = h; w.shortShape = h; w.cluster = h; w.lowerBucket = h; w.gazetteer = h
        return w
    }

    static func info(_ text: String, lexicon: Lexicon?) -> WordInfo {
        // Streaming FNV-1a hashes (identical to `FeatureHash.string` over the same scalars), one allocation.
        let basis: UInt64 = 0xCBF2_9CE4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01B3
        var w = WordInfo()
        var lower: [Unicode.Scalar] = []
        lower.reserveCapacity(text.utf8.count)
        var hWord = basis, hShape = basis, hShort = basis
        var pre: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var last: (Unicode.Scalar, Unicode.Scalar, Unicode.Scalar, Unicode.Scalar) = (" ", " ", " ", " ")  // last 4, newest first
        var n = 0
        var lastClass: Unicode.Scalar = " "
        var run = 0
        var upper = 0
        var firstUpper = false
        for c in text.unicodeScalars {
            let cls: Unicode.Scalar
            if CharClass.isUpper(c) {
                cls = "X"; upper += 1
                if n == 0 { firstUpper = true }
            } else if CharClass.isLetter(c) {
                cls = "x"
            } else if CharClass.isDigit(c) {
                cls = "d"
            } else {
                cls = c
            }
            CharClass.appendLower(c, to: &lower)
            if cls == lastClass {
                run += 1
            } else {
                run = 1; lastClass = cls
                hShort ^= UInt64(cls.value); hShort &*= prime
            }
            if run <= 4 { hShape ^= UInt64(cls.value); hShape &*= prime }
            hWord ^= UInt64(c.value); hWord &*= prime
            switch n {
            case 0: pre.0 = hWord
            case 1: pre.1 = hWord
            case 2: pre.2 = hWord
            case 3: pre.3 = hWord
            default: break
            }
            last = (c, last.0, last.1, last.2)
            n += 1
        }
        w.length = n
        w.word = hWord
        w.shape = hShape
        w.shortShape = hShort
        w.capitalized = upper > 0 && firstUpper
        w.prefixes = pre
        var suf: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var h = basis
        if n > 0 { h ^= UInt64(last.0.value); h &*= prime; suf.0 = h }
        if n > 1 { h ^= UInt64(last.1.value); h &*= prime; suf.1 = h }
        if n > 2 { h ^= UInt64(last.2.value); h &*= prime; suf.2 = h }
        if n > 3 { h ^= UInt64(last.3.value); h &*= prime; suf.3 = h }
        w.suffixes = suf
        w.lower = FeatureHash.string(lower)
        w.lowerScalars = lower
        if lower.count > 2, let dash = lower.firstIndex(of: "-"), dash > 0, let lastDash = lower.lastIndex(of: "-"), lastDash < lower.count - 1 {
            w.firstPart = FeatureHash.string(lower[..<dash])
            w.lastPart = FeatureHash.string(lower[(lastDash + 1)...])
        }
        if let lex = lexicon, let e = lex.lookup(w.lower) {
            w.cluster = UInt64(e.cluster) &+ 1
            w.vectorFine = UInt64(e.vectorFine)
            w.vectorCoarse = UInt64(e.vectorCoarse)
            w.lowerBucket = UInt64(e.lowerBucket) &+ 1
            w.gazetteer = UInt64(e.gazetteer) &+ 1
        }
        return w
    }

    /// True when most words of the sentence are written in capitals (a headline).
    package static func isAllCaps(_ words: [String]) -> Bool {
        var letters = 0
        var caps = 0
        for t in words {
            var hasLower = false
            var n = 0
            for c in t.unicodeScalars where CharClass.isLetter(c) {
                n += 1
                if CharClass.isLower(c) { hasLower = true; break }
            }
            if n >= 2 {
                letters += 1
                if !hasLower { caps += 1 }
            }
        }
        return letters >= 2 && caps * 10 >= letters * 7
    }

    /// Hashed feature keys for every token: `keys[offsets[i]..<offsets[i+1]]` belong to token `i`; each token's
    /// document-level keys in `context` (when it has one entry per token) come after its own.
    package static func extract(_ words: [String], lexicon: Lexicon?, context: TokenKeys = TokenKeys(),
                                keys: inout [UInt32], offsets: inout [Int]) {
        let hasContext = context.offsets.count == words.count + 1
        let infos = words.map { info($0, lexicon: lexicon) }
        let caps: UInt64 = isAllCaps(words) ? 1 : 0
        // gazetteer phrases (up to 4 words) found in the sentence: per token, (bits, position) codes
        var gaz: [[UInt64]] = Array(repeating: [], count: infos.count)
        if let lex = lexicon {
            for i in 0..<infos.count {
                var h = infos[i].lower
                for len in 1...4 where i + len <= infos.count {
                    if len > 1 {
                        h ^= 0x20; h &*= 0x0000_0100_0000_01B3
                        for c in infos[i + len - 1].lowerScalars { h ^= UInt64(c.value); h &*= 0x0000_0100_0000_01B3 }
                    }
                    guard let e = lex.lookup(h), e.gazetteer != 0 else { continue }
                    let bits = UInt64(e.gazetteer) << 3
                    if len == 1 {
                        gaz[i].append(bits | 0)
                    } else {
                        gaz[i].append(bits | 1)
                        for k in (i + 1)..<(i + len - 1) { gaz[k].append(bits | 2) }
                        gaz[i + len - 1].append(bits | 3)
                    }
                }
            }
        }
        offsets.append(keys.count)
        for i in 0..<infos.count {
            let w = infos[i]
            let p1 = i >= 1 ? infos[i - 1] : boundaryLeft
            let p2 = i >= 2 ? infos[i - 2] : boundaryLeft
            let n1 = i + 1 < infos.count ? infos[i + 1] : boundaryRight
            let n2 = i + 2 < infos.count ? infos[i + 2] : boundaryRight
            @inline(__always) func add(_ t: UInt64, _ v: UInt64) { keys.append(FeatureHash.key(FeatureHash.mix(t, v))) }
            @inline(__always) func add2(_ t: UInt64, _ a: UInt64, _ b: UInt64) {
                keys.append(FeatureHash.key(FeatureHash.mix(FeatureHash.mix(t, a), b)))
            }
            add(0, 0)  // bias
            add(1, w.word)
            add(2, w.lower)
            add(3, w.shape)
            add(4, w.shortShape)
            if w.length > 1 {
                add(5, w.prefixes.0); add(6, w.suffixes.0)
            }
            if w.length > 2 { add(7, w.prefixes.1); add(8, w.suffixes.1) }
            if w.length > 3 { add(9, w.prefixes.2); add(10, w.suffixes.2) }
            if w.length > 4 { add(11, w.prefixes.3); add(12, w.suffixes.3) }
            add(13, p1.lower)
            add(14, n1.lower)
            add(15, p2.lower)
            add(16, n2.lower)
            add(17, p1.shortShape)
            add(18, n1.shortShape)
            add2(19, p1.shortShape, w.shortShape)
            add2(20, w.shortShape, n1.shortShape)
            add2(21, p1.lower, w.lower)
            add2(22, w.lower, n1.lower)
            add2(23, UInt64(i == 0 ? 1 : 0), w.shortShape)
            add2(24, caps, w.lower)
            add2(25, caps, w.shape)
            add2(26, p1.lower, w.shortShape)
            add2(27, w.shortShape, n1.lower)
            add(28, p1.word)
            add(29, n1.word)
            add2(30, p2.shortShape, p1.shortShape)
            add2(31, n1.shortShape, n2.shortShape)
            if w.firstPart != 0 {
                add(32, w.firstPart)
                add(33, w.lastPart)
            }
            add2(34, p2.lower, p1.lower)
            add2(35, n1.lower, n2.lower)
            add2(36, p1.lower, n1.lower)
            add(37, UInt64(min(w.length, 12)))
            if lexicon != nil {
                add2(38, p1.lowerBucket, w.lowerBucket)
                add2(39, w.lowerBucket, n1.lowerBucket)
                add(40, w.cluster)
                add(41, p1.cluster)
                add(42, n1.cluster)
                add2(43, w.lowerBucket, w.shortShape)
                add2(44, w.cluster, w.shortShape)
                if w.vectorFine != 0 { add(46, w.vectorFine); add2(49, w.vectorFine, w.shortShape) }
                if w.vectorCoarse != 0 { add(50, w.vectorCoarse) }
                if p1.vectorCoarse != 0 { add(47, p1.vectorCoarse) }
                if n1.vectorCoarse != 0 { add(48, n1.vectorCoarse) }
                add(51, nameClass(p1))
                add(52, nameClass(n1))
                for g in gaz[i] { gazetteerKeys(g, capitalized: w.capitalized) { keys.append($0) } }
            }
            if hasContext { keys.append(contentsOf: context.keys[context.offsets[i]..<context.offsets[i + 1]]) }
            offsets.append(keys.count)
        }
    }
}

// MARK: feature groups for the cached tagger (the same keys `extract` makes, grouped by the words they read)

extension FeatureExtractor {
    @inline(__always) static func key(_ t: UInt64, _ v: UInt64) -> UInt32 { FeatureHash.key(FeatureHash.mix(t, v)) }
    @inline(__always) static func key(_ t: UInt64, _ a: UInt64, _ b: UInt64) -> UInt32 {
        FeatureHash.key(FeatureHash.mix(FeatureHash.mix(t, a), b))
    }

    /// Features of the word itself (`caps`: the sentence is a capitals headline).
    static func ownKeys(_ w: WordInfo, caps: UInt64, hasLexicon: Bool, _ add: (UInt32) -> Void) {
        add(key(0, 0))
        add(key(1, w.word))
        add(key(2, w.lower))
        add(key(3, w.shape))
        add(key(4, w.shortShape))
        if w.length > 1 { add(key(5, w.prefixes.0)); add(key(6, w.suffixes.0)) }
        if w.length > 2 { add(key(7, w.prefixes.1)); add(key(8, w.suffixes.1)) }
        if w.length > 3 { add(key(9, w.prefixes.2)); add(key(10, w.suffixes.2)) }
        if w.length > 4 { add(key(11, w.prefixes.3)); add(key(12, w.suffixes.3)) }
        add(key(24, caps, w.lower))
        add(key(25, caps, w.shape))
        if w.firstPart != 0 {
            add(key(32, w.firstPart))
            add(key(33, w.lastPart))
        }
        add(key(37, UInt64(min(w.length, 12))))
        if hasLexicon {
            add(key(40, w.cluster))
            add(key(43, w.lowerBucket, w.shortShape))
            add(key(44, w.cluster, w.shortShape))
            if w.vectorFine != 0 { add(key(46, w.vectorFine)); add(key(49, w.vectorFine, w.shortShape)) }
            if w.vectorCoarse != 0 { add(key(50, w.vectorCoarse)) }
        }
    }

    /// Gazetteer bits of a list: places, languages and currencies (bits 0-5) and person names (6: first name, 7: surname).
    static let placeBits: UInt64 = 63, personNameBits: UInt64 = 192

    /// Keys of a gazetteer match (`code`: the entry's bits << 3 | its position in the phrase): the place classes
    /// (template 45) and the person-name classes (53) separately, so names added to a list leave the place features as they were.
    @inline(__always)
    static func gazetteerKeys(_ code: UInt64, capitalized: Bool, _ add: (UInt32) -> Void) {
        let bits = code >> 3, position = code & 7
        let places = bits & placeBits, names = bits & personNameBits
        if places != 0 { add(key(45, places << 3 | position, capitalized ? 1 : 0)) }
        if names != 0 { add(key(53, names << 3 | position, capitalized ? 1 : 0)) }
    }

    /// The person-name class of a word for its neighbours (templates 51, 52): 0 not in the lexicon, 1 in it but no
    /// name, 2 first name, 3 surname, 4 both; a sentence boundary keeps its own value.
    @inline(__always)
    static func nameClass(_ w: WordInfo) -> UInt64 {
        if w.gazetteer == 0 || w.gazetteer > 256 { return w.gazetteer }
        return (((w.gazetteer - 1) & personNameBits) >> 6) + 1
    }

    /// Features a word gives to the word after it.
    static func prev1Keys(_ p1: WordInfo, hasLexicon: Bool, _ add: (UInt32) -> Void) {
        add(key(13, p1.lower))
        add(key(17, p1.shortShape))
        add(key(28, p1.word))
        if hasLexicon { add(key(41, p1.cluster)); add(key(51, nameClass(p1))) }
        if hasLexicon && p1.vectorCoarse != 0 { add(key(47, p1.vectorCoarse)) }
    }

    /// Features a word gives to the word before it.
    static func next1Keys(_ n1: WordInfo, hasLexicon: Bool, _ add: (UInt32) -> Void) {
        add(key(14, n1.lower))
        add(key(18, n1.shortShape))
        add(key(29, n1.word))
        if hasLexicon { add(key(42, n1.cluster)); add(key(52, nameClass(n1))) }
        if hasLexicon && n1.vectorCoarse != 0 { add(key(48, n1.vectorCoarse)) }
    }

    /// Features a word gives to the word two after it.
    static func prev2Keys(_ p2: WordInfo, _ add: (UInt32) -> Void) { add(key(15, p2.lower)) }

    /// Features a word gives to the word two before it.
    static func next2Keys(_ n2: WordInfo, _ add: (UInt32) -> Void) { add(key(16, n2.lower)) }

    /// Features of token `i` that read two words (or the position), given its neighbours.
    @inline(__always)
    static func pairKeys(_ w: WordInfo, _ p1: WordInfo, _ p2: WordInfo, _ n1: WordInfo, _ n2: WordInfo, first: Bool,
                         hasLexicon: Bool, _ add: (UInt32) -> Void) {
        add(key(19, p1.shortShape, w.shortShape))
        add(key(20, w.shortShape, n1.shortShape))
        add(key(21, p1.lower, w.lower))
        add(key(22, w.lower, n1.lower))
        add(key(23, first ? 1 : 0, w.shortShape))
        add(key(26, p1.lower, w.shortShape))
        add(key(27, w.shortShape, n1.lower))
        add(key(30, p2.shortShape, p1.shortShape))
        add(key(31, n1.shortShape, n2.shortShape))
        add(key(34, p2.lower, p1.lower))
        add(key(35, n1.lower, n2.lower))
        add(key(36, p1.lower, n1.lower))
        if hasLexicon {
            add(key(38, p1.lowerBucket, w.lowerBucket))
            add(key(39, w.lowerBucket, n1.lowerBucket))
        }
    }

    /// `isAllCaps` per word: bit 0 the word counts (two letters up to its first lowercase one), bit 1 it has no lowercase.
    static func capsFlags(_ t: String) -> UInt8 {
        var hasLower = false
        var n = 0
        for c in t.unicodeScalars where CharClass.isLetter(c) {
            n += 1
            if CharClass.isLower(c) { hasLower = true; break }
        }
        guard n >= 2 else { return 0 }
        return hasLower ? 1 : 3
    }
}
