import Foundation

/// Getting a file's bytes to clean UTF-8 before parsing, the way a tolerant reader does: a byte-order mark dropped
/// (XML allows one), whitespace before the XML declaration removed, UTF-16 transcoded, an ISO-8859-1 declaration over bytes that are
/// really UTF-8 ignored, undeclared Latin-1 read as Windows-1252, other declared single-byte charsets transcoded.
enum CharsetRepair {
    struct Prepared {
        var bytes: [UInt8]
        /// Repairs that make the file "recovered" (the file was not well-formed as given).
        var repairs: [String] = []
    }

    static func prepareXML(_ input: [UInt8], file: String) throws(WireFormatError) -> Prepared {
        var bytes = input
        var repairs: [String] = []
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            let data = Data(bytes)
            guard let s = String(data: data, encoding: .utf16) else { throw .unsupportedEncoding(file: file, encoding: "UTF-16 (invalid)") }
            bytes = Array(s.utf8)
        } else if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes.removeFirst(3)  // allowed by XML: not a repair
        }
        var lead = 0
        while lead < bytes.count && (bytes[lead] == 0x20 || bytes[lead] == 0x0A || bytes[lead] == 0x0D || bytes[lead] == 0x09) { lead += 1 }
        if lead > 0 && bytes[lead...].starts(with: Array("<?xml".utf8)) {
            bytes.removeFirst(lead)
            repairs.append("whitespace before the XML declaration removed")
        }
        let declared = declaredEncoding(bytes)
        let validity = utf8Validity(bytes)
        switch declared.map(normalizedName) {
        case nil, "utf8", "utf16", "unicode":
            if !validity.valid {
                bytes = transcode(bytes, table: .windows1252)
                repairs.append(declared == nil ? "undeclared non-UTF-8 bytes read as Windows-1252" : "bytes that are not UTF-8 under a UTF-8 declaration read as Windows-1252")
            }
        case "iso88591", "latin1", "l1", "windows1252", "cp1252", "iso885915", "latin9", "usascii", "ascii":
            if validity.multibyte > 0 && validity.valid {
                repairs.append("declared \(declared ?? "") but the bytes are UTF-8; read as UTF-8")
            } else if !validity.ascii {
                let name = normalizedName(declared ?? "")
                bytes = transcode(bytes, table: name == "iso885915" || name == "latin9" ? .iso885915 : .windows1252)
                if validity.multibyte > 0 { repairs.append("declared \(declared ?? "") over a mix of UTF-8 and single-byte text; each read as what it is") }
            }
        case let other?:
            if validity.ascii || (validity.valid && validity.multibyte > 0) {
                if !validity.ascii { repairs.append("declared \(declared ?? other) but the bytes are UTF-8; read as UTF-8") }
            } else if let encoding = foundationEncoding(other), let s = String(data: Data(bytes), encoding: encoding) {
                bytes = Array(s.utf8)
            } else {
                throw .unsupportedEncoding(file: file, encoding: declared ?? other)
            }
        }
        return Prepared(bytes: bytes, repairs: repairs)
    }

    /// Text of a teletype file: UTF-8 when it is valid UTF-8, else Windows-1252 (Latin-1 with the C1 range
    /// printable); a UTF-8 BOM is dropped.
    static func decodeText(_ input: [UInt8]) -> (text: String, repairs: [String]) {
        var bytes = input
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if utf8Validity(bytes).valid { return (String(decoding: bytes, as: UTF8.self), []) }
        return (String(decoding: transcode(bytes, table: .windows1252), as: UTF8.self), ["bytes that are not UTF-8 read as Windows-1252"])
    }

    // MARK: detection

    /// The `encoding` pseudo-attribute of an XML declaration at the start.
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        guard bytes.starts(with: Array("<?xml".utf8)) else { return nil }
        let end = bytes.prefix(400).firstIndex(of: 0x3E) ?? min(bytes.count, 400)
        let decl = String(decoding: bytes[0..<end], as: UTF8.self)
        guard let r = decl.range(of: "encoding") else { return nil }
        var rest = decl[r.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        rest = rest.dropFirst()
        let value = rest.prefix { $0 != quote }
        return value.isEmpty ? nil : String(value)
    }

    static func normalizedName(_ name: String) -> String {
        name.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    /// Whether the bytes are valid UTF-8, how many multi-byte sequences they hold, and whether they are all ASCII.
    static func utf8Validity(_ bytes: [UInt8]) -> (valid: Bool, multibyte: Int, ascii: Bool) {
        bytes.withUnsafeBufferPointer { buf in
            var i = 0
            let n = buf.count
            var multibyte = 0
            var valid = true
            var ascii = true
            while i < n {
                let b = buf[i]
                if b < 0x80 { i += 1; continue }
                ascii = false
                let len = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
                var ok = len > 0 && i + len <= n
                if ok { for k in 1..<len where buf[i + k] & 0xC0 != 0x80 { ok = false } }
                if ok { multibyte += 1; i += len } else { valid = false; i += 1 }
            }
            return (valid, multibyte, ascii)
        }
    }

    // MARK: transcoding

    enum Table { case windows1252, iso885915 }

    /// Single-byte text to UTF-8 through `table`; valid UTF-8 sequences already in the bytes (files that mix the
    /// two) are kept as they are.
    static func transcode(_ bytes: [UInt8], table: Table) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            i += 1
            if b < 0x80 { out.append(b); continue }
            let len = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
            if len > 0 && i + len - 1 <= n && bytes[i..<(i + len - 1)].allSatisfy({ $0 & 0xC0 == 0x80 }) {
                out.append(b)
                out.append(contentsOf: bytes[i..<(i + len - 1)])
                i += len - 1
                continue
            }
            var scalar = UInt32(b)
            switch table {
            case .windows1252:
                if b <= 0x9F { scalar = windows1252High[Int(b - 0x80)] }
            case .iso885915:
                switch b {
                case 0xA4: scalar = 0x20AC
                case 0xA6: scalar = 0x0160
                case 0xA8: scalar = 0x0161
                case 0xB4: scalar = 0x017D
                case 0xB8: scalar = 0x017E
                case 0xBC: scalar = 0x0152
                case 0xBD: scalar = 0x0153
                case 0xBE: scalar = 0x0178
                default: break
                }
            }
            if scalar < 0x800 {
                out.append(UInt8(0xC0 | (scalar >> 6)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            } else {
                out.append(UInt8(0xE0 | (scalar >> 12)))
                out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
        return out
    }

    /// Windows-1252 meanings of 0x80...0x9F (undefined ones map to the C1 control of the same value).
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static func foundationEncoding(_ normalized: String) -> String.Encoding? {
        switch normalized {
        case "iso88592", "latin2", "windows1250", "cp1250": return normalized.hasPrefix("iso") || normalized == "latin2" ? .isoLatin2 : .windowsCP1250
        case "windows1251", "cp1251": return .windowsCP1251
        case "windows1253", "cp1253": return .windowsCP1253
        case "windows1254", "cp1254": return .windowsCP1254
        case "shiftjis", "sjis": return .shiftJIS
        case "eucjp": return .japaneseEUC
        case "iso2022jp": return .iso2022JP
        case "utf16le": return .utf16LittleEndian
        case "utf16be": return .utf16BigEndian
        case "macroman", "macintosh": return .macOSRoman
        default: return nil
        }
    }
}
