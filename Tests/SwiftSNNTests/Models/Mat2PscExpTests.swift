import Foundation
import Testing
@testable import SwiftSNN

/// `mat2_psc_exp` (Kobayashi, Tsubo & Shinomoto 2009) against its closed forms and NEST. Parameters are NEST's
/// defaults (C_m 100 pF, E_L −70 mV, τ_m 5 ms, τ_syn_ex 1 ms, τ_syn_in 3 ms, t_ref 2 ms, α₁ 37 mV, α₂ 2 mV,
/// τ₁ 10 ms, τ₂ 200 ms, ω −51 mV) unless a test overrides them. State: V_m, V_th, V_th_alpha_1, V_th_alpha_2,
/// I_syn_ex, I_syn_in, I_stim.
@Suite struct Mat2PscExpTests {
    typealias Driver = ModelDriver<Mat2PscExp>
    static let restingMV = -70.0, omegaMV = -51.0

    /// Reference: the threshold is linear in the spikes (Kobayashi et al. 2009, eq. 3): after spikes at t_s it is
    /// ω + Σ_s (α₁ e^{−(t − t_s)/τ₁} + α₂ e^{−(t − t_s)/τ₂}); a spike adds its jumps at the end of its own step, so
    /// after a single spike V_th = ω + α₁ e^{−t/τ₁} + α₂ e^{−t/τ₂} with t the time since it. Checked over the whole
    /// adapting DC train, where V is never reset.
    @Test(arguments: [500.0, 2000.0])
    func thresholdIsTheSumOfDecayingJumps(currentPA: Double) throws {
        let dt = 0.1
        var driver = try Driver(["I_e": currentPA])
        let trace = driver.run(steps: driver.steps(300))
        #expect(trace.spikeSteps.count >= 5)
        for k in trace.states[1].indices {
            let expected = Self.omegaMV + trace.spikeSteps.filter { $0 <= k }.map { s in
                let t = Double(k - s) * dt
                return 37 * exp(-t / 10) + 2 * exp(-t / 200)
            }.reduce(0, +)
            #expect(abs(trace.states[1][k] - expected) < 1e-11, "V_th after step \(k)")
        }
    }

