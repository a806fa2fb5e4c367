import ArgumentParser
import Foundation
import SwiftSNN

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a config without simulating: parse it, build the network, report the first problem."
    )

    @Argument(help: "The JSON network config.", completion: .file(extensions: ["json"]))
    var config: String

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Refuse networks estimated to need more memory than this (default: the memory available now).", valueName: "SIZE"))
    var maxMemory: MemoryLimit?

    func run() throws {
        do {
            let simulation = try Simulation(spec: try NetworkSpec.load(from: URL(fileURLWithPath: self.config)),
                                            memoryLimit: maxMemory ?? .available(), streamedRecordings: true)
            let network = simulation.network
            print("\(self.config): ok (\(network.populations.count) populations, "
                  + "\(network.populations.reduce(0) { $0 + $1.count }) neurons, \(network.synapseCount) synapses)")
        } catch let error as ConfigError {
            throw fail(error)
        } catch let error as MemoryLimit.Exceeded {
            throw fail(error)
        }
    }
}
