import Foundation

/// Appends a checkpoint's payload: scalars and columns of plain values as their bytes, each column preceded by
/// its element count, so that the reader can check it against the network it restores into.
struct CheckpointWriter {
    private(set) var data = Data()

    mutating func write<T: BitwiseCopyable>(_ value: T) {
        withUnsafeBytes(of: value) { data.append(contentsOf: $0) }
    }

    mutating func write<T: BitwiseCopyable>(_ column: Column<T>) {
        write(Int64(column.count))
        data.append(UnsafeBufferPointer(start: column.baseAddress, count: column.count))
    }

    mutating func write<T: BitwiseCopyable>(_ values: [T]) {
        write(Int64(values.count))
        values.withUnsafeBufferPointer { data.append($0) }
    }
}

/// Reads what `CheckpointWriter` wrote, in the same order, into state of the same shape. A value missing at the
/// end or a count that differs from the one expected is an error naming what was being read, never a crash.
struct CheckpointReader {
    private let data: Data
    private var offset: Int
    /// The file, for errors.
    let source: String

    init(_ data: Data, source: String) {
        self.data = data
        offset = data.startIndex
        self.source = source
    }

    mutating func read<T: BitwiseCopyable>(_ type: T.Type = T.self, _ what: @autoclosure () -> String) throws -> T {
        let bytes = try take(MemoryLayout<T>.size, what)
        return bytes.withUnsafeBytes { $0.loadUnaligned(as: T.self) }
    }

    /// Reads a column into `column`, which must already have the element count the checkpoint gives.
    mutating func read<T: BitwiseCopyable>(into column: inout Column<T>, _ what: @autoclosure () -> String) throws {
        let count = try self.count(what())
        guard count == column.count else {
            throw SNNError("\(source): \(what()) has \(count) values in the checkpoint, the network has \(column.count)")
        }
        let bytes = try take(count * MemoryLayout<T>.stride, what)
        // Empty columns (a rule's unused per-synapse variable) have no bytes, and an empty buffer no base address.
        guard count > 0 else { return }
        let target = column.mutablePointer()
        bytes.withUnsafeBytes { raw in
            UnsafeMutableRawPointer(target).copyMemory(from: raw.baseAddress!, byteCount: raw.count)
        }
    }

    /// Reads an array of any length (at most what is left in the file).
    mutating func readArray<T: BitwiseCopyable>(of type: T.Type = T.self, _ what: @autoclosure () -> String) throws -> [T] {
        let count = try self.count(what())
        let bytes = try take(count * MemoryLayout<T>.stride, what)
        return bytes.withUnsafeBytes { raw in (0..<count).map { raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.stride, as: T.self) } }
    }

    /// A count, refused when it is negative or larger than the bytes left could hold.
    mutating func count(_ what: @autoclosure () -> String) throws -> Int {
        let count = try read(Int64.self, what())
        guard count >= 0, count <= Int64(data.endIndex - offset) else {
            throw SNNError("\(source): \(what()) has an impossible count \(count) (corrupt checkpoint)")
        }
        return Int(count)
    }

    /// Refuses bytes left over: the checkpoint holds more state than the network it is restored into.
    func requireEnd() throws {
        guard offset == data.endIndex else {
            throw SNNError("\(source): checkpoint holds \(data.endIndex - offset) bytes more than this network's state")
        }
    }

    private mutating func take(_ n: Int, _ what: () -> String) throws -> Data {
        guard n >= 0, n <= data.endIndex - offset else { throw SNNError("\(source): checkpoint ends inside \(what())") }
        defer { offset += n }
        return data.subdata(in: offset..<(offset + n))
    }
}
