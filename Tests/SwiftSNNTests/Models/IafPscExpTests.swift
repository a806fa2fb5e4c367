import Foundation
import Testing
@testable import SwiftSNN

/// `iaf_psc_exp` against the closed-form solutions of C dV/dt = −C (V − E_L)/τ_m + I_syn + I, dI_syn/dt = −I_syn/τ_s
/// and against NEST. Parameters are NEST's defaults (C_m 250 pF, τ_m 10 ms, E_L = V_reset = −70 mV, V_th −55 mV,
/// t_ref 2 ms, τ_syn_ex = τ_syn_in = 2 ms) unless a test overrides them.
@Suite struct IafPscExpTests {
    typealias Driver = ModelDriver<IafPscExp>
    static let capacitance = 250.0, tauM = 10.0, restingMV = -70.0, thresholdMV = -55.0
    static let resistance = tauM / capacitance  // GΩ: mV per pA

    /// Closed-form PSP t ms after a current w starts decaying with τ_s from V = E_L:
    /// w τ_s τ_m / (C (τ_m − τ_s)) · (e^{−t/τ_m} − e^{−t/τ_s}).
    static func psp(_ t: Double, weight: Double, tauSyn: Double, tauM: Double = tauM) -> Double {
        weight * tauSyn * tauM / (capacitance * (tauM - tauSyn)) * (exp(-t / tauM) - exp(-t / tauSyn))
    }

