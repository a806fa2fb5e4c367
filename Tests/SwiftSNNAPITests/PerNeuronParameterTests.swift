import Foundation
import SwiftSNN
import Testing

/// Parameters kept per neuron (izhikevich's a, b, c, d): given as distributions, arrays or expressions of one random
/// r per neuron, set and read between runs, and following a schedule. The reference for the expressions is their
/// algebra (c = −65 + 15 r² and d = 8 − 6 r² of Izhikevich 2003's excitatory neurons share r, so
/// (c + 65)/15 = (8 − d)/6 in every neuron) and the uniform distribution's mean; for the schedule, its closed form.
@Suite struct PerNeuronParameterTests {
    static func reservoir(seed: UInt64 = 1, extra: [String: ValueSpec] = [:]) throws -> Simulation {
        let perNeuron = ["c": ValueSpec.expression(try ValueExpression("-65 + 15*r^2")),
                         "d": .expression(try ValueExpression("8 - 6*r^2"))].merging(extra) { $1 }
        let spec = NetworkSpec(simulation: SimulationSpec(durationMs: 1, dtMs: 0.1, seed: seed),
                               populations: [PopulationSpec(name: "exc", size: 800, Izhikevich.Parameters(), perNeuron: perNeuron)])
        return try Simulation(spec: spec)
    }

    @Test func expressionsOfOneNeuronShareItsRandomNumber() throws {
        let sim = try Self.reservoir()
        let c = try sim.values(of: "c", in: "exc"), d = try sim.values(of: "d", in: "exc")
        let r = c.map { (($0 + 65) / 15).squareRoot() }
        for i in c.indices {
            #expect(abs((c[i] + 65) / 15 - (8 - d[i]) / 6) < 1e-12, "neuron \(i): c and d come from one r")
            #expect((0..<1).contains(r[i]))
        }
        // Uniform r over 800 neurons: mean 1/2, standard error (1/12/800)^½ ≈ 0.0102; 4.4 of them.
        #expect(abs(r.reduce(0, +) / 800 - 0.5) < 0.045)
        #expect(Set(c).count == 800, "every neuron has its own r")
        #expect(try sim.values(of: "a", in: "exc").allSatisfy { $0 == 0.02 }, "a given once is every neuron's")
    }

    @Test func neuronRandomNumbersDependOnTheSeedOnly() throws {
        let first = try Self.reservoir().values(of: "c", in: "exc")
        #expect(try Self.reservoir().values(of: "c", in: "exc") == first)
        #expect(try Self.reservoir(extra: ["b": .uniform(low: 0.2, high: 0.25)]).values(of: "c", in: "exc") == first,
                "another parameter drawn per neuron leaves r alone")
        #expect(try Self.reservoir(seed: 2).values(of: "c", in: "exc") != first)
    }

    @Test func perNeuronParametersAreSetAndReadBetweenRuns() throws {
        var sim = try Self.reservoir()
        let d = (0..<800).map { 2 + Double($0 % 7) }
        try sim.setParameter("d", of: "exc", to: d)
        #expect(try sim.values(of: "d", in: "exc") == d)
        try sim.setParameter("c", of: "exc", to: -50)
        #expect(try sim.values(of: "c", in: "exc").allSatisfy { $0 == -50 }, "one value sets every neuron's")
        #expect(throws: (any Error).self) { try sim.setParameter("V_th", of: "exc", to: [Double](repeating: 30, count: 800)) }
        try sim.run()
    }

    @Test func perNeuronParameterFollowsASchedule() throws {
        // d = 8 · 0.5^⌊t / 10 ms⌋: 2 mV from 20 ms to 30 ms.
        let spec = try NetworkSpec(json: Data(#"""
            {"simulation": {"duration_ms": 25, "dt_ms": 0.1},
             "populations": [{"name": "n", "size": 3, "model": "izhikevich",
                              "params": {"d": {"initial": 8, "factor": 0.5, "every_ms": 10}, "c": {"array": [-65, -55, -50]}}}]}
            """#.utf8))
        var sim = try Simulation(spec: spec)
        try sim.run()
        #expect(try sim.values(of: "d", in: "n") == [2, 2, 2])
        #expect(try sim.values(of: "c", in: "n") == [-65, -55, -50])
    }

    @Test func expressionRoundTripsThroughJSON() throws {
        let json = #"{"simulation": {"duration_ms": 1}, "populations": [{"name": "exc", "size": 4, "model": "izhikevich", "params": {"c": {"expression": "-65 + 15*r^2"}}, "initial": {"U_m": {"expression": "-13 - r"}}}]}"#
        let spec = try NetworkSpec(json: Data(json.utf8))
        #expect(try NetworkSpec(json: Data(spec.jsonText.utf8)) == spec)
        let sim = try Simulation(spec: spec)
        let c = try sim.values(of: "c", in: "exc"), u = try sim.values(of: "U_m", in: "exc")
        for i in 0..<4 { #expect(abs(-65 + 15 * (-13 - u[i]) * (-13 - u[i]) - c[i]) < 1e-9, "initial values read the same r") }
    }
}
