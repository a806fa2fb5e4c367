import Foundation

/// Writes files so that a reader never sees a partial one: the bytes go to a temporary file in the same
/// directory, which is then renamed over the destination (rename is atomic within one file system).
public enum AtomicFile {
    /// Writes `data` to a temporary file beside `url`, then renames it to `url`: a reader sees the old file or the whole new one.
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temp)
            if rename(temp.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw SNNError("cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
