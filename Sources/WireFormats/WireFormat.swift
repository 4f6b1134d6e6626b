/// The wire formats ``WireFileReader`` reads.
public enum WireFormat: String, Sendable, CaseIterable, Equatable {
    case newsMLG2 = "newsml-g2"
    case nitf
    case newsML1 = "newsml-1"
    case rss
    case atom
    case anpa1312 = "anpa-1312"
    case iptc7901 = "iptc-7901"

    /// Accepts the raw values and common spellings (`g2`, `newsml2`, `newsml1`, `anpa`, `7901`, `feed` is not a format).
    public init?(name: String) {
        let n = name.lowercased().filter { $0.isLetter || $0.isNumber }
        switch n {
        case "newsmlg2", "g2", "newsml2": self = .newsMLG2
        case "nitf": self = .nitf
        case "newsml1", "newsml", "newsml12": self = .newsML1
        case "rss", "rss2", "rss20", "rdf", "rss1": self = .rss
        case "atom": self = .atom
        case "anpa1312", "anpa": self = .anpa1312
        case "iptc7901", "7901": self = .iptc7901
        default: return nil
        }
    }

    /// True for the XML formats.
    public var isXML: Bool { self != .anpa1312 && self != .iptc7901 }
}
