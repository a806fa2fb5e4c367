import CFuzzerDriver
import Foundation
import SwiftSNN

/// Reads each input as a config and lowers it, as `snn validate` does: every outcome must be a spec or a thrown
/// error, never a trap, a hang or a sanitizer report. The memory limit keeps a legitimately large network from
/// being mistaken for a leak; relative file names resolve in an empty directory.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes, let spec = try? NetworkSpec(json: Data(bytes: bytes, count: count),
                                                 baseDirectory: FuzzConfig.emptyDirectory) else { return 0 }
    _ = try? Simulation(spec: spec, memoryLimit: MemoryLimit(bytes: 256 * 1024 * 1024))
    return 0
}

@main enum FuzzConfig {
    nonisolated(unsafe) static var emptyDirectory = URL(fileURLWithPath: "/")

    static func main() {
        emptyDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("snn-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(at: emptyDirectory, withIntermediateDirectories: true)
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
    }
}
