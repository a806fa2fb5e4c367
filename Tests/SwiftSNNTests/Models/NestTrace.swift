import Foundation

/// A trace written by models/nest/generate.py (see models/nest/README.md): one column per header name, one row
/// per 0.1 ms from t = 0, where row j > 0 is the state after the step ending at j·0.1 ms.
struct NestTrace {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("models/nest")
    static let dtMs = 0.1

    let columns: [String: [Double]]

    init(_ name: String) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent("\(name).csv"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        let names = lines[0].split(separator: ",").map(String.init)
        var columns = [String: [Double]](uniqueKeysWithValues: names.map { ($0, []) })
        for line in lines.dropFirst() {
            for (name, field) in zip(names, line.split(separator: ",")) {
                guard let value = Double(field) else { throw CocoaError(.fileReadCorruptFile) }
                columns[name]!.append(value)
            }
        }
        self.columns = columns
    }

    subscript(_ column: String) -> [Double] { columns[column]! }

    /// Column `column` without the t = 0 row, so that index k is the state after step k, as in `ModelDriver.run`.
    func afterEachStep(_ column: String) -> [Double] { Array(self[column].dropFirst()) }

    /// The step whose end is `ms`, i.e. the step whose input NEST delivers at that time.
    static func step(endingAt ms: Double) -> Int { Int((ms / dtMs).rounded()) - 1 }
}
