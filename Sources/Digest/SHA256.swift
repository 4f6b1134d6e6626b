/// SHA-256 (FIPS 180-4), dependency-free: article ids, content hashes and dedupe fingerprints use it.
/// Works on byte buffers without intermediate arrays (the content hash and dedupe run it per article).
public enum SHA256 {
    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

    private typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    /// One 64-byte block into `h`: all 64 rounds unrolled, the message schedule in a ring of 16 locals
    /// and the working variables renamed per round instead of shifted (no memory traffic but the input).
    @inline(__always)
    private static func block(_ h: inout State, _ p: UnsafePointer<UInt8>) {
        let raw = UnsafeRawPointer(p)
        var w0 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
        var w1 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self))
        var w2 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        var w3 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
        var w4 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        var w5 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 20, as: UInt32.self))
        var w6 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt32.self))
        var w7 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 28, as: UInt32.self))
        var w8 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 32, as: UInt32.self))
        var w9 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 36, as: UInt32.self))
        var w10 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 40, as: UInt32.self))
        var w11 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 44, as: UInt32.self))
        var w12 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 48, as: UInt32.self))
        var w13 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 52, as: UInt32.self))
        var w14 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 56, as: UInt32.self))
        var w15 = UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 60, as: UInt32.self))
        var a = h.0, b = h.1, c = h.2, d = h.3, e = h.4, f = h.5, g = h.6, hh = h.7
        do { let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ 0x428a2f98 &+ w0
            d &+= t1; hh = t1 &+ (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c)) }
        do { let t1 = g &+ (rotr(d, 6) ^ rotr(d, 11) ^ rotr(d, 25)) &+ ((d & e) ^ (~d & f)) &+ 0x71374491 &+ w1
            c &+= t1; g = t1 &+ (rotr(hh, 2) ^ rotr(hh, 13) ^ rotr(hh, 22)) &+ ((hh & a) ^ (hh & b) ^ (a & b)) }
        do { let t1 = f &+ (rotr(c, 6) ^ rotr(c, 11) ^ rotr(c, 25)) &+ ((c & d) ^ (~c & e)) &+ 0xb5c0fbcf &+ w2
            b &+= t1; f = t1 &+ (rotr(g, 2) ^ rotr(g, 13) ^ rotr(g, 22)) &+ ((g & hh) ^ (g & a) ^ (hh & a)) }
        do { let t1 = e &+ (rotr(b, 6) ^ rotr(b, 11) ^ rotr(b, 25)) &+ ((b & c) ^ (~b & d)) &+ 0xe9b5dba5 &+ w3
            a &+= t1; e = t1 &+ (rotr(f, 2) ^ rotr(f, 13) ^ rotr(f, 22)) &+ ((f & g) ^ (f & hh) ^ (g & hh)) }
        do { let t1 = d &+ (rotr(a, 6) ^ rotr(a, 11) ^ rotr(a, 25)) &+ ((a & b) ^ (~a & c)) &+ 0x3956c25b &+ w4
            hh &+= t1; d = t1 &+ (rotr(e, 2) ^ rotr(e, 13) ^ rotr(e, 22)) &+ ((e & f) ^ (e & g) ^ (f & g)) }
        do { let t1 = c &+ (rotr(hh, 6) ^ rotr(hh, 11) ^ rotr(hh, 25)) &+ ((hh & a) ^ (~hh & b)) &+ 0x59f111f1 &+ w5
            g &+= t1; c = t1 &+ (rotr(d, 2) ^ rotr(d, 13) ^ rotr(d, 22)) &+ ((d & e) ^ (d & f) ^ (e & f)) }
        do { let t1 = b &+ (rotr(g, 6) ^ rotr(g, 11) ^ rotr(g, 25)) &+ ((g & hh) ^ (~g & a)) &+ 0x923f82a4 &+ w6
            f &+= t1; b = t1 &+ (rotr(c, 2) ^ rotr(c, 13) ^ rotr(c, 22)) &+ ((c & d) ^ (c & e) ^ (d & e)) }
        do { let t1 = a &+ (rotr(f, 6) ^ rotr(f, 11) ^ rotr(f, 25)) &+ ((f & g) ^ (~f & hh)) &+ 0xab1c5ed5 &+ w7
            e &+= t1; a = t1 &+ (rotr(b, 2) ^ rotr(b, 13) ^ rotr(b, 22)) &+ ((b & c) ^ (b & d) ^ (c & d)) }
        do { let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ 0xd807aa98 &+ w8
            d &+= t1; hh = t1 &+ (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c)) }
        do { let t1 = g &+ (rotr(d, 6) ^ rotr(d, 11) ^ rotr(d, 25)) &+ ((d & e) ^ (~d & f)) &+ 0x12835b01 &+ w9
            c &+= t1; g = t1 &+ (rotr(hh, 2) ^ rotr(hh, 13) ^ rotr(hh, 22)) &+ ((hh & a) ^ (hh & b) ^ (a & b)) }
        do { let t1 = f &+ (rotr(c, 6) ^ rotr(c, 11) ^ rotr(c, 25)) &+ ((c & d) ^ (~c & e)) &+ 0x243185be &+ w10
            b &+= t1; f = t1 &+ (rotr(g, 2) ^ rotr(g, 13) ^ rotr(g, 22)) &+ ((g & hh) ^ (g & a) ^ (hh & a)) }
        do { let t1 = e &+ (rotr(b, 6) ^ rotr(b, 11) ^ rotr(b, 25)) &+ ((b & c) ^ (~b & d)) &+ 0x550c7dc3 &+ w11
            a &+= t1; e = t1 &+ (rotr(f, 2) ^ rotr(f, 13) ^ rotr(f, 22)) &+ ((f & g) ^ (f & hh) ^ (g & hh)) }
        do { let t1 = d &+ (rotr(a, 6) ^ rotr(a, 11) ^ rotr(a, 25)) &+ ((a & b) ^ (~a & c)) &+ 0x72be5d74 &+ w12
            hh &+= t1; d = t1 &+ (rotr(e, 2) ^ rotr(e, 13) ^ rotr(e, 22)) &+ ((e & f) ^ (e & g) ^ (f & g)) }
        do { let t1 = c &+ (rotr(hh, 6) ^ rotr(hh, 11) ^ rotr(hh, 25)) &+ ((hh & a) ^ (~hh & b)) &+ 0x80deb1fe &+ w13
            g &+= t1; c = t1 &+ (rotr(d, 2) ^ rotr(d, 13) ^ rotr(d, 22)) &+ ((d & e) ^ (d & f) ^ (e & f)) }
        do { let t1 = b &+ (rotr(g, 6) ^ rotr(g, 11) ^ rotr(g, 25)) &+ ((g & hh) ^ (~g & a)) &+ 0x9bdc06a7 &+ w14
            f &+= t1; b = t1 &+ (rotr(c, 2) ^ rotr(c, 13) ^ rotr(c, 22)) &+ ((c & d) ^ (c & e) ^ (d & e)) }
        do { let t1 = a &+ (rotr(f, 6) ^ rotr(f, 11) ^ rotr(f, 25)) &+ ((f & g) ^ (~f & hh)) &+ 0xc19bf174 &+ w15
            e &+= t1; a = t1 &+ (rotr(b, 2) ^ rotr(b, 13) ^ rotr(b, 22)) &+ ((b & c) ^ (b & d) ^ (c & d)) }
        w0 = w0 &+ (rotr(w1, 7) ^ rotr(w1, 18) ^ (w1 &>> 3)) &+ w9 &+ (rotr(w14, 17) ^ rotr(w14, 19) ^ (w14 &>> 10))
        do { let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ 0xe49b69c1 &+ w0
            d &+= t1; hh = t1 &+ (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c)) }
        w1 = w1 &+ (rotr(w2, 7) ^ rotr(w2, 18) ^ (w2 &>> 3)) &+ w10 &+ (rotr(w15, 17) ^ rotr(w15, 19) ^ (w15 &>> 10))
        do { let t1 = g &+ (rotr(d, 6) ^ rotr(d, 11) ^ rotr(d, 25)) &+ ((d & e) ^ (~d & f)) &+ 0xefbe4786 &+ w1
            c &+= t1; g = t1 &+ (rotr(hh, 2) ^ rotr(hh, 13) ^ rotr(hh, 22)) &+ ((hh & a) ^ (hh & b) ^ (a & b)) }
        w2 = w2 &+ (rotr(w3, 7) ^ rotr(w3, 18) ^ (w3 &>> 3)) &+ w11 &+ (rotr(w0, 17) ^ rotr(w0, 19) ^ (w0 &>> 10))
        do { let t1 = f &+ (rotr(c, 6) ^ rotr(c, 11) ^ rotr(c, 25)) &+ ((c & d) ^ (~c & e)) &+ 0x0fc19dc6 &+ w2
            b &+= t1; f = t1 &+ (rotr(g, 2) ^ rotr(g, 13) ^ rotr(g, 22)) &+ ((g & hh) ^ (g & a) ^ (hh & a)) }
        w3 = w3 &+ (rotr(w4, 7) ^ rotr(w4, 18) ^ (w4 &>> 3)) &+ w12 &+ (rotr(w1, 17) ^ rotr(w1, 19) ^ (w1 &>> 10))
        do { let t1 = e &+ (rotr(b, 6) ^ rotr(b, 11) ^ rotr(b, 25)) &+ ((b & c) ^ (~b & d)) &+ 0x240ca1cc &+ w3
            a &+= t1; e = t1 &+ (rotr(f, 2) ^ rotr(f, 13) ^ rotr(f, 22)) &+ ((f & g) ^ (f & hh) ^ (g & hh)) }
        w4 = w4 &+ (rotr(w5, 7) ^ rotr(w5, 18) ^ (w5 &>> 3)) &+ w13 &+ (rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 &>> 10))
        do { let t1 = d &+ (rotr(a, 6) ^ rotr(a, 11) ^ rotr(a, 25)) &+ ((a & b) ^ (~a & c)) &+ 0x2de92c6f &+ w4
            hh &+= t1; d = t1 &+ (rotr(e, 2) ^ rotr(e, 13) ^ rotr(e, 22)) &+ ((e & f) ^ (e & g) ^ (f & g)) }
        w5 = w5 &+ (rotr(w6, 7) ^ rotr(w6, 18) ^ (w6 &>> 3)) &+ w14 &+ (rotr(w3, 17) ^ rotr(w3, 19) ^ (w3 &>> 10))
        do { let t1 = c &+ (rotr(hh, 6) ^ rotr(hh, 11) ^ rotr(hh, 25)) &+ ((hh & a) ^ (~hh & b)) &+ 0x4a7484aa &+ w5
            g &+= t1; c = t1 &+ (rotr(d, 2) ^ rotr(d, 13) ^ rotr(d, 22)) &+ ((d & e) ^ (d & f) ^ (e & f)) }
        w6 = w6 &+ (rotr(w7, 7) ^ rotr(w7, 18) ^ (w7 &>> 3)) &+ w15 &+ (rotr(w4, 17) ^ rotr(w4, 19) ^ (w4 &>> 10))
        do { let t1 = b &+ (rotr(g, 6) ^ rotr(g, 11) ^ rotr(g, 25)) &+ ((g & hh) ^ (~g & a)) &+ 0x5cb0a9dc &+ w6
            f &+= t1; b = t1 &+ (rotr(c, 2) ^ rotr(c, 13) ^ rotr(c, 22)) &+ ((c & d) ^ (c & e) ^ (d & e)) }
        w7 = w7 &+ (rotr(w8, 7) ^ rotr(w8, 18) ^ (w8 &>> 3)) &+ w0 &+ (rotr(w5, 17) ^ rotr(w5, 19) ^ (w5 &>> 10))
        do { let t1 = a &+ (rotr(f, 6) ^ rotr(f, 11) ^ rotr(f, 25)) &+ ((f & g) ^ (~f & hh)) &+ 0x76f988da &+ w7
            e &+= t1; a = t1 &+ (rotr(b, 2) ^ rotr(b, 13) ^ rotr(b, 22)) &+ ((b & c) ^ (b & d) ^ (c & d)) }
        w8 = w8 &+ (rotr(w9, 7) ^ rotr(w9, 18) ^ (w9 &>> 3)) &+ w1 &+ (rotr(w6, 17) ^ rotr(w6, 19) ^ (w6 &>> 10))
        do { let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ 0x983e5152 &+ w8
            d &+= t1; hh = t1 &+ (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c)) }
        w9 = w9 &+ (rotr(w10, 7) ^ rotr(w10, 18) ^ (w10 &>> 3)) &+ w2 &+ (rotr(w7, 17) ^ rotr(w7, 19) ^ (w7 &>> 10))
        do { let t1 = g &+ (rotr(d, 6) ^ rotr(d, 11) ^ rotr(d, 25)) &+ ((d & e) ^ (~d & f)) &+ 0xa831c66d &+ w9
            c &+= t1; g = t1 &+ (rotr(hh, 2) ^ rotr(hh, 13) ^ rotr(hh, 22)) &+ ((hh & a) ^ (hh & b) ^ (a & b)) }
        w10 = w10 &+ (rotr(w11, 7) ^ rotr(w11, 18) ^ (w11 &>> 3)) &+ w3 &+ (rotr(w8, 17) ^ rotr(w8, 19) ^ (w8 &>> 10))
        do { let t1 = f &+ (rotr(c, 6) ^ rotr(c, 11) ^ rotr(c, 25)) &+ ((c & d) ^ (~c & e)) &+ 0xb00327c8 &+ w10
            b &+= t1; f = t1 &+ (rotr(g, 2) ^ rotr(g, 13) ^ rotr(g, 22)) &+ ((g & hh) ^ (g & a) ^ (hh & a)) }
        w11 = w11 &+ (rotr(w12, 7) ^ rotr(w12, 18) ^ (w12 &>> 3)) &+ w4 &+ (rotr(w9, 17) ^ rotr(w9, 19) ^ (w9 &>> 10))
        do { let t1 = e &+ (rotr(b, 6) ^ rotr(b, 11) ^ rotr(b, 25)) &+ ((b & c) ^ (~b & d)) &+ 0xbf597fc7 &+ w11
            a &+= t1; e = t1 &+ (rotr(f, 2) ^ rotr(f, 13) ^ rotr(f, 22)) &+ ((f & g) ^ (f & hh) ^ (g & hh)) }
        w12 = w12 &+ (rotr(w13, 7) ^ rotr(w13, 18) ^ (w13 &>> 3)) &+ w5 &+ (rotr(w10, 17) ^ rotr(w10, 19) ^ (w10 &>> 10))
        do { let t1 = d &+ (rotr(a, 6) ^ rotr(a, 11) ^ rotr(a, 25)) &+ ((a & b) ^ (~a & c)) &+ 0xc6e00bf3 &+ w12
            hh &+= t1; d = t1 &+ (rotr(e, 2) ^ rotr(e, 13) ^ rotr(e, 22)) &+ ((e & f) ^ (e & g) ^ (f & g)) }
        w13 = w13 &+ (rotr(w14, 7) ^ rotr(w14, 18) ^ (w14 &>> 3)) &+ w6 &+ (rotr(w11, 17) ^ rotr(w11, 19) ^ (w11 &>> 10))
        do { let t1 = c &+ (rotr(hh, 6) ^ rotr(hh, 11) ^ rotr(hh, 25)) &+ ((hh & a) ^ (~hh & b)) &+ 0xd5a79147 &+ w13
            g &+= t1; c = t1 &+ (rotr(d, 2) ^ rotr(d, 13) ^ rotr(d, 22)) &+ ((d & e) ^ (d & f) ^ (e & f)) }
        w14 = w14 &+ (rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 &>> 3)) &+ w7 &+ (rotr(w12, 17) ^ rotr(w12, 19) ^ (w12 &>> 10))
        do { let t1 = b &+ (rotr(g, 6) ^ rotr(g, 11) ^ rotr(g, 25)) &+ ((g & hh) ^ (~g & a)) &+ 0x06ca6351 &+ w14
            f &+= t1; b = t1 &+ (rotr(c, 2) ^ rotr(c, 13) ^ rotr(c, 22)) &+ ((c & d) ^ (c & e) ^ (d & e)) }
        w15 = w15 &+ (rotr(w0, 7) ^ rotr(w0, 18) ^ (w0 &>> 3)) &+ w8 &+ (rotr(w13, 17) ^ rotr(w13, 19) ^ (w13 &>> 10))
        do { let t1 = a &+ (rotr(f, 6) ^ rotr(f, 11) ^ rotr(f, 25)) &+ ((f & g) ^ (~f & hh)) &+ 0x14292967 &+ w15
            e &+= t1; a = t1 &+ (rotr(b, 2) ^ rotr(b, 13) ^ rotr(b, 22)) &+ ((b & c) ^ (b & d) ^ (c & d)) }
        w0 = w0 &+ (rotr(w1, 7) ^ rotr(w1, 18) ^ (w1 &>> 3)) &+ w9 &+ (rotr(w14, 17) ^ rotr(w14, 19) ^ (w14 &>> 10))
        do { let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ 0x27b70a85 &+ w0
            d &+= t1; hh = t1 &+ (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c)) }
        w1 = w1 &+ (rotr(w2, 7) ^ rotr(w2, 18) ^ (w2 &>> 3)) &+ w10 &+ (rotr(w15, 17) ^ rotr(w15, 19) ^ (w15 &>> 10))
        do { let t1 = g &+ (rotr(d, 6) ^ rotr(d, 11) ^ rotr(d, 25)) &+ ((d & e) ^ (~d & f)) &+ 0x2e1b2138 &+ w1
            c &+= t1; g = t1 &+ (rotr(hh, 2) ^ rotr(hh, 13) ^ rotr(hh, 22)) &+ ((hh & a) ^ (hh & b) ^ (a & b)) }
        w2 = w2 &+ (rotr(w3, 7) ^ rotr(w3, 18) ^ (w3 &>> 3)) &+ w11 &+ (rotr(w0, 17) ^ rotr(w0, 19) ^ (w0 &>> 10))
        do { let t1 = f &+ (rotr(c, 6) ^ rotr(c, 11) ^ rotr(c, 25)) &+ ((c & d) ^ (~c & e)) &+ 0x4d2c6dfc &+ w2
            b &+= t1; f = t1 &+ (rotr(g, 2) ^ rotr(g, 13) ^ rotr(g, 22)) &+ ((g & hh) ^ (g & a) ^ (hh & a)) }
        w3 = w3 &+ (rotr(w4, 7) ^ rotr(w4, 18) ^ (w4 &>> 3)) &+ w12 &+ (rotr(w1, 17) ^ rotr(w1, 19) ^ (w1 &>> 10))
        do { let t1 = e &+ (rotr(b, 6) ^ rotr(b, 11) ^ rotr(b, 25)) &+ ((b & c) ^ (~b & d)) &+ 0x53380d13 &+ w3
            a &+= t1; e = t1 &+ (rotr(f, 2) ^ rotr(f, 13) ^ rotr(f, 22)) &+ ((f & g) ^ (f & hh) ^ (g & hh)) }
        w4 = w4 &+ (rotr(w5, 7) ^ rotr(w5, 18) ^ (w5 &>> 3)) &+ w13 &+ (rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 &>> 10))
        do { let t1 = d &+ (rotr(a, 6) ^ rotr(a, 11) ^ rotr(a, 25)) &+ ((a & b) ^ (~a & c)) &+ 0x650a7354 &+ w4
            hh &+= t1; d = t1 &+ (rotr(e, 2) ^ rotr(e, 13) ^ rotr(e, 22)) &+ ((e & f) ^ (e & g) ^ (f & g)) }
        w5 = w5 &+ (rotr(w6, 7) ^ rotr(w6, 18) ^ (w6 &>> 3)) &+ w14 &+ (rotr(w3, 17) ^ rotr(w3, 19) ^ (w3 &>> 10))
        do { let t1 = c &+ (rotr(hh, 6) ^ rotr(hh, 11) ^ rotr(hh, 25)) &+ ((hh & a) ^ (~hh & b)) &+ 0x766a0abb &+ w5
            g &+= t1; c = t1 &+ (rotr(d, 2) ^ rotr(d, 13) ^ rotr(d, 22)) &+ ((d & e) ^ (d & f) ^ (e & f)) }
        w6 = w6 &+ (rotr(w7, 7) ^ rotr(w7, 18) ^ (w7 &>> 3)) &+ w15 &+ (rotr(w4, 17) ^ rotr(w4, 19) ^ (w4 &>> 10))
        do { let t1 = b &+ (rotr(g, 6) ^ rotr(g, 11) ^ rotr(g, 25)) &+ ((g & hh) ^ (~g & a)) &+ 0x81c2c92e &+ w6
            f &+= t1; b = t1 &+ (rotr(c, 2) ^ rotr(c, 13) ^ rotr(c, 22)) &+ ((c & d) ^ (c & e) ^ (d & e)) }
        w7 = w7 &+ (rotr(w8, 7) ^ rotr(w8, 18) ^ (w8 &>> 3)) &+ w0 &+ (rotr(w5, 17) ^ rotr(w5, 19) ^ (w5 &>> 10))
        do { let t1 = a &+ (rotr(f, 6) ^ rotr(f, 11) ^ rotr(f, 25)) &+ ((f & g) ^ (~f & hh)) &+ 0x92722c85 &+ w7
            e &+= t1; a = t1 &+ (rotr(b, 2) ^ rotr(b, 13) ^ rotr(b, 22)) &+ ((b & c) ^ (b & d) ^ (c & d)) }
        w8 = w8 &+ (rotr(w9, 7) ^ rotr(w9, 18) ^ (w9 &>> 3)) &+ w1 &+ (rotr(w6, 17) ^ rotr(w6, 19) ^ (w6 &>> 10))
        do { let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ 0xa2bfe8a1 &+ w8
            d &+= t1; hh = t1 &+ (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c)) }
        w9 = w9 &+ (rotr(w10, 7) ^ rotr(w10, 18) ^ (w10 &>> 3)) &+ w2 &+ (rotr(w7, 17) ^ rotr(w7, 19) ^ (w7 &>> 10))
        do { let t1 = g &+ (rotr(d, 6) ^ rotr(d, 11) ^ rotr(d, 25)) &+ ((d & e) ^ (~d & f)) &+ 0xa81a664b &+ w9
            c &+= t1; g = t1 &+ (rotr(hh, 2) ^ rotr(hh, 13) ^ rotr(hh, 22)) &+ ((hh & a) ^ (hh & b) ^ (a & b)) }
        w10 = w10 &+ (rotr(w11, 7) ^ rotr(w11, 18) ^ (w11 &>> 3)) &+ w3 &+ (rotr(w8, 17) ^ rotr(w8, 19) ^ (w8 &>> 10))
        do { let t1 = f &+ (rotr(c, 6) ^ rotr(c, 11) ^ rotr(c, 25)) &+ ((c & d) ^ (~c & e)) &+ 0xc24b8b70 &+ w10
            b &+= t1; f = t1 &+ (rotr(g, 2) ^ rotr(g, 13) ^ rotr(g, 22)) &+ ((g & hh) ^ (g & a) ^ (hh & a)) }
        w11 = w11 &+ (rotr(w12, 7) ^ rotr(w12, 18) ^ (w12 &>> 3)) &+ w4 &+ (rotr(w9, 17) ^ rotr(w9, 19) ^ (w9 &>> 10))
        do { let t1 = e &+ (rotr(b, 6) ^ rotr(b, 11) ^ rotr(b, 25)) &+ ((b & c) ^ (~b & d)) &+ 0xc76c51a3 &+ w11
            a &+= t1; e = t1 &+ (rotr(f, 2) ^ rotr(f, 13) ^ rotr(f, 22)) &+ ((f & g) ^ (f & hh) ^ (g & hh)) }
        w12 = w12 &+ (rotr(w13, 7) ^ rotr(w13, 18) ^ (w13 &>> 3)) &+ w5 &+ (rotr(w10, 17) ^ rotr(w10, 19) ^ (w10 &>> 10))
        do { let t1 = d &+ (rotr(a, 6) ^ rotr(a, 11) ^ rotr(a, 25)) &+ ((a & b) ^ (~a & c)) &+ 0xd192e819 &+ w12
            hh &+= t1; d = t1 &+ (rotr(e, 2) ^ rotr(e, 13) ^ rotr(e, 22)) &+ ((e & f) ^ (e & g) ^ (f & g)) }
        w13 = w13 &+ (rotr(w14, 7) ^ rotr(w14, 18) ^ (w14 &>> 3)) &+ w6 &+ (rotr(w11, 17) ^ rotr(w11, 19) ^ (w11 &>> 10))
        do { let t1 = c &+ (rotr(hh, 6) ^ rotr(hh, 11) ^ rotr(hh, 25)) &+ ((hh & a) ^ (~hh & b)) &+ 0xd6990624 &+ w13
            g &+= t1; c = t1 &+ (rotr(d, 2) ^ rotr(d, 13) ^ rotr(d, 22)) &+ ((d & e) ^ (d & f) ^ (e & f)) }
        w14 = w14 &+ (rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 &>> 3)) &+ w7 &+ (rotr(w12, 17) ^ rotr(w12, 19) ^ (w12 &>> 10))
        do { let t1 = b &+ (rotr(g, 6) ^ rotr(g, 11) ^ rotr(g, 25)) &+ ((g & hh) ^ (~g & a)) &+ 0xf40e3585 &+ w14
            f &+= t1; b = t1 &+ (rotr(c, 2) ^ rotr(c, 13) ^ rotr(c, 22)) &+ ((c & d) ^ (c & e) ^ (d & e)) }
        w15 = w15 &+ (rotr(w0, 7) ^ rotr(w0, 18) ^ (w0 &>> 3)) &+ w8 &+ (rotr(w13, 17) ^ rotr(w13, 19) ^ (w13 &>> 10))
        do { let t1 = a &+ (rotr(f, 6) ^ rotr(f, 11) ^ rotr(f, 25)) &+ ((f & g) ^ (~f & hh)) &+ 0x106aa070 &+ w15
            e &+= t1; a = t1 &+ (rotr(b, 2) ^ rotr(b, 13) ^ rotr(b, 22)) &+ ((b & c) ^ (b & d) ^ (c & d)) }
        w0 = w0 &+ (rotr(w1, 7) ^ rotr(w1, 18) ^ (w1 &>> 3)) &+ w9 &+ (rotr(w14, 17) ^ rotr(w14, 19) ^ (w14 &>> 10))
        do { let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ 0x19a4c116 &+ w0
            d &+= t1; hh = t1 &+ (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c)) }
        w1 = w1 &+ (rotr(w2, 7) ^ rotr(w2, 18) ^ (w2 &>> 3)) &+ w10 &+ (rotr(w15, 17) ^ rotr(w15, 19) ^ (w15 &>> 10))
        do { let t1 = g &+ (rotr(d, 6) ^ rotr(d, 11) ^ rotr(d, 25)) &+ ((d & e) ^ (~d & f)) &+ 0x1e376c08 &+ w1
            c &+= t1; g = t1 &+ (rotr(hh, 2) ^ rotr(hh, 13) ^ rotr(hh, 22)) &+ ((hh & a) ^ (hh & b) ^ (a & b)) }
        w2 = w2 &+ (rotr(w3, 7) ^ rotr(w3, 18) ^ (w3 &>> 3)) &+ w11 &+ (rotr(w0, 17) ^ rotr(w0, 19) ^ (w0 &>> 10))
        do { let t1 = f &+ (rotr(c, 6) ^ rotr(c, 11) ^ rotr(c, 25)) &+ ((c & d) ^ (~c & e)) &+ 0x2748774c &+ w2
            b &+= t1; f = t1 &+ (rotr(g, 2) ^ rotr(g, 13) ^ rotr(g, 22)) &+ ((g & hh) ^ (g & a) ^ (hh & a)) }
        w3 = w3 &+ (rotr(w4, 7) ^ rotr(w4, 18) ^ (w4 &>> 3)) &+ w12 &+ (rotr(w1, 17) ^ rotr(w1, 19) ^ (w1 &>> 10))
        do { let t1 = e &+ (rotr(b, 6) ^ rotr(b, 11) ^ rotr(b, 25)) &+ ((b & c) ^ (~b & d)) &+ 0x34b0bcb5 &+ w3
            a &+= t1; e = t1 &+ (rotr(f, 2) ^ rotr(f, 13) ^ rotr(f, 22)) &+ ((f & g) ^ (f & hh) ^ (g & hh)) }
        w4 = w4 &+ (rotr(w5, 7) ^ rotr(w5, 18) ^ (w5 &>> 3)) &+ w13 &+ (rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 &>> 10))
        do { let t1 = d &+ (rotr(a, 6) ^ rotr(a, 11) ^ rotr(a, 25)) &+ ((a & b) ^ (~a & c)) &+ 0x391c0cb3 &+ w4
            hh &+= t1; d = t1 &+ (rotr(e, 2) ^ rotr(e, 13) ^ rotr(e, 22)) &+ ((e & f) ^ (e & g) ^ (f & g)) }
        w5 = w5 &+ (rotr(w6, 7) ^ rotr(w6, 18) ^ (w6 &>> 3)) &+ w14 &+ (rotr(w3, 17) ^ rotr(w3, 19) ^ (w3 &>> 10))
        do { let t1 = c &+ (rotr(hh, 6) ^ rotr(hh, 11) ^ rotr(hh, 25)) &+ ((hh & a) ^ (~hh & b)) &+ 0x4ed8aa4a &+ w5
            g &+= t1; c = t1 &+ (rotr(d, 2) ^ rotr(d, 13) ^ rotr(d, 22)) &+ ((d & e) ^ (d & f) ^ (e & f)) }
        w6 = w6 &+ (rotr(w7, 7) ^ rotr(w7, 18) ^ (w7 &>> 3)) &+ w15 &+ (rotr(w4, 17) ^ rotr(w4, 19) ^ (w4 &>> 10))
        do { let t1 = b &+ (rotr(g, 6) ^ rotr(g, 11) ^ rotr(g, 25)) &+ ((g & hh) ^ (~g & a)) &+ 0x5b9cca4f &+ w6
            f &+= t1; b = t1 &+ (rotr(c, 2) ^ rotr(c, 13) ^ rotr(c, 22)) &+ ((c & d) ^ (c & e) ^ (d & e)) }
        w7 = w7 &+ (rotr(w8, 7) ^ rotr(w8, 18) ^ (w8 &>> 3)) &+ w0 &+ (rotr(w5, 17) ^ rotr(w5, 19) ^ (w5 &>> 10))
        do { let t1 = a &+ (rotr(f, 6) ^ rotr(f, 11) ^ rotr(f, 25)) &+ ((f & g) ^ (~f & hh)) &+ 0x682e6ff3 &+ w7
            e &+= t1; a = t1 &+ (rotr(b, 2) ^ rotr(b, 13) ^ rotr(b, 22)) &+ ((b & c) ^ (b & d) ^ (c & d)) }
        w8 = w8 &+ (rotr(w9, 7) ^ rotr(w9, 18) ^ (w9 &>> 3)) &+ w1 &+ (rotr(w6, 17) ^ rotr(w6, 19) ^ (w6 &>> 10))
        do { let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ 0x748f82ee &+ w8
            d &+= t1; hh = t1 &+ (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c)) }
        w9 = w9 &+ (rotr(w10, 7) ^ rotr(w10, 18) ^ (w10 &>> 3)) &+ w2 &+ (rotr(w7, 17) ^ rotr(w7, 19) ^ (w7 &>> 10))
        do { let t1 = g &+ (rotr(d, 6) ^ rotr(d, 11) ^ rotr(d, 25)) &+ ((d & e) ^ (~d & f)) &+ 0x78a5636f &+ w9
            c &+= t1; g = t1 &+ (rotr(hh, 2) ^ rotr(hh, 13) ^ rotr(hh, 22)) &+ ((hh & a) ^ (hh & b) ^ (a & b)) }
        w10 = w10 &+ (rotr(w11, 7) ^ rotr(w11, 18) ^ (w11 &>> 3)) &+ w3 &+ (rotr(w8, 17) ^ rotr(w8, 19) ^ (w8 &>> 10))
        do { let t1 = f &+ (rotr(c, 6) ^ rotr(c, 11) ^ rotr(c, 25)) &+ ((c & d) ^ (~c & e)) &+ 0x84c87814 &+ w10
            b &+= t1; f = t1 &+ (rotr(g, 2) ^ rotr(g, 13) ^ rotr(g, 22)) &+ ((g & hh) ^ (g & a) ^ (hh & a)) }
        w11 = w11 &+ (rotr(w12, 7) ^ rotr(w12, 18) ^ (w12 &>> 3)) &+ w4 &+ (rotr(w9, 17) ^ rotr(w9, 19) ^ (w9 &>> 10))
        do { let t1 = e &+ (rotr(b, 6) ^ rotr(b, 11) ^ rotr(b, 25)) &+ ((b & c) ^ (~b & d)) &+ 0x8cc70208 &+ w11
            a &+= t1; e = t1 &+ (rotr(f, 2) ^ rotr(f, 13) ^ rotr(f, 22)) &+ ((f & g) ^ (f & hh) ^ (g & hh)) }
        w12 = w12 &+ (rotr(w13, 7) ^ rotr(w13, 18) ^ (w13 &>> 3)) &+ w5 &+ (rotr(w10, 17) ^ rotr(w10, 19) ^ (w10 &>> 10))
        do { let t1 = d &+ (rotr(a, 6) ^ rotr(a, 11) ^ rotr(a, 25)) &+ ((a & b) ^ (~a & c)) &+ 0x90befffa &+ w12
            hh &+= t1; d = t1 &+ (rotr(e, 2) ^ rotr(e, 13) ^ rotr(e, 22)) &+ ((e & f) ^ (e & g) ^ (f & g)) }
        w13 = w13 &+ (rotr(w14, 7) ^ rotr(w14, 18) ^ (w14 &>> 3)) &+ w6 &+ (rotr(w11, 17) ^ rotr(w11, 19) ^ (w11 &>> 10))
        do { let t1 = c &+ (rotr(hh, 6) ^ rotr(hh, 11) ^ rotr(hh, 25)) &+ ((hh & a) ^ (~hh & b)) &+ 0xa4506ceb &+ w13
            g &+= t1; c = t1 &+ (rotr(d, 2) ^ rotr(d, 13) ^ rotr(d, 22)) &+ ((d & e) ^ (d & f) ^ (e & f)) }
        w14 = w14 &+ (rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 &>> 3)) &+ w7 &+ (rotr(w12, 17) ^ rotr(w12, 19) ^ (w12 &>> 10))
        do { let t1 = b &+ (rotr(g, 6) ^ rotr(g, 11) ^ rotr(g, 25)) &+ ((g & hh) ^ (~g & a)) &+ 0xbef9a3f7 &+ w14
            f &+= t1; b = t1 &+ (rotr(c, 2) ^ rotr(c, 13) ^ rotr(c, 22)) &+ ((c & d) ^ (c & e) ^ (d & e)) }
        w15 = w15 &+ (rotr(w0, 7) ^ rotr(w0, 18) ^ (w0 &>> 3)) &+ w8 &+ (rotr(w13, 17) ^ rotr(w13, 19) ^ (w13 &>> 10))
        do { let t1 = a &+ (rotr(f, 6) ^ rotr(f, 11) ^ rotr(f, 25)) &+ ((f & g) ^ (~f & hh)) &+ 0xc67178f2 &+ w15
            e &+= t1; a = t1 &+ (rotr(b, 2) ^ rotr(b, 13) ^ rotr(b, 22)) &+ ((b & c) ^ (b & d) ^ (c & d)) }
        h.0 &+= a; h.1 &+= b; h.2 &+= c; h.3 &+= d; h.4 &+= e; h.5 &+= f; h.6 &+= g; h.7 &+= hh
    }

    /// The eight state words after hashing `bytes`.
    private static func state(_ bytes: UnsafeBufferPointer<UInt8>) -> State {
        var h: State = (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
        let n = bytes.count
        let full = n / 64
        if let base = bytes.baseAddress {
            for b in 0..<full { block(&h, base + b * 64) }
        }
        // Padding: the remaining bytes, 0x80, zeros, the bit length (one or two blocks).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
            guard let tp = tail.baseAddress else { return }
            let rest = n - full * 64
            tp.initialize(repeating: 0, count: 128)
            if rest > 0, let base = bytes.baseAddress { tp.update(from: base + full * 64, count: rest) }
            tp[rest] = 0x80
            let blocks = rest < 56 ? 1 : 2
            let bitLength = UInt64(n) &* 8
            for i in 0..<8 { tp[blocks * 64 - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8)) }
            for b in 0..<blocks { block(&h, UnsafePointer(tp + b * 64)) }
        }
        return h
    }

    /// Digest of `bytes` (32 bytes).
    public static func digest(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let h = state(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for v in [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7] {
            for s in [24, 16, 8, 0] { out.append(UInt8(truncatingIfNeeded: v >> UInt32(s))) }
        }
        return out
    }

    /// Digest of `bytes` (32 bytes).
    public static func digest<S: Sequence>(_ bytes: S) -> [UInt8] where S.Element == UInt8 {
        Array(bytes).withUnsafeBufferPointer { digest($0) }
    }

    /// Lower-case hex SHA-256 of `bytes`.
    public static func hex(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let h = state(bytes)
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 64) { out in
            digits.withUTF8Buffer { hexDigits in
                var o = 0
                for v in [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7] {
                    for shift in stride(from: 28, through: 0, by: -4) {
                        out[o] = hexDigits[Int((v >> UInt32(shift)) & 0xF)]
                        o += 1
                    }
                }
            }
            return 64
        }
    }

    /// Lower-case hex SHA-256 of the UTF-8 bytes of `string`.
    public static func hex(_ string: String) -> String {
        var string = string
        return string.withUTF8 { hex($0) }
    }

    /// Lower-case hex of `bytes`.
    public static func hexString<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let hexDigits = Array("0123456789abcdef".utf8)
        var chars: [UInt8] = []
        chars.reserveCapacity(64)
        for byte in bytes {
            chars.append(hexDigits[Int(byte >> 4)])
            chars.append(hexDigits[Int(byte & 0xF)])
        }
        return String(decoding: chars, as: UTF8.self)
    }
}
