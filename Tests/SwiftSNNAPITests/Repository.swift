import Foundation

/// Paths in this checkout, for tests that read bundled configs.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func config(_ name: String) -> URL { root.appendingPathComponent("configs/\(name).json") }

    /// Every bundled runnable config's name (configs/*.json without the schema).
    static var bundledConfigs: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("configs").path)) ?? []
        return files.filter { $0.hasSuffix(".json") && $0 != "schema.json" }.map { String($0.dropLast(5)) }.sorted()
    }
}
