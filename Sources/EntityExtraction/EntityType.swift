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
    var conllLabel: String? {
        switch self {
        case .person: return "PER"
        case .location: return "LOC"
        case .organization: return "ORG"
        case .misc: return "MISC"
        default: return nil
        }
    }
}
