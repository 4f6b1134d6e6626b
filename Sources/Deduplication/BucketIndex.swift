/// LSH buckets: band key → article seqs, as singly linked lists in flat arrays (one 12-byte
/// entry per article and band, slots reused after expiry) instead of one heap array per bucket.
struct BucketIndex {
    private var heads = ShingleTable()
    private var seqs: [Int64] = []
    private var next: [Int32] = []
    private var free: [Int32] = []

    /// Adds `seq` to the bucket of `key`.
    mutating func add(_ key: UInt64, _ seq: Int64) {
        let entry: Int32
        if let reused = free.popLast() {
            entry = reused
            seqs[Int(entry)] = seq
        } else {
            entry = Int32(seqs.count)
            seqs.append(seq)
            next.append(-1)
        }
        next[Int(entry)] = heads.value(key).map { Int32(truncatingIfNeeded: $0) - 1 } ?? -1
        heads.set(key, UInt64(entry) + 1)
    }

    /// Appends the seqs in the bucket of `key` to `out`.
    func collect(_ key: UInt64, into out: inout [Int64]) {
        guard let head = heads.value(key) else { return }
        var i = Int(head) - 1
        while i >= 0 {
            out.append(seqs[i])
            i = Int(next[i])
        }
    }

    /// Calls `body` with the seqs in the bucket of `key`, newest first, at most `limit` of them.
    @inline(__always)
    func forEach(_ key: UInt64, limit: Int, _ body: (Int64) -> Void) {
        guard let head = heads.value(key) else { return }
        var i = Int(head) - 1
        var n = 0
        while i >= 0 && n < limit {
            body(seqs[i])
            i = Int(next[i])
            n += 1
        }
    }

    /// Removes `seq` from the bucket of `key`.
    mutating func remove(_ key: UInt64, _ seq: Int64) {
        guard let head = heads.value(key) else { return }
        var previous = -1
        var i = Int(head) - 1
        while i >= 0 && seqs[i] != seq {
            previous = i
            i = Int(next[i])
        }
        guard i >= 0 else { return }
        let after = next[i]
        if previous >= 0 {
            next[previous] = after
        } else if after >= 0 {
            heads.set(key, UInt64(after) + 1)
        } else {
            heads.remove(key)
        }
        next[i] = -1
        free.append(Int32(i))
    }
}
