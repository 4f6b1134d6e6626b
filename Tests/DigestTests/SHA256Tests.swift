import Foundation
import Digest
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    @Test("FIPS 180-4 test vectors, including multi-block input")
    func vectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test("agrees with coreutils' sha256sum around every padding boundary")
    func paddingBoundaries() throws {
        for length in [1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000, 4099] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try process.run()
            input.fileHandleForWriting.write(Data(bytes))
            try input.fileHandleForWriting.close()
            let answer = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let expected = String(answer.prefix(64))
            #expect(bytes.withUnsafeBufferPointer { SHA256.hex($0) } == expected, "length \(length)")
            #expect(SHA256.hexString(SHA256.digest(bytes)) == expected, "length \(length)")
        }
    }

    @Test("FIPS 180-4 long vectors: the 896-bit message and one million 'a'")
    func longVectors() {
        #expect(SHA256.hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(SHA256.hex(String(repeating: "a", count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("agrees with sha256sum on every length from 0 to 200 bytes (one shell script, one line per length)")
    func everyShortLength() throws {
        // One shell script hashes all prefixes of the same bytes.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sha256-\(UInt64.random(in: 0...UInt64.max))")
        let bytes = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 197 &+ 3) }
        try Data(bytes).write(to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        process.arguments = ["-c", "for n in $(seq 0 200); do head -c $n \"$0\" | sha256sum; done", dir.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let answer = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let lines = answer.split(separator: "\n")
        #expect(lines.count == 201)
        for (n, line) in lines.enumerated() {
            let expected = String(line.prefix(64))
            #expect(bytes[0..<n].withUnsafeBufferPointer { SHA256.hex($0) } == expected, "length \(n)")
        }
    }

    @Test("hex of bytes")
    func hexString() {
        #expect(SHA256.hexString([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    }
}
