import Foundation
import Testing
@testable import SwiftSNN

/// A spike stamped t that crosses a synapse of delay d must make an iaf_psc_delta neuron's V_m jump by the weight
/// in the step ending at t + d (NEST: `models/nest/iaf_psc_delta_psp.csv` jumps in the 11.0 ms row for a spike at
/// 10 ms through 1 ms). Reference everywhere: the closed form of the delta model at rest with V_th out of reach,
///     V_m(t) = E_L + Σ_{a_j ≤ t} w_j·exp(−(t − a_j)/τ_m),   a_j = spike time + delay,
/// sampled every dt, so a jump one step early or late, or of the wrong size, misses by at least
/// w·(1 − e^{−dt/τ_m}) ≈ 0.01·w.
@Suite struct SpikeDeliveryTimingTests {
    static let dtMs = 0.1
    static let restMV = -70.0
    static let tauMs = 10.0

    struct Arrival {
        var step: Int
        var weight: Double
    }

    /// The closed form above at the end of every step 0..<steps; arrivals are in steps (a sample taken at the end
    /// of step k, time (k+1)·dt, includes an arrival at time (k+1)·dt).
    static func closedForm(_ arrivals: [Arrival], steps: Int) -> [Double] {
        (0..<steps).map { k in
            restMV + arrivals.reduce(0) { sum, a in
                // Beyond 60 τ_m a jump is below 1e-25 of its size.
                guard a.step <= k + 1, Double(k + 1 - a.step) * dtMs < 60 * tauMs else { return sum }
                return sum + a.weight * exp(-Double(k + 1 - a.step) * dtMs / tauMs)
            }
        }
    }

    /// One spike_generator neuron firing at `spikeSteps`·dt into `targets` iaf_psc_delta neurons, with V_m sampled
    /// every dt.
    static func config(spikeSteps: [Int], targets: Int, projections: [String], durationMs: Double) -> String {
        """
        {
          "simulation": {"duration_ms": \(durationMs), "dt_ms": \(dtMs), "threads": 1},
          "populations": [
            {"name": "sg", "size": 1, "model": "spike_generator",
             "params": {"spike_times": \(spikeSteps.map { Double($0) * dtMs })}},
            {"name": "n", "size": \(targets), "model": "iaf_psc_delta",
             "params": {"E_L": \(restMV), "V_reset": \(restMV), "tau_m": \(tauMs), "V_th": 1e9}}
          ],
          "projections": [\(projections.joined(separator: ",\n"))],
          "recorders": [{"name": "vm", "type": "state", "population": "n", "variables": ["V_m"], "interval_ms": \(dtMs)}]
        }
        """
    }

    static func projection(weight: String, delay: String) -> String {
        """
        {"source": "sg", "target": "n", "connectivity": {"rule": "all_to_all"},
         "synapse": {"weight": \(weight), "delay_ms": \(delay)}}
        """
    }

    static func traces(_ json: String, targets: Int) throws -> [[Double]] {
        let vm = try InlineConfig.recorder("vm", of: InlineConfig.run(json), as: StateRecorder.self)
        return (0..<targets).map { InlineConfig.trace(vm, neuron: $0) }
    }

    @Test(arguments: [1, 5, 10, 23, 300])
    func singleSpikeJumpsByWeightExactlyAtSpikeTimePlusDelay(delaySteps: Int) throws {
        let spikeStep = 100  // 10 ms
        let weight = 2.5
        let steps = spikeStep + delaySteps + 50
        let json = Self.config(spikeSteps: [spikeStep], targets: 1,
                               projections: [Self.projection(weight: "\(weight)", delay: "\(Double(delaySteps) * Self.dtMs)")],
                               durationMs: Double(steps) * Self.dtMs)
        let v = try Self.traces(json, targets: 1)[0]
        try #require(v.count == steps)
        // Sample k is the end of step k, time (k+1)·dt: the arrival at step spikeStep + delaySteps is sample
        // spikeStep + delaySteps − 1. Before it the neuron sits exactly at rest; there it is E_L + w.
        let arrivalSample = spikeStep + delaySteps - 1
        #expect(v[..<arrivalSample].allSatisfy { $0 == Self.restMV })
        #expect(abs(v[arrivalSample] - (Self.restMV + weight)) < 1e-12)
        let expected = Self.closedForm([Arrival(step: spikeStep + delaySteps, weight: weight)], steps: steps)
        let worst = zip(v, expected).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 1e-10, "largest error \(worst) mV")
    }

    @Test func perSynapseDelayAndWeightArraysReachEachTargetAtItsOwnDelay() throws {
        // all_to_all from one source creates the synapses to targets 0, 1, 2, 3 in that order, so array entry i
        // belongs to target i.
        let delaySteps = [1, 7, 30, 300]
        let weights = [1.5, -2.0, 0.25, 4.0]
        let spikeStep = 100
        let steps = spikeStep + 300 + 20
        let json = Self.config(
            spikeSteps: [spikeStep], targets: 4,
            projections: [Self.projection(weight: "{\"array\": \(weights)}",
                                          delay: "{\"array\": \(delaySteps.map { Double($0) * Self.dtMs })}")],
            durationMs: Double(steps) * Self.dtMs)
        let traces = try Self.traces(json, targets: 4)
        for i in 0..<4 {
            let expected = Self.closedForm([Arrival(step: spikeStep + delaySteps[i], weight: weights[i])], steps: steps)
            let worst = zip(traces[i], expected).map { abs($0 - $1) }.max() ?? .infinity
            #expect(worst < 1e-10, "target \(i), delay \(delaySteps[i]) steps: largest error \(worst) mV")
        }
    }

    /// Short and long delays in one network over a run many times longer than the input ring (capacity ≥ slice +
    /// max delay + 1 = 512 slots here), so slots are reused dozens of times and spikes land in slices other than the
    /// next one. With a min delay of 1 step every step is a slice; with 40 steps, arrivals fall mid-slice.
    @Test(arguments: [[1, 177, 300], [40, 47, 300]])
    func mixedShortAndLongDelaysStayExactWhileTheRingWrapsManyTimes(delaySteps: [Int]) throws {
        let spikeSteps = Array(stride(from: 100, to: 19_700, by: 373))
        let steps = 20_000  // 2 s
        let weights = [1.0, 0.5, 2.0]
        let uniformDelay = 123, uniformWeight = -0.75
        let json = Self.config(
            spikeSteps: spikeSteps, targets: 3,
            projections: [
                Self.projection(weight: "{\"array\": \(weights)}", delay: "{\"array\": \(delaySteps.map { Double($0) * Self.dtMs })}"),
                Self.projection(weight: "\(uniformWeight)", delay: "\(Double(uniformDelay) * Self.dtMs)"),
            ],
            durationMs: Double(steps) * Self.dtMs)
        let traces = try Self.traces(json, targets: 3)
        for i in 0..<3 {
            let arrivals = spikeSteps.flatMap { s in
                [Arrival(step: s + delaySteps[i], weight: weights[i]), Arrival(step: s + uniformDelay, weight: uniformWeight)]
            }
            let expected = Self.closedForm(arrivals, steps: steps)
            try #require(traces[i].count == steps)
            let errors = zip(traces[i], expected).map { abs($0 - $1) }
            let worst = errors.indices.max { errors[$0] < errors[$1] }!
            #expect(errors[worst] < 1e-9, "target \(i): error \(errors[worst]) mV at t = \(Double(worst + 1) * Self.dtMs) ms")
        }
    }
}
