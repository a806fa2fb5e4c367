import Foundation
@testable import SwiftSNN

/// Configs written in a test as JSON text, run through the library's front door (`NetworkSpec` + `Simulation`)
/// exactly as `snn run` runs a file.
enum InlineConfig {
    /// Parses and checks `json`; relative file names in it resolve against `baseDirectory`.
    static func config(_ json: String, baseDirectory: URL = FileManager.default.temporaryDirectory) throws -> NetworkSpec {
        let value = try JSONValue.parse(Data(json.utf8), file: "inline.json")
        return try NetworkSpec(ConfigNode(value: value, path: "", baseDirectory: baseDirectory), name: "inline")
    }

    /// Builds and runs `json` for its `duration_ms`.
    static func run(_ json: String, baseDirectory: URL = FileManager.default.temporaryDirectory) throws -> Simulation {
        var simulation = try Simulation(spec: config(json, baseDirectory: baseDirectory))
        try simulation.run()
        return simulation
    }

    /// The recorder named `name` after a run.
    static func recorder<R: Recorder>(_ name: String, of simulation: Simulation, as _: R.Type) throws -> R {
        guard let r = simulation.recorders.first(where: { $0.name == name }) as? R else {
            throw SNNError("no \(R.self) named \(name)")
        }
        return r
    }

    /// One variable of one recorded neuron over time (`neuron` and `variable` index the recorder's own lists).
    static func trace(_ r: StateRecorder, neuron: Int, variable: Int = 0) -> [Double] {
        (0..<r.sampleCount).map { r.samples[(($0 * r.neurons.count) + neuron) * r.variables.count + variable] }
    }

    /// A fresh empty directory; the caller removes it.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftsnn-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
