import Foundation
import SwiftSNN
import Testing

// The README's Swift examples are the code between the `README:` markers below, and the DocC "Getting started"
// article's the code between the `GettingStarted:` markers (without their indentation); they are compiled and
// run here, and `documentationShowsTheseSnippetsVerbatim` fails when the documents and this file drift apart.

// README: run a config file
func runConfigFile() {
    do {
        let spec = try NetworkSpec.load(from: URL(fileURLWithPath: "configs/cuba.json"))
        var simulation = try Simulation(spec: spec)
        try simulation.run()
        try simulation.writeOutputs(to: URL(fileURLWithPath: "out/cuba"))
        let spikes = try simulation.spikes("spikes_exc")
        print("\(spikes.count) spikes, first at \(spikes.timesMs.first ?? .nan) ms")
    } catch {
        print("error: \(error)")  // one line, e.g. "configs/cuba.json: cannot read config file"
    }
}
// README: end

// README: build and steer in Swift
/// 100 Brunel-style neurons driven by one Poisson generator (an independent train into each neuron).
func drivenNetwork(rateHz: Double) -> NetworkSpec {
    let neuron = IafPscDelta.Parameters(tauMembraneMs: 20, restingMV: 0, thresholdMV: 20, resetMV: 10)
    return NetworkSpec(
        simulation: SimulationSpec(durationMs: 500, dtMs: 0.1, seed: 7),
        populations: [PopulationSpec(name: "out", size: 100, neuron, initial: ["V_m": .uniform(low: 0, high: 20)]),
                      PopulationSpec(name: "drive", size: 1, model: "poisson_generator", params: ["rate": .number(rateHz)])],
        projections: [ProjectionSpec(source: "drive", target: "out", connectivity: .allToAll, weight: 0.2, delayMs: 1.5)],
        recorders: [.spikes("spikes_out", of: "out")])
}

/// Every 10 ms a controller reads the output's spikes and steers the drive to hold 190 spikes per 10 ms.
func closedLoop() throws -> SpikeTrain {
    var simulation = try Simulation(spec: drivenNetwork(rateHz: 20000))
    try simulation.run(durationMs: 500, every: 10) { sim in
        let recent = try sim.spikes("spikes_out").since(sim.timeMs - 10).count
        try sim.setParameter("rate", of: "drive", to: recent > 190 ? 15000 : 25000)
    }
    return try simulation.spikes("spikes_out")
}
// README: end

// README: checkpoint and resume
/// Runs the driven network for 250 ms, saves its state, and goes on from the file as a new process would.
func checkpointAndResume(in directory: URL) throws -> SpikeTrain {
    let spec = drivenNetwork(rateHz: 20000)
    var simulation = try Simulation(spec: spec)
    try simulation.run(durationMs: 250)
    let file = directory.appendingPathComponent("checkpoint.bin")
    try simulation.checkpoint(to: file)
    var resumed = try Simulation(restoring: file, spec: spec)  // recorders empty, the time at 250 ms
    try resumed.run(durationMs: 250)
    return try resumed.spikes("spikes_out")                    // ms 250–500 of one 500 ms run, bit for bit
}
// README: end

func gettingStarted() throws -> SpikeTrain {
    // GettingStarted: embedding
    let neuron = IafPscDelta.Parameters(tauMembraneMs: 20, restingMV: 0, thresholdMV: 20, resetMV: 10)
    let spec = NetworkSpec(
        simulation: SimulationSpec(durationMs: 1000, dtMs: 0.1, seed: 1),
        populations: [PopulationSpec(name: "cells", size: 1000, neuron, initial: ["V_m": .uniform(low: 0, high: 20)]),
                      PopulationSpec(name: "noise", size: 1, model: "poisson_generator", params: ["rate": 20000])],
        projections: [ProjectionSpec(source: "noise", target: "cells", connectivity: .allToAll, weight: 0.1),
                      ProjectionSpec(source: "cells", target: "cells", connectivity: .fixedIndegree(100),
                                     weight: -0.5, delayMs: 1.5)],
        recorders: [.spikes("spikes", of: "cells")])
    var simulation = try Simulation(spec: spec)
    try simulation.run()
    let spikes = try simulation.spikes("spikes")
    print("\(spikes.count) spikes; mean rate \(Double(spikes.count) / 1000) Hz")
    // GettingStarted: end
    return spikes
}

