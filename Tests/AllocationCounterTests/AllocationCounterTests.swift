import AllocationCounter
import Foundation
import Testing

private final class Box {
    let value: Int
    init(_ value: Int) { self.value = value }
}

@Suite("AllocationCounter")
struct AllocationCounterTests {
    @Test("counts every heap allocation: 1,000 class instances add at least 1,000")
    func countsAllocations() {
        #expect(wirestream_allocations_counted() == 1)
        let before = wirestream_allocation_count()
        var boxes: [Box] = []
        boxes.reserveCapacity(1000)
        for i in 0..<1000 { boxes.append(Box(i)) }
        let after = wirestream_allocation_count()
        #expect(after - before >= 1000)
        #expect(boxes.reduce(0) { $0 + $1.value } == 499_500)
    }

    @Test("memory from the counted functions behaves as before: aligned, resizable, freeable")
    func forwardsToTheAllocator() {
        var pointer: UnsafeMutableRawPointer?
        #expect(posix_memalign(&pointer, 64, 1000) == 0)
        #expect(Int(bitPattern: pointer) % 64 == 0)
        free(pointer)
        #expect(posix_memalign(&pointer, 3, 16) == EINVAL)
        guard let grown = realloc(malloc(16), 1 << 20) else {
            Issue.record("realloc returned nil")
            return
        }
        grown.storeBytes(of: 7, toByteOffset: (1 << 20) - 1, as: UInt8.self)
        #expect(grown.load(fromByteOffset: (1 << 20) - 1, as: UInt8.self) == 7)
        free(grown)
    }
}
