import ArgumentParser
import SwiftSNN

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of network configs (the source of configs/schema.json)."
    )

    func run() throws {
        print(ConfigSchema.generate(), terminator: "")
    }
}
