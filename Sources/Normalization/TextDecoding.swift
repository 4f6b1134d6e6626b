/// Turning raw bytes into text without losing anything silently.
public enum TextDecoding {
    /// Decodes `bytes`: a UTF-8 BOM is removed; valid UTF-8 is taken as is; bytes that contain no valid
    /// multi-byte UTF-8 sequence but do use the high half are read as Windows-1252 (legacy feeds);
    /// otherwise invalid sequences become U+FFFD (never dropped).
    public static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var data = Array(bytes)
        if data.count >= 3, data[0] == 0xEF, data[1] == 0xBB, data[2] == 0xBF { data.removeFirst(3) }
        var validMultibyte = 0
        var invalid = 0
        var i = 0
        let n = data.count
        while i < n {
            let b = data[i]
            if b < 0x80 { i += 1; continue }
            let len = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
            var ok = len > 0 && i + len <= n
            if ok { for k in 1..<len where data[i + k] & 0xC0 != 0x80 { ok = false } }
            if ok { validMultibyte += 1; i += len } else { invalid += 1; i += 1 }
        }
        if invalid > 0 && validMultibyte == 0 {
            var out = String.UnicodeScalarView()
            for b in data {
                if b >= 0x80 && b <= 0x9F {
                    out.append(Unicode.Scalar(HTMLEntities.cp1252[Int(b - 0x80)]) ?? Unicode.Scalar(0xFFFD)!)
                } else {
                    out.append(Unicode.Scalar(b))
                }
            }
            return String(out)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