@Suite(.serialized) struct ReadmeSnippetTests {
    /// The code between `// <document>: <title>` and `// <document>: end` in this file, without its markers
    /// and their indentation.
    static func snippets(of document: String) throws -> [String] {
        let lines = try String(contentsOfFile: #filePath, encoding: .utf8).components(separatedBy: "\n")
        var snippets: [String] = [], current: [String]?, indent = 0
        for line in lines {
            let trimmed = line.drop { $0 == " " }
            if trimmed == "// \(document): end" {
                snippets.append(current!.joined(separator: "\n"))
                current = nil
            } else if trimmed.hasPrefix("// \(document): ") {
                current = []
                indent = line.count - trimmed.count
            } else if current != nil {
                current!.append(String(line.dropFirst(min(indent, line.prefix { $0 == " " }.count))))
            }
        }
        return snippets
    }

    @Test func documentationShowsTheseSnippetsVerbatim() throws {
        let readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
        let readmeSnippets = try Self.snippets(of: "README")
        #expect(readmeSnippets.count == 3)
        for snippet in readmeSnippets {
            #expect(readme.contains("```swift\nimport Foundation\nimport SwiftSNN\n\n\(snippet)\n```"),
                    "README.md lacks:\n\(snippet)")
        }
        let article = try String(contentsOf: Repository.root.appendingPathComponent("Sources/SwiftSNN/SwiftSNN.docc/GettingStarted.md"),
                                 encoding: .utf8)
        let articleSnippets = try Self.snippets(of: "GettingStarted")
        #expect(articleSnippets.count == 1)
        for snippet in articleSnippets {
            #expect(snippet.components(separatedBy: "\n").count + 1 <= 20, "Getting started promises at most 20 lines")
            #expect(article.contains("```swift\nimport SwiftSNN\n\n\(snippet)\n```"), "GettingStarted.md lacks:\n\(snippet)")
        }
    }

    /// Brunel-style inhibition-dominated network: the rate must be that of an active, not a saturated network
    /// (refractory 2 ms caps it at 500 Hz) — a check that the example does what its text says.
    @Test func gettingStartedSnippetRuns() throws {
        let spikes = try gettingStarted()
        let rateHz = Double(spikes.count) / 1000
        #expect(rateHz > 1 && rateHz < 200)
    }

    @Test func configFileSnippetRunsFromTheCheckout() throws {
        let previous = FileManager.default.currentDirectoryPath
        #expect(FileManager.default.changeCurrentDirectoryPath(Repository.root.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let summary = Repository.root.appendingPathComponent("out/cuba/spikes_exc.npy")
        try? FileManager.default.removeItem(at: summary)
        runConfigFile()
        #expect(FileManager.default.fileExists(atPath: summary.path))
    }

    /// The controller switches between two drives; the output's spikes per 10 ms must lie between those of the
    /// two drives held constant (measured here, open loop) and near the target.
    @Test func closedLoopSnippetHoldsTheOutputBetweenItsTwoOpenLoopRates() throws {
        func perWindow(_ spikes: SpikeTrain) -> Double { Double(spikes.since(100).count) / 40 }
        func openLoop(_ rateHz: Double) throws -> Double {
            var sim = try Simulation(spec: drivenNetwork(rateHz: rateHz))
            try sim.run()
            return perWindow(try sim.spikes("spikes_out"))
        }
        let low = try openLoop(15000), high = try openLoop(25000), controlled = perWindow(try closedLoop())
        #expect(low < 190 && 190 < high, "the target must be reachable: \(low) ... \(high)")
        #expect(controlled > low && controlled < high)
        #expect(abs(controlled - 190) < 0.25 * (high - low))
    }

    @Test func checkpointSnippetGoesOnAsTheRunThatWasNeverStopped() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("snn-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let resumed = try checkpointAndResume(in: directory)
        var straight = try Simulation(spec: drivenNetwork(rateHz: 20000))
        try straight.run()
        let secondHalf = try straight.spikes("spikes_out").since(250.05)
        #expect(resumed.count > 100 && resumed == secondHalf)
    }
}
