import Foundation
import SwiftSNN
import Testing

/// A config read into a `NetworkSpec` and written back is the same JSON document; a spec built in Swift is the
/// same spec the equivalent JSON gives.
@Suite struct NetworkSpecRoundTripTests {
    @Test func everyBundledConfigIsFound() {
        #expect(Repository.bundledConfigs.count >= 8)
    }

    @Test(arguments: Repository.bundledConfigs)
    func bundledConfigRoundTripsThroughTheSpec(name: String) throws {
        let url = Repository.config(name)
        let original = try JSONValue.parse(try Data(contentsOf: url), file: "\(name).json")
        let spec = try NetworkSpec.load(from: url)
        #expect(spec.json == original)
        let reread = try NetworkSpec(json: spec.jsonText, name: name, baseDirectory: spec.baseDirectory)
        #expect(reread == spec)
    }

    /// configs/cuba.json written in Swift with the typed parameters of `iaf_psc_exp`.
    @Test func cubaBuiltInSwiftEqualsCubaJSON() throws {
        let neuron = IafPscExp.Parameters(capacitancePF: 250, tauMembraneMs: 20, restingMV: -49, thresholdMV: -50,
                                          resetMV: -60, refractoryMs: 5, constantCurrentPA: 0, tauExcitatoryMs: 5,
                                          tauInhibitoryMs: 10)
        let vm: [String: ValueSpec] = ["V_m": .uniform(low: -60, high: -50)]
        let sparse = Connectivity.pairwiseBernoulli(0.02, allowAutapses: false)
        let spec = NetworkSpec(
            simulation: SimulationSpec(durationMs: 1000, dtMs: 0.1, seed: 1, engine: .clock, threads: 1),
            populations: [PopulationSpec(name: "exc", size: 3200, neuron, initial: vm),
                          PopulationSpec(name: "inh", size: 800, neuron, initial: vm)],
            projections: [("exc", "exc", 20.25), ("exc", "inh", 20.25), ("inh", "exc", -112.5), ("inh", "inh", -112.5)].map {
                ProjectionSpec(source: $0.0, target: $0.1, connectivity: sparse, weight: .constant($0.2), delayMs: 0.1)
            },
            recorders: [.spikes("spikes_exc", of: "exc"), .spikes("spikes_inh", of: "inh")])
        let fromJSON = try NetworkSpec.load(from: Repository.config("cuba"))
        #expect(spec.json == fromJSON.json)
    }

    @Test func typedParametersNameEveryParameterOfTheirModel() {
        #expect(Set(IafPscDelta.Parameters().values.keys) == Set(IafPscDelta.parameters.map(\.key)))
        #expect(Set(IafPscExp.Parameters().values.keys) == Set(IafPscExp.parameters.map(\.key)))
        #expect(Set(IafCondExp.Parameters().values.keys) == Set(IafCondExp.parameters.map(\.key)))
        #expect(Set(IafCondAlpha.Parameters().values.keys) == Set(IafCondAlpha.parameters.map(\.key)))
        #expect(Set(Mat2PscExp.Parameters().values.keys) == Set(Mat2PscExp.parameters.map(\.key)))
        // NEST 3.10's GetDefaults: mat2_psc_exp reports omega absolute (−51 mV), iaf_cond_alpha tau_syn_ex 0.2 ms.
        #expect(Mat2PscExp.Parameters().restingThresholdMV == -51 && Mat2PscExp.Parameters().tauMembraneMs == 5)
        #expect(IafCondAlpha.Parameters().tauExcitatoryMs == 0.2 && IafCondAlpha.Parameters().leakConductanceNS == 16.6667)
        #expect(Set(AstrocyteLR1994.Parameters().values.keys) == Set(AstrocyteLR1994.parameters.map(\.key)))
        #expect(Set(NalsmLIF.Parameters().values.keys) == Set(NalsmLIF.parameters.map(\.key)))
        #expect(Set(Izhikevich.Parameters().values.keys) == Set(Izhikevich.parameters.map(\.key)))
        #expect(Set(AeifCondExp.Parameters().values.keys) == Set(AeifCondExp.parameters.map(\.key)))
        #expect(Set(AeifPscExp.Parameters().values.keys) == Set(AeifPscExp.parameters.map(\.key)))
        // NEST 3.10's aeif_cond_exp defaults (Brette & Gerstner 2005's cell): C_m 281 pF, g_L 30 nS, b 80.5 pA.
        let adex = AeifCondExp.Parameters().values
        #expect(adex["C_m"] == 281 && adex["g_L"] == 30 && adex["b"] == 80.5 && adex["tau_syn_ex"] == 0.2)
        #expect(AeifPscExp.Parameters(membrane: .init(a: 0, b: 0)).values["b"] == 0)
        // Defaults come from the tables, which carry NEST 3.10's (astrocyte_lr_1994.cpp) and NALSM's values.
        #expect(AstrocyteLR1994.Parameters().deltaIP3UM == 0.0002 && AstrocyteLR1994.Parameters().tauIP3Ms == 7142)
        #expect(NalsmLIF.Parameters().tauMembraneMs == 64 && NalsmLIF.Parameters().threshold == 20)
    }

    /// A spec built in Swift is checked with the same one-line errors, naming the place as its JSON path.
    @Test func specBuiltInSwiftGetsTheJSONPathOfItsMistake() throws {
        var spec = try NetworkSpec.load(from: Repository.config("cuba"))
        spec.projections[2].delayMs = -1
        let error = #expect(throws: ConfigError.self) { _ = try Simulation(spec: spec) }
        #expect(error?.description == "projections[2].synapse.delay_ms: must be > 0, got -1")
        spec.projections[2].delayMs = 0.1
        spec.populations[1].params["tau_m"] = -5
        let second = #expect(throws: ConfigError.self) { _ = try Simulation(spec: spec) }
        #expect(second?.description == "populations[1].params.tau_m: must be > 0, got -5")
    }
}
