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

    /// Takes the directory's lock (`.snn-lock`, an advisory `flock` held until `unlock` or the process ends), so
    /// that two runs cannot write into one directory and mix their files. Returns the lock's descriptor.
    public static func lock(_ directory: URL) throws -> Int32 {
        let path = directory.appendingPathComponent(".snn-lock").path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SNNError("cannot lock output directory \(directory.path): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw SNNError("output directory \(directory.path) is in use by another run; wait for it or choose another --out")
        }
        return fd
    }

    /// Releases a lock `lock` took.
    public static func unlock(_ fd: Int32) { close(fd) }

    /// Removes what an earlier run left in the (locked) directory, so that this run's files never stand beside
    /// another run's: the earlier `summary.json` and the files its manifest (`"files"`) lists, and the partial
    /// files of a run that died (`GrowingNpyFile`). Other files are the user's and stay.
    public static func removeEarlierRun(in directory: URL) throws {
        let fm = FileManager.default
        let summary = directory.appendingPathComponent("summary.json")
        if let data = fm.contents(atPath: summary.path),
           let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
           let files = json["files"] as? [String] {
            // Only plain names: a manifest must not reach outside the directory.
            for name in files where !name.contains("/") && name != ".." && name != "." {
                try remove(directory.appendingPathComponent(name))
            }
        }
        try remove(summary)
        let names = (try? fm.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(".") && name.hasSuffix(".partial") {
            try remove(directory.appendingPathComponent(name))
        }
    }

    private static func remove(_ url: URL) throws {
        guard unlink(url.path) == 0 || errno == ENOENT else {
            throw SNNError("cannot remove \(url.path) of an earlier run: \(String(cString: strerror(errno)))")
        }
    }

    /// The innermost reason of a Foundation error, in one line.
    private static func reason(_ error: any Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        return (underlying ?? error as NSError).localizedDescription.replacingOccurrences(of: "\n", with: " ")
    }
}
