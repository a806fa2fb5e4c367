import ArgumentParser
import SwiftSNN

struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List neuron models, inputs and connection rules with their parameters, units and defaults."
    )

    func run() throws {
        print(ModelCatalog().text)
    }
}
