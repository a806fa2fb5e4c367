import Foundation
import Testing
@testable import SwiftSNN

/// Membrane responses of the event engine sampled by a state recorder, which evolves a copy of the neuron to each
/// sample time, against closed forms (V_th out of reach).
@Suite struct ExactInputResponseTests {
    static let restMV = -70.0, tauM = 10.0, capacitance = 250.0

    /// Reference: a current w decaying with τ_s from t_a on moves an iaf_psc_exp membrane at rest by
    ///     w τ_s τ_m / (C (τ_m − τ_s)) · (e^{−(t − t_a)/τ_m} − e^{−(t − t_a)/τ_s}),
    /// here for an excitatory (τ_syn_ex = 2 ms) and an inhibitory (τ_syn_in = 5 ms) input arriving at
    /// t_a = 10 ms + 1.2345 ms, between samples.
    @Test func expPostsynapticPotentialsEqualDifferenceOfExponentials() throws {
        let arrival = 10.0 + 1.2345
        let cases = [(name: "ex", weight: 150.0, tauSyn: 2.0), (name: "in", weight: -150.0, tauSyn: 5.0)]
        let populations = cases.map { c in
            #"{"name": "\#(c.name)", "size": 1, "model": "iaf_psc_exp", "params": {"E_L": \#(Self.restMV), "V_reset": \#(Self.restMV), "V_th": 1e9, "C_m": \#(Self.capacitance), "tau_m": \#(Self.tauM), "tau_syn_ex": 2, "tau_syn_in": 5}}"#
        }
        let projections = cases.map { c in
            #"{"source": "sg", "target": "\#(c.name)", "connectivity": {"rule": "all_to_all"}, "synapse": {"weight": \#(c.weight), "delay_ms": 1.2345}}"#
        }
        let recorders = cases.map { c in
            #"{"name": "\#(c.name)", "type": "state", "population": "\#(c.name)", "variables": ["V_m"], "interval_ms": 0.1}"#
        }
        let json = """
            {
              "simulation": {"duration_ms": 60, "dt_ms": 0.1, "engine": "event"},
              "populations": [{"name": "sg", "size": 1, "model": "spike_generator", "params": {"spike_times": [10]}},
                              \(populations.joined(separator: ", "))],
              "projections": [\(projections.joined(separator: ", "))],
              "recorders": [\(recorders.joined(separator: ", "))]
            }
            """
        let simulation = try InlineConfig.run(json)
        for c in cases {
            let v = InlineConfig.trace(try InlineConfig.recorder(c.name, of: simulation, as: StateRecorder.self), neuron: 0)
            try #require(v.count == 600)
            var worst = 0.0
            for (k, value) in v.enumerated() {
                let s = Double(k + 1) * 0.1 - arrival
                let psp = s < 0 ? 0 : c.weight * c.tauSyn * Self.tauM / (Self.capacitance * (Self.tauM - c.tauSyn)) * (exp(-s / Self.tauM) - exp(-s / c.tauSyn))
                worst = max(worst, abs(value - (Self.restMV + psp)))
            }
            // The PSP peaks at ~0.7 mV; an arrival moved to the grid would be off by ~1e-2 mV near the onset.
            #expect(worst < 1e-12, "\(c.name): largest deviation \(worst) mV")
        }
    }

    /// Reference: a dc_generator of amplitude I from `start` to `stop` through delay d drives iaf_psc_delta over
    /// (start + d, stop + d]: V − E_L = R I (1 − e^{−(t − start − d)/τ_m}) while it flows, then decays freely.
    @Test func dcCurrentSwitchesExactlyAtStartAndStopPlusDelay() throws {
        let amplitude = 300.0, start = 5.05, stop = 30.0, delay = 1.2345
        let json = """
            {
              "simulation": {"duration_ms": 60, "dt_ms": 0.1, "engine": "event"},
              "populations": [
                {"name": "dc", "size": 1, "model": "dc_generator", "params": {"amplitude": \(amplitude), "start": \(start), "stop": \(stop)}},
                {"name": "n", "size": 1, "model": "iaf_psc_delta",
                 "params": {"E_L": \(Self.restMV), "V_reset": \(Self.restMV), "V_th": 1e9, "C_m": \(Self.capacitance), "tau_m": \(Self.tauM)}}
              ],
              "projections": [{"source": "dc", "target": "n", "connectivity": {"rule": "all_to_all"},
                               "synapse": {"weight": 1, "delay_ms": \(delay)}}],
              "recorders": [{"name": "vm", "type": "state", "population": "n", "variables": ["V_m"], "interval_ms": 0.1}]
            }
            """
        let v = InlineConfig.trace(try InlineConfig.recorder("vm", of: InlineConfig.run(json), as: StateRecorder.self), neuron: 0)
        try #require(v.count == 600)
        let on = start + delay, off = stop + delay, drive = Self.tauM / Self.capacitance * amplitude
        let atOff = drive * -expm1(-(off - on) / Self.tauM)
        for (k, value) in v.enumerated() {
            let t = Double(k + 1) * 0.1
            let deflection = t <= on ? 0 : t <= off ? drive * -expm1(-(t - on) / Self.tauM) : atOff * exp(-(t - off) / Self.tauM)
            #expect(abs(value - (Self.restMV + deflection)) < 1e-12, "V_m at \(t) ms: \(value), closed form \(Self.restMV + deflection)")
        }
    }

    /// Reference: each synapse from a poisson_generator carries its own Poisson train, so n synapses at rate r
    /// deliver Poisson(n·r·(T − d)) spikes by T through delay d: mean 10 · 2/ms · 998.5 ms = 19 970 here, standard
    /// deviation 141; the bound is 5 of them.
    @Test func poissonGeneratorDeliversTheRateOnEverySynapse() throws {
        let json = """
            {
              "simulation": {"duration_ms": 1000, "dt_ms": 0.1, "engine": "event", "seed": 3},
              "populations": [
                {"name": "p", "size": 1, "model": "poisson_generator", "params": {"rate": 2000}},
                {"name": "n", "size": 10, "model": "iaf_psc_delta", "params": {"V_th": 1e9}}
              ],
              "projections": [{"source": "p", "target": "n", "connectivity": {"rule": "all_to_all"},
                               "synapse": {"weight": 0.1, "delay_ms": 1.5}}]
            }
            """
        let events = Double(try InlineConfig.run(json).summary.synapticEvents)
        #expect(abs(events - 19_970) < 5 * 19_970.0.squareRoot(), "\(events) Poisson spikes")
    }
}
