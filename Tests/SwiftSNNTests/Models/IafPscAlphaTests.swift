import Foundation
import Testing
@testable import SwiftSNN

/// `iaf_psc_alpha` against the closed-form solution of C dV/dt = −C (V − E_L)/τ_m + I_syn, with the alpha current
/// I_syn(t) = w (t/τ_s) e^{1 − t/τ_s} of a spike of weight w, and against NEST. Parameters are NEST's defaults
/// (C_m 250 pF, τ_m 10 ms, E_L = V_reset = −70 mV, V_th −55 mV, t_ref 2 ms, τ_syn_ex = τ_syn_in = 2 ms) unless a
/// test overrides them.
@Suite struct IafPscAlphaTests {
    typealias Driver = ModelDriver<IafPscAlpha>
    static let capacitance = 250.0, tauM = 10.0, restingMV = -70.0

    /// Closed-form PSP t ms after an alpha current of peak w starts, from V = E_L: the convolution of
    /// (w e/τ_s) s e^{−s/τ_s} with e^{−(t − s)/τ_m}/C,
    /// w e/(τ_s C) · e^{−t/τ_m} (1 − e^{−rt}(1 + rt))/r², r = 1/τ_s − 1/τ_m (w e/(τ_s C) · t²/2 · e^{−t/τ} when r = 0).
    static func psp(_ t: Double, weight: Double, tauSyn: Double, tauM: Double = tauM) -> Double {
        let r = 1 / tauSyn - 1 / tauM, scale = weight * M_E / (tauSyn * capacitance)
        if r == 0 { return scale * t * t / 2 * exp(-t / tauM) }
        return scale * exp(-t / tauM) * (1 - exp(-r * t) * (1 + r * t)) / (r * r)
    }

    static func current(_ t: Double, weight: Double, tauSyn: Double) -> Double {
        weight * t / tauSyn * exp(1 - t / tauSyn)
    }

    /// Where the PSP peaks for τ_s < τ_m: C V' = −C V/τ_m + I vanishes where e^x = 1 + (τ_m/τ_s) x, x = r t (the
    /// nonzero root, −τ_s/τ_m − W₋₁(−(τ_s/τ_m) e^{−τ_s/τ_m}) with Lambert's W), found by Newton's method from the
    /// right, where the convex e^x − 1 − a x converges monotonically.
    static func peakTime(tauSyn: Double, tauM: Double) -> Double {
        let a = tauM / tauSyn, r = 1 / tauSyn - 1 / tauM
        var x = a + 1
        for _ in 0..<100 { x -= (exp(x) - 1 - a * x) / (exp(x) - a) }
        return x / r
    }

