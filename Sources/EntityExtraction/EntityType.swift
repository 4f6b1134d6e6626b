/// Kind of an entity: names come from the trained tagger, values (date, money, quantity, percent) from rules.
public enum EntityType: String, Sendable, Codable, CaseIterable {
    case person = "PERSON"
    case organization = "ORGANIZATION"
    case location = "LOCATION"
    case misc = "MISC"
    case date = "DATE"
    case money = "MONEY"
    case quantity = "QUANTITY"
    case percent = "PERCENT"

    /// The four name types the tagger predicts, in tag-index order.
    static let nameTypes: [EntityType] = [.person, .location, .organization, .misc]

    /// CoNLL label (`PER`, `LOC`, `ORG`, `MISC`) for the name types; nil for rule values.
    package var conllLabel: String? {
        switch self {
        case .person: return "PER"
        case .location: return "LOC"
        case .organization: return "ORG"
        case .misc: return "MISC"
        default: return nil
        }
    }

    /// Index in `nameTypes`, nil for rule values.
    var nameIndex: Int? {
        switch self {
        case .person: return 0
        case .location: return 1
        case .organization: return 2
        case .misc: return 3
        default: return nil
        }
    }

    /// Position among all cases (cheap to hash, unlike the raw value).
    var ordinal: Int {
        switch self {
        case .person: return 0
        case .location: return 1
        case .organization: return 2
        case .misc: return 3
        case .date: return 4
        case .money: return 5
        case .quantity: return 6
        case .percent: return 7
        }
    }
}
