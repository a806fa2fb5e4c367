// A proportional controller holds a population's firing rate at a target by adjusting its bias current I_e
// every 20 ms from the spikes of the last 20 ms.
import Foundation
import SwiftSNN

let targetHz = 30.0, windowMs = 20.0, gainPAPerHz = 2.0
let neuron = IafPscExp.Parameters(tauMembraneMs: 20, thresholdMV: -50, resetMV: -65, constantCurrentPA: 300)
let spec = NetworkSpec(
    simulation: SimulationSpec(durationMs: 2000, dtMs: 0.1, seed: 3),
    populations: [PopulationSpec(name: "cells", size: 200, neuron, initial: ["V_m": .uniform(low: -70, high: -50)]),
                  PopulationSpec(name: "noise", size: 1, model: "poisson_generator", params: ["rate": 8000])],
    projections: [ProjectionSpec(source: "noise", target: "cells", connectivity: .allToAll, weight: 10, delayMs: 1)],
    recorders: [.spikes("spikes", of: "cells")])

do {
    var simulation = try Simulation(spec: spec)
    var current = 300.0
    try simulation.run(durationMs: 2000, every: windowMs) { sim in
        let spikes = try sim.spikes("spikes").since(sim.timeMs - windowMs).count
        let rateHz = Double(spikes) / 200 / (windowMs / 1000)
        current += gainPAPerHz * (targetHz - rateHz)
        try sim.setParameter("I_e", of: "cells", to: current)
        if Int(sim.timeMs.rounded()) % 200 == 0 {
            print(String(format: "t = %4.0f ms  rate %5.1f Hz  I_e %6.1f pA", sim.timeMs, rateHz, current))
        }
    }
    let lastSecond = try simulation.spikes("spikes").since(1000).count
    let rateHz = Double(lastSecond) / 200
    print(String(format: "mean rate over the last second: %.1f Hz (target %.0f Hz)", rateHz, targetHz))
    exit(abs(rateHz - targetHz) < 0.2 * targetHz ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
