/// Character tests with ASCII fast paths (Unicode property look-ups are slow and most news text is ASCII).
enum CharClass {
    @inline(__always) static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 128 { return v == 32 || (v >= 9 && v <= 13) }
        return c.properties.isWhitespace
    }

    @inline(__always) static func isUpper(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 128 { return v >= 65 && v <= 90 }
        return c.properties.isUppercase
    }

    @inline(__always) static func isLower(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 128 { return v >= 97 && v <= 122 }
        return c.properties.isLowercase
    }

    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 128 { return (v >= 65 && v <= 90) || (v >= 97 && v <= 122) }
        return c.properties.isAlphabetic
    }

    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 128 { return v >= 48 && v <= 57 }
        return c.properties.numericType != nil
    }

    /// Appends the lowercase form of `c`.
    @inline(__always) static func appendLower(_ c: Unicode.Scalar, to out: inout [Unicode.Scalar]) {
        let v = c.value
        if v < 128 {
            out.append(v >= 65 && v <= 90 ? Unicode.Scalar(UInt8(v + 32)) : c)
        } else if c.properties.isUppercase {
            out.append(contentsOf: c.properties.lowercaseMapping.unicodeScalars)
        } else {
            out.append(c)
        }
    }
}
