/// Decoding of one multi-byte scalar in valid UTF-8 (what `String` guarantees), for the byte-level
/// scans that handle ASCII themselves and meet a lead byte ≥ 0x80.
public enum UTF8Decoding {
    /// The scalar value and byte length of the sequence whose lead byte (≥ 0x80) is `buf[i]`;
    /// nil when the buffer ends inside it.
    @inlinable @inline(__always)
    public static func scalar(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int)? {
        let b = buf[i]
        var v: UInt32
        let len: Int
        if b < 0xE0 { v = UInt32(b & 0x1F); len = 2 } else if b < 0xF0 { v = UInt32(b & 0x0F); len = 3 } else { v = UInt32(b & 0x07); len = 4 }
        if i + len > buf.count { return nil }
        for k in 1..<len { v = v << 6 | UInt32(buf[i + k] & 0x3F) }
        return (v, len)
    }
}
