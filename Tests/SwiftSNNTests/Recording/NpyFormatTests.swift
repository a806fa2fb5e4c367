import Foundation
import Testing
@testable import SwiftSNN

/// `NpyWriter` and `NpyArray` against the .npy format specification (numpy/lib/format.py, NEP 1): magic
/// "\x93NUMPY", version bytes, a little-endian header length, an ASCII dict literal padded with spaces and ended by
/// "\n" so that the data starts at a multiple of 64 bytes, then little-endian C-order data.
@Suite struct NpyFormatTests {
    /// The parts of a version 1.0 file as the specification lays them out.
    struct Layout {
        var header: String
        var dataOffset: Int
    }

    static func layout(_ data: Data) throws -> Layout {
        let bytes = [UInt8](data)
        try #require(bytes.count >= 10)
        #expect(Array(bytes[0..<6]) == [0x93] + Array("NUMPY".utf8))
        #expect(bytes[6] == 1 && bytes[7] == 0, "version 1.0")
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        let dataOffset = 10 + headerLength
        try #require(bytes.count >= dataOffset)
        #expect(dataOffset % 64 == 0, "data must start at a multiple of 64 bytes, starts at \(dataOffset)")
        let header = try #require(String(bytes: bytes[10..<dataOffset], encoding: .ascii))
        #expect(header.hasSuffix("\n"))
        return Layout(header: header.trimmingCharacters(in: .whitespacesAndNewlines), dataOffset: dataOffset)
    }

    @Test(arguments: [[2, 3, 4], [5], [1, 1], [0, 3]])
    func float64ArrayRoundTripsBitExactWithItsShape(shape: [Int]) throws {
        let specials: [Double] = [-0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
                                  .pi, 0.1, -1e-300]
        let values = (0..<shape.reduce(1, *)).map { $0 < specials.count ? specials[$0] : Double($0) * 0.37 }
        let data = NpyWriter.float64(values, shape: shape)
        let layout = try Self.layout(data)
        // numpy's own header for this dtype and shape (a Python dict literal, keys in sorted order).
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        #expect(layout.header == "{'descr': '<f8', 'fortran_order': False, 'shape': \(shapeText), }")
        #expect(data.count == layout.dataOffset + 8 * values.count)

        let array = try NpyArray(data: data)
        #expect(array.shape == shape)
        #expect(try array.doubles().map(\.bitPattern) == values.map(\.bitPattern))
    }

    @Test(arguments: [0, 1, 3, 1000])
    func spikeStructuredArrayRoundTrips(count: Int) throws {
        let times = (0..<count).map { Double($0) * 0.1 + 0.1 }
        let ids = (0..<count).map { Int32($0 % 3 == 2 ? Int(Int32.max) - $0 : $0) }
        let data = NpyWriter.spikes(times: times, ids: ids)
        let layout = try Self.layout(data)
        #expect(layout.header == "{'descr': [('t', '<f8'), ('id', '<i4')], 'fortran_order': False, 'shape': (\(count),), }")
        // Packed records: 8 bytes of t, then 4 of id.
        #expect(data.count == layout.dataOffset + 12 * count)

        let array = try NpyArray(data: data)
        #expect(array.shape == [count])
        #expect(array.fields.map(\.name) == ["t", "id"])
        #expect(try array.field("t").map(\.bitPattern) == times.map(\.bitPattern))
        #expect(try array.field("id") == ids.map(Double.init))
        #expect(throws: NpyError.self) { try array.doubles() }
    }

    /// A file built by hand from the specification: magic, version, header length (2 bytes in version 1, 4 in
    /// version 2), the header padded with spaces and "\n" to a multiple of 64 bytes, then the payload.
    static func handBuilt(major: UInt8, header: String, payload: Data) -> Data {
        let prefix = major == 1 ? 10 : 12
        let padded = header + String(repeating: " ", count: (64 - (prefix + header.utf8.count + 1) % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [major, 0])
        if major == 1 {
            withUnsafeBytes(of: UInt16(padded.utf8.count).littleEndian) { data.append(contentsOf: $0) }
        } else {
            withUnsafeBytes(of: UInt32(padded.utf8.count).littleEndian) { data.append(contentsOf: $0) }
        }
        return data + Data(padded.utf8) + payload
    }

    @Test func readsVersionTwoInt64File() throws {
        var payload = Data()
        for v: Int64 in [-1, 0, 1 << 40] { withUnsafeBytes(of: v.littleEndian) { payload.append(contentsOf: $0) } }
        let data = Self.handBuilt(major: 2, header: "{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", payload: payload)
        let array = try NpyArray(data: data)
        #expect(array.shape == [3])
        #expect(try array.doubles() == [-1, 0, Double(1 << 40)])
    }

    @Test func rejectsFortranOrderForeignBytesAndShortData() {
        let eightBytes = Data(count: 8)
        let fortran = Self.handBuilt(major: 1, header: "{'descr': '<f8', 'fortran_order': True, 'shape': (1, 1), }", payload: eightBytes)
        #expect(throws: NpyError.self) { try NpyArray(data: fortran) }
        #expect(throws: NpyError.self) { try NpyArray(data: Data("not numpy at all".utf8)) }
        let short = Self.handBuilt(major: 1, header: "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", payload: eightBytes)
        #expect(throws: NpyError.self) { try NpyArray(data: short) }
        // The same header with enough data is fine, so the failures above are about what they claim.
        let fine = Self.handBuilt(major: 1, header: "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", payload: eightBytes + eightBytes)
        #expect(throws: Never.self) { try NpyArray(data: fine) }
    }

    /// A header may claim any shape: negative sizes and sizes whose product overflows are errors, not traps.
    @Test(arguments: ["(-3,)", "(4611686018427387904,)", "(4611686018427387904, 4)", "(3037000500, 3037000500)"])
    func shapesThatCannotBeInTheFileAreRefused(shape: String) {
        let header = "{'descr': '<f8', 'fortran_order': False, 'shape': \(shape), }"
        #expect(throws: NpyError.self) { try NpyArray(data: Self.handBuilt(major: 1, header: header, payload: Data(count: 24))) }
    }

    @Test func aHeaderLongerThanNumpyWouldWriteIsRefused() {
        let header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }" + String(repeating: " ", count: 70_000)
        #expect(throws: NpyError.self) { try NpyArray(data: Self.handBuilt(major: 2, header: header, payload: Data(count: 8))) }
    }

    /// A 2 GiB file (sparse, so the test writes nothing) is mapped: a valid header before 2 GiB of anything reads
    /// its three elements, and 2 GiB that are not a .npy file are refused, neither by reading the file whole.
    @Test func aTwoGigabyteFileIsMappedNotRead() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("npy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let valid = directory.appendingPathComponent("valid.npy"), foreign = directory.appendingPathComponent("foreign.npy")
        try Self.handBuilt(major: 1, header: "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", payload: Data()).write(to: valid)
        try Data().write(to: foreign)
        for url in [valid, foreign] {
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: 2 << 30)
            try handle.close()
        }
        #expect(try NpyArray.read(from: valid).doubles() == [0, 0, 0])
        #expect(throws: NpyError.self) { try NpyArray.read(from: foreign) }
    }
}