    /// Reference: `psp` and `current` from the end of the arrival step, when dI_syn jumps by e w/τ_s (NEST order:
    /// V and I_syn move from the next step). Weights < 0 go to the inhibitory port, whose τ_syn_in (5 ms here)
    /// differs from τ_syn_ex (2 ms) so that the port is visible; I_syn_in holds the negative current.
    @Test(arguments: [100.0, -100.0, 250.0], [0.1, 0.01])
    func postsynapticPotentialMatchesAlphaConvolution(weight: Double, dtMs: Double) throws {
        let tauEx = 2.0, tauIn = 5.0, arrivalStep = Int((2 / dtMs).rounded()), arrival = Double(arrivalStep + 1) * dtMs
        let tauSyn = weight >= 0 ? tauEx : tauIn
        var driver = try Driver(["tau_syn_ex": tauEx, "tau_syn_in": tauIn], dtMs: dtMs)
        let trace = driver.run(steps: driver.steps(80)) { $0 == arrivalStep ? Driver.spike(weight) : Driver.noInput }
        #expect(trace.vm[...arrivalStep].allSatisfy { $0 == Self.restingMV })
        let peak = abs(Self.psp(Self.peakTime(tauSyn: tauSyn, tauM: Self.tauM), weight: weight, tauSyn: tauSyn))
        #expect(largestRelativeError(trace.vm[arrivalStep...], dtMs: dtMs,
                                     reference: { Self.restingMV + Self.psp($0 - arrival, weight: weight, tauSyn: tauSyn) },
                                     scale: { _ in peak }) < 1e-9)
        let current = trace.states[weight >= 0 ? 1 : 2][arrivalStep...]
        #expect(largestRelativeError(current, dtMs: dtMs,
                                     reference: { Self.current($0 - arrival, weight: weight, tauSyn: tauSyn) },
                                     scale: { _ in abs(weight) }) < 1e-12)
        #expect(trace.states[weight >= 0 ? 2 : 1].allSatisfy { $0 == 0 })
    }

    /// Reference: the PSP peaks at `peakTime` (6.65 ms after arrival with NEST's τ_m = 10, τ_s = 2 ms) at the value
    /// psp(t*). The largest sample is at the grid point nearest t*, below the peak by at most ½|V''(t*)| δ² (δ its
    /// distance from t*; 10% margin for the cubic term, 1e-9 relative for round-off), where V' = 0 makes
    /// V''(t*) = I'(t*)/C = w e/(τ_s C) e^{−t*/τ_s} (1 − t*/τ_s).
    @Test(arguments: [(10.0, 2.0), (20.0, 0.5), (10.0, 9.0)], [100.0, -100.0])
    func postsynapticPotentialPeaksAtAnalyticTimeAndValue(taus: (membrane: Double, synapse: Double), weight: Double) throws {
        let (tauM, tauS) = taus, dt = 0.1, arrivalStep = 20
        var driver = try Driver(["tau_m": tauM, "tau_syn_ex": tauS, "tau_syn_in": tauS], dtMs: dt)
        let trace = driver.run(steps: driver.steps(60)) { $0 == arrivalStep ? Driver.spike(weight) : Driver.noInput }
        let peakTime = Self.peakTime(tauSyn: tauS, tauM: tauM)
        let peakValue = Self.psp(peakTime, weight: weight, tauSyn: tauS, tauM: tauM)
        let curvature = weight * M_E / (tauS * Self.capacitance) * exp(-peakTime / tauS) * (1 - peakTime / tauS)
        let nearestStep = Int((peakTime / dt).rounded()), offset = abs(Double(nearestStep) * dt - peakTime)
        let extremum = trace.vm.indices.max { abs(trace.vm[$0] - Self.restingMV) < abs(trace.vm[$1] - Self.restingMV) }!
        #expect(extremum == arrivalStep + nearestStep)
        let sampledPeak = trace.vm[extremum] - Self.restingMV
        #expect(abs(sampledPeak) <= abs(peakValue) * (1 + 1e-9))
        #expect(abs(peakValue - sampledPeak) <= 0.55 * abs(curvature) * offset * offset + 1e-9 * abs(peakValue))
    }

    /// Reference: for τ_s = τ_m = τ the PSP is w e/(τ C) · t²/2 · e^{−t/τ}, peaking on the grid at t = 2τ with
    /// 2 w τ/(C e). τ_s = τ_m(1 + 1e-9) takes the series branch of the nearly singular propagator; the exact PSP
    /// there differs from the limit by at most ~2e-9 of the peak (first order in the relative difference).
    @Test(arguments: [0.0, 1e-9])
    func postsynapticPotentialWithEqualTimeConstantsHasClosedForm(relativeDifference: Double) throws {
        let dt = 0.1, weight = 100.0, arrivalStep = 20, arrival = Double(arrivalStep + 1) * dt
        var driver = try Driver(["tau_syn_ex": Self.tauM * (1 + relativeDifference)], dtMs: dt)
        let trace = driver.run(steps: driver.steps(80)) { $0 == arrivalStep ? Driver.spike(weight) : Driver.noInput }
        let peak = 2 * weight * Self.tauM / (Self.capacitance * M_E)
        #expect(largestRelativeError(trace.vm[arrivalStep...], dtMs: dt,
                                     reference: { Self.restingMV + Self.psp($0 - arrival, weight: weight, tauSyn: Self.tauM) },
                                     scale: { _ in peak }) < 1e-9 + 2 * relativeDifference)
        #expect(trace.vm.indices.max { trace.vm[$0] < trace.vm[$1] }! == arrivalStep + driver.steps(2 * Self.tauM))
    }

    /// Reference: the closed form of `Propagators.alphaToVoltage` and its series meet at |r h| = 0.01; both sides
    /// are accurate to ~1e-14 there, so they must agree to that.
    @Test(arguments: [0.0099, 0.0101, -0.0099, -0.0101])
    func alphaPropagatorIsContinuousWhereItSwitchesToTheSeries(x: Double) {
        let h = 0.1, tauM = 10.0, c = 250.0
        let tauSyn = 1 / (x / h + 1 / tauM)
        let value = Propagators.alphaToVoltage(h, tauSyn: tauSyn, tauM: tauM, capacitance: c)
        let r = 1 / tauSyn - 1 / tauM
        let closedForm = exp(-h / tauM) * (-expm1(-r * h) - r * h * exp(-r * h)) / (c * r * r)
        #expect(abs(value - closedForm) <= 1e-12 * abs(closedForm))
    }

    /// Reference: NEST bounds V below by V_min after integrating; a strong inhibitory current holds it there.
    @Test func membraneNeverFallsBelowVMin() throws {
        var driver = try Driver(["V_min": -72])
        let trace = driver.run(steps: driver.steps(30)) { $0 == 10 ? Driver.spike(-2000) : Driver.noInput }
        #expect(trace.vm.min()! == -72)
        #expect(trace.vm.filter { $0 == -72 }.count > 10)
        #expect(trace.vm.last! > -72)
    }

    /// Reference: models/nest/iaf_psc_alpha_psp.csv and _ipsp.csv, NEST 3.10 with a ±100 pA spike arriving in the
    /// step ending at 11.0 ms. Both integrate exactly, so V_m and the synaptic currents differ by round-off and the
    /// files' 15 significant digits (~1e-13).
    @Test(arguments: [("iaf_psc_alpha_psp", 100.0), ("iaf_psc_alpha_ipsp", -100.0)])
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

    /// Reference: models/nest/iaf_psc_alpha_dc.csv and _dc_spikes.csv, NEST 3.10 with I_e = 376 pA, just above the
    /// 375 pA rheobase, so the slow approach to threshold makes spike times sensitive to any error in V_m.
    @Test func constantCurrentTraceAndSpikesMatchNest() throws {
        let expected = try NestTrace("iaf_psc_alpha_dc").afterEachStep("V_m")
        let nestSpikes = try NestTrace("iaf_psc_alpha_dc_spikes")["t_ms"]
        var driver = try Driver(["I_e": 376])
        let trace = driver.run(steps: expected.count)
        #expect(trace.spikeSteps == nestSpikes.map { NestTrace.step(endingAt: $0) })
        #expect(zip(trace.vm, expected).map { abs($0 - $1) }.max()! < 1e-10)
    }
}
