import Foundation
@testable import SwiftSNN
import Testing

/// A checkpoint whose checksum is right but whose payload is not what this snn wrote (a crafted or mis-written
/// file): every count and index that the engine would follow is checked, so restoring it is an error, or the
/// restored simulation runs; never a crash or a write out of bounds.
@Suite struct CheckpointPayloadTests {
    /// Poisson drive into 40 neurons with recurrent STDP, dendritic delay share, and a Bernoulli input: every kind of
    /// state the payload holds.
    static let spec: NetworkSpec = {
        let stdp = PlasticitySpec(rule: "stdp", params: ["w_max": 2])
        var recurrent = ProjectionSpec(source: "net", target: "net", connectivity: .pairwiseBernoulli(0.2),
                                       weight: .constant(0.5), delayMs: 1.5, plasticity: stdp)
        recurrent.dendriticFraction = 0.5
        return NetworkSpec(simulation: SimulationSpec(durationMs: 30, seed: 3),
                           populations: [PopulationSpec(name: "noise", size: 1, model: "poisson_generator", params: ["rate": 15000]),
                                         PopulationSpec(name: "flips", size: 5, model: "bernoulli_input", params: ["p": 0.05]),
                                         PopulationSpec(name: "net", size: 40, model: "iaf_psc_delta")],
                           projections: [ProjectionSpec(source: "noise", target: "net", connectivity: .allToAll, weight: .constant(0.2)),
                                         ProjectionSpec(source: "flips", target: "net", connectivity: .allToAll, weight: .constant(0.3)),
                                         recurrent])
    }()

    @Test func aPayloadChangedAnywhereIsRestoredOrRefusedNeverACrash() throws {
        var sim = try Simulation(spec: Self.spec)
        try sim.run()
        let clock = sim.engine as! ClockDrivenEngine
        let payload = clock.checkpointPayload().data
        let fingerprint = Simulation.checkpointFingerprint(of: Self.spec)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("snn-payload-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        // Every byte of the first 512 (the step, counts and planes come first), then a sample of the rest.
        let positions = Array(0..<min(512, payload.count)) + Array(stride(from: 512, to: payload.count, by: 127))
        var refused = 0
        for position in positions {
            for value: UInt8 in [0xFF, 0x7F] {
                var damaged = payload
                damaged[position] = value
                try CheckpointFile.encode(payload: damaged, fingerprint: fingerprint).write(to: url)
                // What is restored must also run: no index in it may lead the engine out of its buffers.
                do {
                    var restored = try Simulation(restoring: url, spec: Self.spec)
                    try restored.run(durationMs: 2)
                } catch is SNNError {
                    refused += 1
                } catch is NumericalError {}
            }
        }
        #expect(refused > 0)
        // Shorter and longer payloads are refused too.
        for damaged in [payload.prefix(payload.count - 1), payload + Data([0])] {
            try CheckpointFile.encode(payload: Data(damaged), fingerprint: fingerprint).write(to: url)
            #expect(throws: SNNError.self) { try Simulation(restoring: url, spec: Self.spec) }
        }
    }
}
