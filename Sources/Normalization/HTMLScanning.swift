import Foundation

/// Byte-range comparisons used by the HTML tokenizer.
enum ByteScan {
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 || b == 12 }
    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }

    /// Whether `buf[r]`, ASCII case folded, equals `word` (lower case).
    static func equalsLower(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ word: StaticString) -> Bool {
        guard r.count == word.utf8CodeUnitCount else { return false }
        return word.withUTF8Buffer { w in
            for k in 0..<w.count where ByteHash.lower(buf[r.lowerBound + k]) != w[k] { return false }
            return true
        }
    }

    /// Whether `buf[r]`, ASCII case folded, contains `word` (lower case).
    static func containsLower(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ word: StaticString) -> Bool {
        word.withUTF8Buffer { w in
            guard w.count > 0, r.count >= w.count else { return false }
            var s = r.lowerBound
            while s + w.count <= r.upperBound {
                var k = 0
                while k < w.count, ByteHash.lower(buf[s + k]) == w[k] { k += 1 }
                if k == w.count { return true }
                s += 1
            }
            return false
        }
    }

    static func contains(_ bytes: [UInt8], _ word: StaticString) -> Bool {
        bytes.withUnsafeBufferPointer { containsLower($0, 0..<$0.count, word) }
    }
}

/// Where the attributes the extractor reads sit in the page (value ranges, entities not decoded).
struct AttributeRanges {
    var classValue: Range<Int>?
    var id: Range<Int>?
    var role: Range<Int>?
    var itemprop: Range<Int>?
    var property: Range<Int>?
    var name: Range<Int>?
    var content: Range<Int>?
    var datetime: Range<Int>?
    var type: Range<Int>?
    var rel: Range<Int>?
    var href: Range<Int>?
    var style: Range<Int>?
    var lang: Range<Int>?
    var ariaHidden: Range<Int>?
    var hidden = false
    var pubdate = false

    /// Attribute-name hash → slot of `set`.
    static let slots: [UInt64: UInt8] = {
        var map: [UInt64: UInt8] = [:]
        for (slot, name) in ["class", "id", "role", "itemprop", "property", "name", "content", "datetime", "type", "rel", "href", "style", "lang", "aria-hidden"].enumerated() { map[ByteHash.fnv(Array(name.utf8))] = UInt8(slot) }
        return map
    }()

    /// Records the first value of the attribute in `slot`.
    mutating func set(_ slot: UInt8, _ value: Range<Int>) {
        switch slot {
        case 0: if classValue == nil { classValue = value }
        case 1: if id == nil { id = value }
        case 2: if role == nil { role = value }
        case 3: if itemprop == nil { itemprop = value }
        case 4: if property == nil { property = value }
        case 5: if name == nil { name = value }
        case 6: if content == nil { content = value }
        case 7: if datetime == nil { datetime = value }
        case 8: if type == nil { type = value }
        case 9: if rel == nil { rel = value }
        case 10: if href == nil { href = value }
        case 11: if style == nil { style = value }
        case 12: if lang == nil { lang = value }
        case 13: if ariaHidden == nil { ariaHidden = value }
        default: break
        }
    }
    static let hiddenHash = ByteHash.fnv(Array("hidden".utf8))
    static let pubdateHash = ByteHash.fnv(Array("pubdate".utf8))
}

/// Forward searches over the page that remember their last answer, so that repeated searches for the
/// same byte or end tag (say, an unclosed quote on every tag) stay linear over the whole page.
struct MemoizedSearch {
    private var from = Int.max
    private var found: Int? = nil

    /// The first index ≥ `start` where `match` holds, reusing the previous answer when it still applies.
    mutating func first(from start: Int, limit: Int, _ match: (Int) -> Bool) -> Int? {
        if start >= from {
            if let f = found {
                if f >= start { return f }
            } else {
                return nil
            }
        }
        var k = start
        while k < limit {
            if match(k) { from = start; found = k; return k }
            k += 1
        }
        from = start
        found = nil
        return nil
    }
}
