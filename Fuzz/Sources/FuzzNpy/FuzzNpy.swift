import CFuzzerDriver
import Foundation
import SwiftSNN

/// Parses each input as a `.npy` file and reads its values: an array or a thrown `NpyError`, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes, let array = try? NpyArray(data: Data(bytes: bytes, count: count)) else { return 0 }
    _ = try? array.doubles()
    for field in array.fields { _ = try? array.field(field.name) }
    return 0
}

@main enum FuzzNpy {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
    }
}
