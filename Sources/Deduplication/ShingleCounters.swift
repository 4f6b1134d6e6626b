/// Boilerplate evidence per shingle key, as hashed 16-bit counters without keys: a key's cell is
/// chosen by its top bits (keys are already well-mixed hashes). Each cell holds `roots` (low 10
/// bits: retained cluster roots whose text has the shingle) and `added` (high 6 bits: retained
/// verified copies that added it around their original). Both saturate instead of overflowing.
///
/// The table is kept at most half full (cells ≥ 2 × counted increments), so a shingle shares its
/// cell with another counted shingle rarely, and other shingles' counts push it over the
/// boilerplate threshold almost never (below 10⁻⁶ per lookup). Two bytes per cell instead of a
/// keyed table's eight, and no probing: one load per lookup.
struct ShingleCounters {
    static let minimumCells = 1 << 16
    static let rootsMask: UInt16 = 0x3FF
    static let addedUnit: UInt16 = 1 << 10

    private var cells: [UInt16]
    private var shift: UInt32
    /// Increments currently counted (roots plus added).
    private(set) var increments = 0

    /// The table size for `increments` counted increments: a power of two, at least twice as many cells.
    static func cells(for increments: Int) -> Int {
        var n = minimumCells
        while n < increments * 2 { n <<= 1 }
        return n
    }

    init(cells count: Int = ShingleCounters.minimumCells) {
        var bits: UInt32 = 0
        while (1 << bits) < count { bits += 1 }
        cells = [UInt16](repeating: 0, count: 1 << bits)
        shift = 32 - bits
    }

    var cellCount: Int { cells.count }
    var bytes: Int { cells.count * 2 }

    @inline(__always) static func roots(_ v: UInt16) -> UInt16 { v & rootsMask }
    @inline(__always) static func added(_ v: UInt16) -> UInt16 { v >> 10 }

    @inline(__always)
    func value(_ key: UInt32) -> UInt16 {
        let s = shift
        return cells.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: key >> s)] }
    }

    /// Calls `body` with the cells and the shift that maps a key to its cell (`key >> shift`).
    @inline(__always)
    func withCells<R>(_ body: (UnsafeBufferPointer<UInt16>, UInt32) -> R) -> R {
        let s = shift
        return cells.withUnsafeBufferPointer { body($0, s) }
    }

    mutating func addRoot(_ keys: [UInt32]) { update(keys, by: 1) { Self.roots($0) != Self.rootsMask } }
    mutating func removeRoot(_ keys: [UInt32]) { update(keys, by: 1, subtract: true) { Self.roots($0) != 0 } }
    mutating func addAdded(_ keys: [UInt32]) { update(keys, by: Self.addedUnit) { Self.added($0) != 0x3F } }
    mutating func removeAdded(_ keys: [UInt32]) { update(keys, by: Self.addedUnit, subtract: true) { Self.added($0) != 0 } }

    @inline(__always)
    private mutating func update(_ keys: [UInt32], by unit: UInt16, subtract: Bool = false, _ allowed: (UInt16) -> Bool) {
        let s = shift
        cells.withUnsafeMutableBufferPointer { c in
            for k in keys {
                let i = Int(truncatingIfNeeded: k >> s)
                let v = c[i]
                if allowed(v) { c[i] = subtract ? v &- unit : v &+ unit }
            }
        }
        increments += subtract ? -keys.count : keys.count
    }
}
