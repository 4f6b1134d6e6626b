/// Names in one list are typed alike.
///
/// In a line such as `Scorers : Kovacs Andras 12 , Horvath Peter 55 , Varga Tibor 81`, each name followed by a
/// number and then a comma, a semicolon or the end of the sentence is an item, and items that follow each other
/// directly make a list. When a list has at least three items and most of them have one type, the others take it:
/// the tagger reads the first name after `Scorers :` as the team that CoNLL's scorer lines often begin with.
enum ListItems {
    /// Fewest items that make a list.
    static let minimumItems = 3

    /// `spans` with the items of each list retyped; allocates nothing unless three names are followed by numbers.
    static func alike(_ spans: [(EntityType, Int, Int)], words: [String], sentences: [Range<Int>]) -> [(EntityType, Int, Int)] {
        guard spans.count >= minimumItems else { return spans }
        // Items: a name, a number, then a comma, a semicolon or the end of the sentence (or text).
        var items: [Int] = []
        for (i, (_, _, e)) in spans.enumerated() where e < words.count && isNumber(words[e]) {
            let next = e + 1
            if next >= words.count || words[next] == "," || words[next] == ";" || startsSentence(next, sentences) { items.append(i) }
        }
        guard items.count >= minimumItems else { return spans }
        var out = spans
        // A list is a run of items, each starting right after the previous one's number and comma.
        var run: [Int] = []
        for i in items.sorted(by: { spans[$0].1 < spans[$1].1 }) {
            if let last = run.last, spans[i].1 != spans[last].2 + 2 {
                retype(run, spans, &out)
                run = []
            }
            run.append(i)
        }
        retype(run, spans, &out)
        return out
    }

    /// Whether token `k` begins one of `sentences` (sorted, disjoint).
    private static func startsSentence(_ k: Int, _ sentences: [Range<Int>]) -> Bool {
        var low = 0, high = sentences.count
        while low < high {
            let mid = (low + high) / 2
            if sentences[mid].lowerBound < k { low = mid + 1 } else { high = mid }
        }
        return low < sentences.count && sentences[low].lowerBound == k
    }

    /// Gives every item of `list` the type most of them have, when there is such a type and it is a list.
    private static func retype(_ list: [Int], _ spans: [(EntityType, Int, Int)], _ out: inout [(EntityType, Int, Int)]) {
        guard list.count >= minimumItems else { return }
        var counts: [EntityType: Int] = [:]
        for i in list { counts[spans[i].0, default: 0] += 1 }
        guard let (type, count) = counts.max(by: { $0.value < $1.value }), count * 2 > list.count else { return }
        for i in list { out[i].0 = type }
    }

    /// Up to three digits, `+` allowed (`12`, `45+2`): a minute or a score, not a time, a year or an amount.
    static func isNumber(_ w: String) -> Bool {
        var digits = 0
        for c in w.unicodeScalars {
            if CharClass.isDigit(c) { digits += 1 } else if c != "+" { return false }
        }
        return digits > 0 && digits <= 3
    }
}
