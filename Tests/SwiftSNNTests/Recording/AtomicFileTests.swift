import Foundation
import Testing
@testable import SwiftSNN

/// `AtomicFile` writes through a temporary file renamed over the destination: afterwards the directory holds the
/// destination with exactly the bytes written, and no temporary file, whether the write succeeded or failed.
@Suite struct AtomicFileTests {
    static func listing(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func writesTheBytesAndLeavesNoTemporaryFile() throws {
        let dir = try InlineConfig.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let url = dir.appendingPathComponent("out.npy")
        try AtomicFile.write(bytes, to: url)
        #expect(try Data(contentsOf: url) == bytes)
        #expect(try Self.listing(dir) == ["out.npy"])
    }

    @Test func replacesAnExistingFileWhole() throws {
        let dir = try InlineConfig.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("summary.json")
        try AtomicFile.write(Data(repeating: 7, count: 5_000), to: url)
        try AtomicFile.write(Data("short".utf8), to: url)
        #expect(try Data(contentsOf: url) == Data("short".utf8))
        #expect(try Self.listing(dir) == ["summary.json"])
    }

    /// Renaming a file over a directory fails after the temporary file was written: it must be removed again.
    @Test func failedRenameThrowsAndRemovesTheTemporaryFile() throws {
        let dir = try InlineConfig.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let blocked = dir.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: blocked, withIntermediateDirectories: false)
        try FileManager.default.createDirectory(at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: false)
        #expect(throws: SNNError.self) { try AtomicFile.write(Data("x".utf8), to: blocked) }
        #expect(try Self.listing(dir) == ["taken"])
    }

    @Test func missingDirectoryThrowsWithThePath() throws {
        let dir = try InlineConfig.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("no/such/dir/out.npy")
        let error = try #require(throws: SNNError.self) { try AtomicFile.write(Data("x".utf8), to: url) }
        #expect(error.description.contains(url.path))
        #expect(try Self.listing(dir).isEmpty)
    }
}
