import Foundation

/// The built `snn` executable, run as a user runs it: a subprocess with arguments, a working directory and
/// captured stdout, stderr and exit status.
enum SNNExecutable {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `swift build` puts `snn` next to the test bundle; on macOS the bundle is a directory whose parent is the
    /// products directory, on Linux the test binary itself sits there.
    static let url: URL = {
        var directories: [URL] = []
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        directories.append(repository.appendingPathComponent(".build/debug"))
        let candidates = directories.map { $0.appendingPathComponent("snn") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// A started `snn` process, its output going to files.
    struct Running {
        let process: Process
        let capture: TemporaryDirectory

        /// Waits for the process to end and returns its status and output.
        func wait() throws -> Result {
            defer { capture.remove() }
            process.waitUntilExit()
            return Result(status: process.terminationStatus,
                          stdout: try String(contentsOf: capture.url.appendingPathComponent("stdout"), encoding: .utf8),
                          stderr: try String(contentsOf: capture.url.appendingPathComponent("stderr"), encoding: .utf8))
        }
    }

    /// Starts `snn arguments` in `directory`. Output goes through files, not pipes, so a chatty process cannot
    /// block on a full pipe.
    static func start(_ arguments: [String], in directory: URL) throws -> Running {
        let capture = try TemporaryDirectory()
        let out = capture.url.appendingPathComponent("stdout"), err = capture.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return Running(process: process, capture: capture)
    }

    /// Runs `snn arguments` in `directory` to its end.
    static func run(_ arguments: [String], in directory: URL) throws -> Result {
        try start(arguments, in: directory).wait()
    }
}

/// A fresh empty directory under the system's temporary directory.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("snn-cli-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` inside the directory and returns its URL.
    @discardableResult
    func write(_ text: String, to name: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    /// Names of everything inside, recursively, sorted.
    func contents() -> [String] {
        (FileManager.default.enumerator(atPath: url.path)?.allObjects as? [String] ?? []).sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
