import Normalization

/// Resolving `&…;` references in XML text: the five XML entities, decimal and hex character references, and (as
/// tolerant readers do for DTD-less files) every HTML named entity such as `&nbsp;` or `&eacute;`.
enum CharacterReferences {
    /// `text` with each reference resolved once (so `&amp;eacute;` becomes the escaped-HTML `&eacute;`).
    static func decode(_ text: String) -> String {
        HTMLEntities.decode(text, requireSemicolon: true)
    }
}