    /// Reference: `psp`, starting at the end of the arrival step, when the current jumps to w (NEST order: V moves
    /// from the next step). Weights < 0 go to the inhibitory port, whose τ_syn_in (5 ms here) differs from
    /// τ_syn_ex (2 ms) so that the port is visible; I_syn_in holds the negative current as NEST records it.
    @Test(arguments: [100.0, -100.0, 250.0], [0.1, 0.01])
    func postsynapticPotentialMatchesAlphaDifference(weight: Double, dtMs: Double) throws {
        let tauEx = 2.0, tauIn = 5.0, arrivalStep = Int((2 / dtMs).rounded()), arrival = Double(arrivalStep + 1) * dtMs
        let tauSyn = weight >= 0 ? tauEx : tauIn
        var driver = try Driver(["tau_syn_ex": tauEx, "tau_syn_in": tauIn], dtMs: dtMs)
        let trace = driver.run(steps: driver.steps(60)) { $0 == arrivalStep ? Driver.spike(weight) : Driver.noInput }
        #expect(trace.vm[...arrivalStep].allSatisfy { $0 == Self.restingMV })
        let peak = abs(Self.psp(tauSyn * Self.tauM / (Self.tauM - tauSyn) * log(Self.tauM / tauSyn),
                                weight: weight, tauSyn: tauSyn))
        #expect(largestRelativeError(trace.vm[arrivalStep...], dtMs: dtMs,
                                     reference: { Self.restingMV + Self.psp($0 - arrival, weight: weight, tauSyn: tauSyn) },
                                     scale: { _ in peak }) < 1e-9)
        let current = trace.states[weight >= 0 ? 1 : 2][arrivalStep...]
        #expect(largestRelativeError(current, dtMs: dtMs, reference: { weight * exp(-($0 - arrival) / tauSyn) },
                                     scale: { _ in abs(weight) }) < 1e-12)
        #expect(trace.states[weight >= 0 ? 2 : 1].allSatisfy { $0 == 0 })
    }

    /// Reference: the PSP peaks at t* = τ_m τ_s/(τ_m − τ_s) ln(τ_m/τ_s) at the value psp(t*). With τ_m = 2τ_s = 2/ln 2
    /// t* is 2 ms, on the grid, and the peak is w/(2 C ln 2); with NEST's τ_m = 10, τ_s = 2 ms t* = 4.024 ms and the
    /// largest sample is the nearest grid point, below the peak by at most ½|V''(t*)| δ² (δ its distance from t*;
    /// 10% margin for the cubic term, 1e-9 relative for round-off).
    @Test(arguments: [(2 / log(2.0), 1 / log(2.0)), (10.0, 2.0)], [100.0, -100.0])
    func postsynapticPotentialPeaksAtAnalyticTimeAndValue(taus: (membrane: Double, synapse: Double), weight: Double) throws {
        let (tauM, tauS) = taus, dt = 0.1, arrivalStep = 20
        var driver = try Driver(["tau_m": tauM, "tau_syn_ex": tauS, "tau_syn_in": tauS], dtMs: dt)
        let trace = driver.run(steps: driver.steps(30)) { $0 == arrivalStep ? Driver.spike(weight) : Driver.noInput }
        let peakTime = tauM * tauS / (tauM - tauS) * log(tauM / tauS)
        let peakValue = Self.psp(peakTime, weight: weight, tauSyn: tauS, tauM: tauM)
        let amplitude = weight * tauS * tauM / (Self.capacitance * (tauM - tauS))
        let curvature = amplitude * (exp(-peakTime / tauM) / (tauM * tauM) - exp(-peakTime / tauS) / (tauS * tauS))
        let nearestStep = Int((peakTime / dt).rounded()), offset = abs(Double(nearestStep) * dt - peakTime)
        let extremum = trace.vm.indices.max { abs(trace.vm[$0] - Self.restingMV) < abs(trace.vm[$1] - Self.restingMV) }!
        #expect(extremum == arrivalStep + nearestStep)
        let sampledPeak = trace.vm[extremum] - Self.restingMV
        #expect(abs(sampledPeak) <= abs(peakValue) * (1 + 1e-9))
        #expect(abs(peakValue - sampledPeak) <= 0.55 * abs(curvature) * offset * offset + 1e-9 * abs(peakValue))
    }

    /// Reference: for τ_s = τ_m = τ the PSP is w t/C e^{−t/τ}, peaking at t = τ with w τ/(C e). τ_s = τ_m(1 + 1e-9)
    /// exercises the nearly singular propagator; the exact PSP there differs from the limit by at most 0.74·1e-9 of
    /// the peak (first order in the relative difference), so the tolerance is 1e-9 plus that difference.
    @Test(arguments: [0.0, 1e-9])
    func postsynapticPotentialWithEqualTimeConstantsIsAlphaFunction(relativeDifference: Double) throws {
        let dt = 0.1, weight = 100.0, arrivalStep = 20, arrival = Double(arrivalStep + 1) * dt
        var driver = try Driver(["tau_syn_ex": Self.tauM * (1 + relativeDifference)], dtMs: dt)
        let trace = driver.run(steps: driver.steps(80)) { $0 == arrivalStep ? Driver.spike(weight) : Driver.noInput }
        let peak = weight * Self.tauM / (Self.capacitance * M_E)
        let alpha = { (t: Double) in weight * t / Self.capacitance * exp(-t / Self.tauM) }
        #expect(largestRelativeError(trace.vm[arrivalStep...], dtMs: dt,
                                     reference: { Self.restingMV + alpha($0 - arrival) },
                                     scale: { _ in peak }) < 1e-9 + relativeDifference)
        #expect(trace.vm.indices.max { trace.vm[$0] < trace.vm[$1] }! == arrivalStep + driver.steps(Self.tauM))
    }

    /// Reference: NEST iaf_psc_exp keeps integrating the synaptic currents while V is clamped, so a spike that
    /// arrives during refractoriness is not lost: when the clamp ends at t_e, V leaves V_reset = E_L as the PSP of
    /// the current left at t_e, w e^{−(t_e − t_a)/τ_s}.
    @Test func synapticCurrentKeepsDecayingThroughRefractoriness() throws {
        let dt = 0.1, weight = 100.0, tauSyn = 2.0, arrivalStep = 5, arrival = Double(arrivalStep + 1) * dt
        var driver = try Driver(dtMs: dt)
        driver.state[0] = -50
        let trace = driver.run(steps: driver.steps(40)) { $0 == arrivalStep ? Driver.spike(weight) : Driver.noInput }
        #expect(trace.spikeSteps == [0])
        let clampEnd = driver.steps(2) + 1
        let freed = Double(clampEnd) * dt
        #expect(trace.vm[..<clampEnd].allSatisfy { $0 == Self.restingMV })
        let left = weight * exp(-(freed - arrival) / tauSyn)
        #expect(largestRelativeError(trace.vm[(clampEnd - 1)...], dtMs: dt,
                                     reference: { Self.restingMV + Self.psp($0 - freed, weight: left, tauSyn: tauSyn) },
                                     scale: { _ in abs(left) * Self.resistance }) < 1e-9)
    }

    /// Reference: models/nest/iaf_psc_exp_psp.csv and _ipsp.csv, NEST 3.10 with a ±100 pA spike arriving in the step
    /// ending at 11.0 ms. Both integrate exactly, so V_m and the synaptic currents differ by round-off and the files'
    /// 15 significant digits (~1e-13).
    @Test(arguments: [("iaf_psc_exp_psp", 100.0), ("iaf_psc_exp_ipsp", -100.0)])
    func postsynapticPotentialMatchesNest(file: String, weight: Double) throws {
        let nest = try NestTrace(file)
        var driver = try Driver()
        let arrivalStep = NestTrace.step(endingAt: 11.0)
        let trace = driver.run(steps: nest.afterEachStep("V_m").count) {
            $0 == arrivalStep ? Driver.spike(weight) : Driver.noInput
        }
        for (variable, column) in [(0, "V_m"), (1, "I_syn_ex"), (2, "I_syn_in")] {
            let error = zip(trace.states[variable], nest.afterEachStep(column)).map { abs($0 - $1) }.max()!
            #expect(error < 1e-10, "\(column)")
        }
    }

    /// Reference: models/nest/iaf_psc_exp_dc.csv and _dc_spikes.csv, NEST 3.10 with I_e = 376 pA, just above the
    /// 375 pA rheobase, so the slow approach to threshold makes spike times sensitive to any error in V_m.
    @Test func constantCurrentTraceAndSpikesMatchNest() throws {
        let expected = try NestTrace("iaf_psc_exp_dc").afterEachStep("V_m")
        let nestSpikes = try NestTrace("iaf_psc_exp_dc_spikes")["t_ms"]
        var driver = try Driver(["I_e": 376])
        let trace = driver.run(steps: expected.count)
        #expect(trace.spikeSteps == nestSpikes.map { NestTrace.step(endingAt: $0) })
        #expect(zip(trace.vm, expected).map { abs($0 - $1) }.max()! < 1e-10)
    }
}
