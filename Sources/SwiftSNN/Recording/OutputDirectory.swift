import Foundation

/// The directory a run writes its files to, checked before the run starts: a run that cannot write its outputs
/// must fail before simulating, not after hours of it.
public enum OutputDirectory {
    /// Creates `directory` (and missing parents) and checks that it is a directory this process can create files
    /// in, by writing and removing a probe file. Throws a one-line `SNNError` naming the path and the reason.
    public static func prepare(_ directory: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw SNNError("cannot use \(directory.path) as output directory: it is a file")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw SNNError("cannot create output directory \(directory.path): \(reason(error))")
        }
        let probe = directory.appendingPathComponent(".snn-write-probe-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: probe.path, contents: Data()) else {
            throw SNNError("cannot write to output directory \(directory.path): \(String(cString: strerror(errno)))")
        }
        try? FileManager.default.removeItem(at: probe)
    }

    /// The innermost reason of a Foundation error, in one line.
    private static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        return (underlying ?? error as NSError).localizedDescription.replacingOccurrences(of: "\n", with: " ")
    }
}
