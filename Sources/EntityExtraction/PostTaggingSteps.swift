/// The steps `EntityRecognizer.recognize` runs around the tagger, each of which can be switched off to
/// measure what it does (`wirectl eval entities --without ...`). Deployed: all on.
package struct PostTaggingSteps: Sendable, Equatable {
    /// A name tagged somewhere in the document is tagged the same way where the tagger missed it.
    package var documentConsistency = true
    /// While merging mentions under canonical names, a short name matched to a person's full name becomes a person.
    package var shortNamesOfPersons = true
    /// Dates, money, quantities and percentages by rule.
    package var valueRules = true
    /// A tagged person name is cut at a lowercase word inside it that is not a name particle
    /// (`Imran Qadir st Walsh` in a cricket scorecard is two people; `Rafael van der Vaart` stays one).
    package var personsSplitAtLowercase = true
    /// Names that are items of one list (`Name 12 , Name 55 , Name 81`) take the type most of them have.
    package var listItemsAlike = true

    package init() {}

    /// What the entities stage runs.
    package static let deployed = PostTaggingSteps()
}
