/// LSH buckets: band key → article seqs, as singly linked lists in flat arrays (one 12-byte
/// entry per article and band, slots reused after expiry) instead of one heap array per bucket.
///
/// Bucket heads live in one open-addressing table of 8-byte slots: a 32-bit tag of the band key
/// and the head entry. Two band keys with the same tag (about one pair in 4·10⁹) share a list,
/// which only adds candidates that verification then rejects.
struct BucketIndex {
    private var slots = [UInt64](repeating: 0, count: 1 << 10)
    private var mask = (1 << 10) - 1
    private var used = 0
    private var seqs: [Int64] = []
    private var next: [Int32] = []
    private var free: [Int32] = []

    /// Tag (never 0) and home slot of a band key; the home depends on the tag alone, so the
    /// table can be resized and shifted from the slots.
    @inline(__always)
    private func locate(_ key: UInt64) -> (tag: UInt64, home: Int) {
        let t = StableHash.mix(key) >> 32
        let tag = t == 0 ? 1 : t
        return (tag, homeOfTag(tag))
    }

    @inline(__always)
    private func homeOfTag(_ tag: UInt64) -> Int {
        Int(truncatingIfNeeded: (tag &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// The slot of `key`'s bucket, or where it would go.
    @inline(__always)
    private func find(_ key: UInt64) -> (slot: Int, found: Bool) {
        let (tag, home) = locate(key)
        var i = home
        return slots.withUnsafeBufferPointer { s in
            while true {
                let e = s[i]
                if e == 0 { return (i, false) }
                if e >> 32 == tag { return (i, true) }
                i = (i + 1) & mask
            }
        }
    }

    @inline(__always)
    private func head(_ key: UInt64) -> Int {
        let (slot, found) = find(key)
        return found ? Int(truncatingIfNeeded: slots[slot] & 0xFFFF_FFFF) - 1 : -1
    }

    /// Loads the home slot of each key (independent loads the CPU overlaps), so the lookups that
    /// follow hit the cache; returns a value only to keep the loads.
    @discardableResult
    func prefetch(_ keys: [UInt64]) -> UInt64 {
        slots.withUnsafeBufferPointer { s in
            var sink: UInt64 = 0
            for k in keys { sink &+= s[locate(k).home] }
            return sink
        }
    }

    /// Adds `seq` to the bucket of `key`.
    mutating func add(_ key: UInt64, _ seq: Int64) {
        if (used + 1) * 4 > slots.count * 3 { grow() }
        let entry: Int32
        if let reused = free.popLast() {
            entry = reused
            seqs[Int(entry)] = seq
        } else {
            entry = Int32(seqs.count)
            seqs.append(seq)
            next.append(-1)
        }
        let (tag, home) = locate(key)
        let m = mask
        let (head, isNew): (Int32, Bool) = slots.withUnsafeMutableBufferPointer { s in
            var i = home
            while true {
                let e = s[i]
                if e == 0 || e >> 32 == tag {
                    s[i] = tag << 32 | UInt64(entry + 1)
                    return (e == 0 ? -1 : Int32(truncatingIfNeeded: e & 0xFFFF_FFFF) - 1, e == 0)
                }
                i = (i + 1) & m
            }
        }
        next[Int(entry)] = head
        if isNew { used += 1 }
    }

    /// Appends the seqs in the bucket of `key` to `out`.
    func collect(_ key: UInt64, into out: inout [Int64]) {
        var i = head(key)
        while i >= 0 {
            out.append(seqs[i])
            i = Int(next[i])
        }
    }

    /// Calls `body` with the seqs in the bucket of `key`, newest first, at most `limit` of them.
    @inline(__always)
    func forEach(_ key: UInt64, limit: Int, _ body: (Int64) -> Void) {
        var i = head(key)
        var n = 0
        while i >= 0 && n < limit {
            body(seqs[i])
            i = Int(next[i])
            n += 1
        }
    }

    /// Removes `seq` from the bucket of `key`.
    mutating func remove(_ key: UInt64, _ seq: Int64) {
        let (slot, found) = find(key)
        guard found else { return }
        var previous = -1
        var i = Int(truncatingIfNeeded: slots[slot] & 0xFFFF_FFFF) - 1
        while i >= 0 && seqs[i] != seq {
            previous = i
            i = Int(next[i])
        }
        guard i >= 0 else { return }
        let after = next[i]
        if previous >= 0 {
            next[previous] = after
        } else if after >= 0 {
            slots[slot] = slots[slot] & 0xFFFF_FFFF_0000_0000 | UInt64(after + 1)
        } else {
            removeSlot(slot)
        }
        next[i] = -1
        free.append(Int32(i))
    }

    /// Backward-shift deletion: later entries of the probe run move into the hole.
    private mutating func removeSlot(_ slot: Int) {
        var hole = slot
        var j = (slot + 1) & mask
        while slots[j] != 0 {
            let home = homeOfTag(slots[j] >> 32)
            // Move slots[j] into the hole unless its home lies cyclically within (hole, j].
            if (j - home) & mask >= (j - hole) & mask {
                slots[hole] = slots[j]
                hole = j
            }
            j = (j + 1) & mask
        }
        slots[hole] = 0
        used -= 1
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        for e in old where e != 0 {
            var i = homeOfTag(e >> 32)
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = e
        }
    }
}
