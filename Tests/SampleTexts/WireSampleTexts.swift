import SeededRandom

/// Generated wire stories for tests that pin outputs (golden hashes, output stability): ~2 KB bodies of
/// datelined sentences about a fixed cast of people, places and organisations, from a fixed seed.
/// (The first `wirectl bench` corpus; the bench has since moved to a richer generator.)
public enum WireSampleTexts {
    /// `count` `(title, body)` pairs of ~2 KB, the same for every run.
    public static func articles(count: Int) -> [(title: String, body: String)] {
        let people = ["Donald Trump", "Xi Jinping", "Angela Merkel", "Emmanuel Macron", "Keir Starmer", "Vladimir Putin", "Narendra Modi"]
        let places = ["Beijing", "Washington", "Berlin", "Paris", "London", "Moscow", "New Delhi", "Tokyo", "Brazil", "Kenya"]
        let orgs = ["Reuters", "the United Nations", "the European Union", "Microsoft", "the World Bank", "NATO", "Toyota"]
        let verbs = ["said", "told reporters", "announced", "warned", "confirmed", "denied"]
        let topics = ["trade talks", "interest rates", "the election", "oil prices", "a new vaccine", "the championship final", "chip exports"]
        var rng = SplitMix64(seed: 42)
        var out: [(title: String, body: String)] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            var body = "\(places[rng.below(places.count)].uppercased()), Feb \(1 + rng.below(27)) (Reuters) - "
            while body.utf8.count < 2000 {
                let p = people[rng.below(people.count)], o = orgs[rng.below(orgs.count)], t = topics[rng.below(topics.count)]
                body += "\(p) \(verbs[rng.below(verbs.count)]) on Wednesday that \(o) would discuss \(t) in \(places[rng.below(places.count)]), "
                body += "where prices rose \(1 + rng.below(9)).\(rng.below(10)) percent to $\(10 + rng.below(90)) million. "
                if rng.below(4) == 0 { body += "\n\n" }
            }
            out.append(("\(people[rng.below(people.count)]) on \(topics[rng.below(topics.count)])", body))
        }
        return out
    }
}
