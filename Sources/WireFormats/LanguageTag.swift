import Foundation

/// Declared language tags as the record carries them: the primary subtag, lower case, ISO 639-1 where one exists
/// (`fi-FI` → `fi`, `swe` → `sv`, `en_US` → `en`). Nil for an empty or malformed tag.
public enum LanguageTag {
    public static func normalize(_ tag: String?) -> String? {
        guard let tag else { return nil }
        let primary = tag.trimmingCharacters(in: .whitespacesAndNewlines).split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        guard (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        if primary.count == 3 { return iso639_2[primary] ?? primary }
        return primary
    }

    /// ISO 639-2 (bibliographic and terminology codes) to 639-1, for the languages news is written in.
    static let iso639_2: [String: String] = [
        "eng": "en", "ger": "de", "deu": "de", "fre": "fr", "fra": "fr", "spa": "es", "ita": "it", "por": "pt", "dut": "nl",
        "nld": "nl", "swe": "sv", "nor": "no", "nob": "nb", "nno": "nn", "dan": "da", "fin": "fi", "ice": "is", "isl": "is",
        "pol": "pl", "cze": "cs", "ces": "cs", "slo": "sk", "slk": "sk", "slv": "sl", "hun": "hu", "rum": "ro", "ron": "ro",
        "bul": "bg", "hrv": "hr", "srp": "sr", "bos": "bs", "mac": "mk", "mkd": "mk", "alb": "sq", "sqi": "sq", "gre": "el",
        "ell": "el", "tur": "tr", "rus": "ru", "ukr": "uk", "bel": "be", "est": "et", "lav": "lv", "lit": "lt", "ara": "ar",
        "heb": "he", "per": "fa", "fas": "fa", "urd": "ur", "hin": "hi", "ben": "bn", "chi": "zh", "zho": "zh", "jpn": "ja",
        "kor": "ko", "vie": "vi", "tha": "th", "ind": "id", "may": "ms", "msa": "ms", "cat": "ca", "baq": "eu", "eus": "eu",
        "glg": "gl", "wel": "cy", "cym": "cy", "gle": "ga", "ltz": "lb", "afr": "af", "swa": "sw", "geo": "ka", "kat": "ka",
        "arm": "hy", "hye": "hy", "aze": "az", "kaz": "kk", "uzb": "uz", "tgl": "tl", "fil": "tl", "mlt": "mt", "epo": "eo",
        "lat": "la", "tam": "ta", "tel": "te", "mar": "mr", "pan": "pa", "guj": "gu", "kan": "kn", "mal": "ml", "nep": "ne",
        "sin": "si", "khm": "km", "lao": "lo", "mon": "mn", "bur": "my", "mya": "my", "amh": "am", "som": "so", "hau": "ha",
        "yor": "yo", "zul": "zu", "xho": "xh",
    ]
}
