import Foundation
import SwiftSNN
import Testing

/// The commands that describe the simulator rather than run it: `models`, `schema`, `--help`.
@Suite struct CatalogCommandTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func modelsListsEveryModelInputRuleAndModulatorType() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try SNNExecutable.run(["models"], in: dir.url)
        #expect(result.status == 0)
        for name in ModelRegistry.builtIn.allNames + Connectivity.ruleNames + PlasticityRegistry.builtIn.names
            + ModulatorSpec.typeNames {
            #expect(result.stdout.contains("  \(name)"), "\(name) is missing from `snn models`")
        }
    }

    @Test func schemaPrintsTheCommittedSchema() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try SNNExecutable.run(["schema"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == (try String(contentsOf: Self.repositoryRoot.appendingPathComponent("configs/schema.json"),
                                             encoding: .utf8)))
    }

    @Test func helpExitsZeroAndNamesEverySubcommand() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try SNNExecutable.run(["--help"], in: dir.url)
        #expect(result.status == 0)
        for command in ["run", "validate", "models", "schema"] {
            #expect(result.stdout.contains("  \(command) "), "\(command) is missing from --help")
        }
    }
}
