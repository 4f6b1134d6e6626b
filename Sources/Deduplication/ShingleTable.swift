/// Open-addressing hash map from (already well-mixed) 64-bit shingle hashes to a packed 64-bit
/// value; linear probing with backward-shift deletion. Much cheaper than `Dictionary` (no SipHash)
/// for the per-shingle frequency lookups that dominate verification.
struct ShingleTable {
    private var keys: [UInt64]
    private var values: [UInt64]
    private var mask: Int
    /// Key 0 marks an empty slot, so its value lives here.
    private var zeroValue: UInt64?
    private var slotsUsed = 0
    var count: Int { slotsUsed + (zeroValue == nil ? 0 : 1) }

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always) private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key ^ (key >> 29)) & UInt64(mask)) }

    @inline(__always)
    func value(_ key: UInt64) -> UInt64? {
        if key == 0 { return zeroValue }
        let k = key
        var i = home(k)
        return keys.withUnsafeBufferPointer { ks in
            while true {
                let found = ks[i]
                if found == k { return values.withUnsafeBufferPointer { $0[i] } }
                if found == 0 { return nil }
                i = (i + 1) & mask
            }
        }
    }

    mutating func set(_ key: UInt64, _ value: UInt64) {
        if key == 0 { zeroValue = value; return }
        if (slotsUsed + 1) * 4 > keys.count * 3 { grow() }
        let k = key
        var i = home(k)
        while true {
            if keys[i] == k { values[i] = value; return }
            if keys[i] == 0 { keys[i] = k; values[i] = value; slotsUsed += 1; return }
            i = (i + 1) & mask
        }
    }

    /// Sets `key` to `ifAbsent` when missing, else to `transform(current)`; one probe sequence.
    @inline(__always)
    mutating func update(_ key: UInt64, ifAbsent: UInt64, _ transform: (UInt64) -> UInt64) {
        if key == 0 { zeroValue = zeroValue.map(transform) ?? ifAbsent; return }
        if (slotsUsed + 1) * 4 > keys.count * 3 { grow() }
        var i = home(key)
        let m = mask
        var inserted = false
        keys.withUnsafeMutableBufferPointer { ks in
            values.withUnsafeMutableBufferPointer { vs in
                while true {
                    let found = ks[i]
                    if found == key { vs[i] = transform(vs[i]); return }
                    if found == 0 { ks[i] = key; vs[i] = ifAbsent; inserted = true; return }
                    i = (i + 1) & m
                }
            }
        }
        if inserted { slotsUsed += 1 }
    }

    mutating func remove(_ key: UInt64) {
        if key == 0 { zeroValue = nil; return }
        let k = key
        var i = home(k)
        while keys[i] != k {
            if keys[i] == 0 { return }
            i = (i + 1) & mask
        }
        // Backward-shift deletion keeps probe chains intact without tombstones.
        var hole = i
        var j = (i + 1) & mask
        while keys[j] != 0 {
            let h = home(keys[j])
            let distanceToHole = (hole - h) & mask
            let distanceToJ = (j - h) & mask
            if distanceToHole <= distanceToJ {
                keys[hole] = keys[j]; values[hole] = values[j]; hole = j
            }
            j = (j + 1) & mask
        }
        keys[hole] = 0
        values[hole] = 0
        slotsUsed -= 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [UInt64](repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        slotsUsed = 0
        for (i, k) in oldKeys.enumerated() where k != 0 { set(k, oldValues[i]) }
    }
}
