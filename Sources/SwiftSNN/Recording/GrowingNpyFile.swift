import Foundation

/// A `.npy` file that grows by blocks of rows while a run goes on and is a valid file after every block: it is
/// written under a temporary name beside its destination (`.<name>.<pid>.partial`), each block is appended after
/// the rows before it and only then is the header rewritten with the new row count, so a reader (or a process that
/// dies) sees the rows of the last complete block. The header has a fixed size that holds any row count.
/// `finish` renames the file to its destination.
struct GrowingNpyFile {
    /// Room for the dict of any dtype the recorders write and shapes of 20-digit counts.
    static let headerLength = 256

    let url: URL
    let temporaryURL: URL
    private let descr: String
    private let rowShape: [Int]
    private let handle: FileHandle
    private(set) var rows = 0

    /// Creates the file with no rows, of dtype `descr` (NumPy's notation) and rows of shape `rowShape`.
    init(url: URL, descr: String, rowShape: [Int]) throws {
        self.url = url
        self.descr = descr
        self.rowShape = rowShape
        temporaryURL = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial")
        guard FileManager.default.createFile(atPath: temporaryURL.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporaryURL.path) else {
            throw SNNError("cannot create \(temporaryURL.path): \(String(cString: strerror(errno)))")
        }
        self.handle = handle
        try writeHeader()
    }

    /// Appends `count` rows, `data` holding their bytes in the file's dtype.
    mutating func append(rows count: Int, data: Data) throws {
        guard count > 0 else { return }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: data)
        } catch {
            throw SNNError("cannot write \(temporaryURL.path): \(error.localizedDescription)")
        }
        rows += count
        try writeHeader()
    }

    /// Closes the file and renames it to `url`.
    func finish() throws {
        try? handle.close()
        guard rename(temporaryURL.path, url.path) == 0 else {
            throw SNNError("cannot rename \(temporaryURL.path) to \(url.lastPathComponent): \(String(cString: strerror(errno)))")
        }
    }

    private func writeHeader() throws {
        do {
            try handle.seek(toOffset: 0)
            try handle.write(contentsOf: NpyWriter.header(descr: descr, shape: [rows] + rowShape, length: Self.headerLength))
        } catch {
            throw SNNError("cannot write \(temporaryURL.path): \(error.localizedDescription)")
        }
    }
}