    /// Reference: the closed-form PSP of an exponential current into a leaky membrane (Rotter & Diesmann 1999):
    /// V − E_L = w τ_s τ_m/(C (τ_m − τ_s)) (e^{−t/τ_m} − e^{−t/τ_s}), t from the end of the arrival step; the input
    /// moves V from the next step on (NEST order). Below threshold nothing else changes: V_th stays ω.
    @Test(arguments: [100.0, -100.0])
    func postsynapticPotentialFollowsClosedForm(weight: Double) throws {
        let dt = 0.1, arrivalStep = 20, arrival = Double(arrivalStep + 1) * dt
        let tauSyn = weight >= 0 ? 1.0 : 3.0, tauM = 5.0, c = 100.0
        var driver = try Driver()
        let trace = driver.run(steps: driver.steps(60)) { $0 == arrivalStep ? Driver.spike(weight) : Driver.noInput }
        let psp = { (t: Double) in
            t < arrival ? 0 : weight * tauSyn * tauM / (c * (tauM - tauSyn)) * (exp(-(t - arrival) / tauM) - exp(-(t - arrival) / tauSyn))
        }
        #expect(largestRelativeError(trace.vm[...], dtMs: dt, reference: { Self.restingMV + psp($0) },
                                     scale: { _ in abs(weight) / c }) < 1e-12)
        #expect(trace.states[1].allSatisfy { $0 == Self.omegaMV })
        #expect(trace.spikeSteps.isEmpty)
    }

    /// Reference: NEST 3.10 mat2_psc_exp with I_e = 20000 pA fires at 0.1, 2.2, 4.3, … ms (run with the venv's NEST):
    /// with t_ref = 2 ms the neuron is not tested for 20 steps after a spike, so far above threshold it fires every
    /// 21 steps; V keeps integrating meanwhile (it is never reset).
    @Test func refractoryPeriodSkipsTheSpikeTestWithoutResetting() throws {
        var driver = try Driver(["I_e": 20000])
        let trace = driver.run(steps: driver.steps(20))
        #expect(trace.spikeSteps == Array(stride(from: 0, to: 200, by: 21)))
        #expect(zip(trace.vm.dropFirst(), trace.vm).allSatisfy { $0 > $1 })
    }

    /// Reference: models/nest/mat2_psc_exp_psp.csv and _ipsp.csv, NEST 3.10 with a ±100 pA spike arriving in the
    /// step ending at 11.0 ms. Both integrate exactly, so only rounding separates them.
    @Test(arguments: ["mat2_psc_exp_psp", "mat2_psc_exp_ipsp"])
    func postsynapticPotentialMatchesNest(file: String) throws {
        let nest = try NestTrace(file)
        let expected = nest.afterEachStep("V_m")
        var driver = try Driver()
        let arrivalStep = NestTrace.step(endingAt: 11.0)
        let weight = file.hasSuffix("ipsp") ? -100.0 : 100.0
        let trace = driver.run(steps: expected.count) { $0 == arrivalStep ? Driver.spike(weight) : Driver.noInput }
        #expect(zip(trace.vm, expected).map { abs($0 - $1) }.max()! < 1e-12)
        #expect(zip(trace.states[1], nest.afterEachStep("V_th")).map { abs($0 - $1) }.max()! < 1e-12)
    }

    /// Reference: models/nest/mat2_psc_exp_dc.csv and _dc_spikes.csv, NEST 3.10 with I_e = 500 pA: six spikes with
    /// growing intervals (the slow component adapts). Spikes in the same steps, V_m and V_th to rounding.
    @Test func constantCurrentTraceThresholdAndSpikesMatchNest() throws {
        let nest = try NestTrace("mat2_psc_exp_dc")
        let nestSpikes = try NestTrace("mat2_psc_exp_dc_spikes")["t_ms"]
        let expected = nest.afterEachStep("V_m")
        var driver = try Driver(["I_e": 500])
        let trace = driver.run(steps: expected.count)
        #expect(trace.spikeSteps == nestSpikes.map { NestTrace.step(endingAt: $0) })
        #expect(zip(trace.vm, expected).map { abs($0 - $1) }.max()! < 1e-12)
        #expect(zip(trace.states[1], nest.afterEachStep("V_th")).map { abs($0 - $1) }.max()! < 1e-12)
    }

    /// Reference: models/nest/mat2_psc_exp_dc_spikes.csv again, through the engine: 600 neurons (three blocks of the
    /// kernel, split over two threads) with I_e = 500 pA each fire at NEST's six times.
    @Test func populationInTheEngineFiresAtNestsTimesInEveryNeuron() throws {
        let nestSteps = try NestTrace("mat2_psc_exp_dc_spikes")["t_ms"].map { NestTrace.step(endingAt: $0) }
        let size = 600
        let spec = NetworkSpec(simulation: SimulationSpec(durationMs: 200, dtMs: 0.1, threads: 2),
                               populations: [PopulationSpec(name: "n", size: size, Mat2PscExp.Parameters(constantCurrentPA: 500))],
                               recorders: [.spikes("s", of: "n")])
        var sim = try Simulation(spec: spec)
        try sim.run()
        let train = try sim.spikes("s")
        #expect(train.ids.count == size * nestSteps.count)
        for neuron in [0, 255, 256, 599] {
            let steps = zip(train.timesMs, train.ids).filter { $0.1 == neuron }.map { NestTrace.step(endingAt: $0.0) }
            #expect(steps == nestSteps, "neuron \(neuron)")
        }
    }

    /// Reference: NEST's checks ("Membrane and synapse time constant(s) must differ", "All time constants must be
    /// strictly positive", at least one step of refractoriness), each a one-line error naming the parameter.
    @Test(arguments: [(["tau_syn_ex": 5.0], "params.tau_syn_ex"), (["tau_syn_in": 5.0], "params.tau_syn_in"),
                      (["t_ref": 0.0], "params.t_ref"), (["t_ref": 0.04], "params.t_ref"),
                      (["tau_2": 0.0], "params.tau_2"), (["C_m": -1.0], "params.C_m")])
    func nestParameterChecksAreOneLineErrors(overrides: [String: Double], path: String) {
        #expect { try Driver(overrides) } throws: { ($0 as? ConfigError)?.path == path }
    }
}
