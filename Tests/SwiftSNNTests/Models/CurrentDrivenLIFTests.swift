import Foundation
import Testing
@testable import SwiftSNN

/// The exactly integrated LIF models under a constant current, against τ_m dV/dt = −(V − E_L) + R I
/// (R = τ_m/C_m), which both obey when no synaptic input arrives. Parameters are NEST's defaults (C_m 250 pF,
/// τ_m 10 ms, E_L = V_reset = −70 mV, V_th −55 mV) unless a test overrides them.
@Suite struct CurrentDrivenLIFTests {
    static let models = [IafPscDelta.name, IafPscExp.name]
    static let capacitance = 250.0, tauM = 10.0, restingMV = -70.0, thresholdMV = -55.0
    static let resistance = tauM / capacitance  // GΩ: mV per pA

    /// Membrane trace and spike steps of `model` (a built-in name) over `ms`, with a generator current of
    /// `generatorPA` arriving in every step.
    static func run(_ model: String, _ overrides: [String: Double], dtMs: Double, ms: Double,
                    generatorPA: Double = 0) throws -> (vm: [Double], spikeSteps: [Int]) {
        func drive<M: NeuronModel>(_: M.Type) throws -> (vm: [Double], spikeSteps: [Int]) {
            var driver = try ModelDriver<M>(overrides, dtMs: dtMs)
            let trace = driver.run(steps: driver.steps(ms)) { _ in ModelDriver<M>.current(generatorPA) }
            return (trace.vm, trace.spikeSteps)
        }
        return try drive(ModelRegistry.builtIn.model(named: model)!)
    }

    /// Reference: V(t) = E_L + R I (1 − e^{−t/τ_m}) from V(0) = E_L. The propagators are exact, so only round-off
    /// separates the two: 1e-9 of the deflection leaves room for ~1e4 steps of accumulated round-off.
    @Test(arguments: models, [0.1, 0.05, 0.01])
    func freeMembraneUnderConstantCurrentFollowsClosedForm(model: String, dtMs: Double) throws {
        let current = 200.0
        let trace = try Self.run(model, ["I_e": current, "V_th": 1000], dtMs: dtMs, ms: 50)
        let deflection = { (t: Double) in Self.resistance * current * -expm1(-t / Self.tauM) }
        #expect(trace.spikeSteps.isEmpty)
        #expect(largestRelativeError(trace.vm[...], dtMs: dtMs, reference: { Self.restingMV + deflection($0) },
                                     scale: deflection) < 1e-9)
    }

    /// Reference: NEST step order: a generator current delivered in step k is applied from step k + 1, so a current
    /// switched on in step 0 gives the closed form above delayed by one step.
    @Test(arguments: models)
    func generatorCurrentActsFromTheNextStep(model: String) throws {
        let current = 200.0, dt = 0.1
        let trace = try Self.run(model, ["V_th": 1000], dtMs: dt, ms: 50, generatorPA: current)
        let deflection = { (t: Double) in Self.resistance * current * -expm1(-(t - dt) / Self.tauM) }
        #expect(trace.vm[0] == Self.restingMV)
        #expect(largestRelativeError(trace.vm[1...], dtMs: dt, reference: { Self.restingMV + deflection($0) },
                                     scale: deflection) < 1e-9)
    }

    /// Reference: from V_reset = E_L the membrane reaches V_th after T = τ_m ln(R I / (R I − (V_th − E_L))), and
    /// each interspike interval is t_ref + T. A crossing is seen at the end of the step it happens in, so every
    /// spike may be up to one step late and never early.
    @Test(arguments: models, [(400.0, 0.1), (500.0, 0.1), (1000.0, 0.1), (400.0, 0.01), (500.0, 0.01), (1000.0, 0.01)])
    func firingUnderConstantCurrentMatchesAnalyticInterval(model: String, drive: (currentPA: Double, dtMs: Double)) throws {
        let refractoryMs = 2.0, dtMs = drive.dtMs
        let rise = Self.resistance * drive.currentPA
        let climb = Self.tauM * log(rise / (rise - (Self.thresholdMV - Self.restingMV)))
        let trace = try Self.run(model, ["I_e": drive.currentPA, "t_ref": refractoryMs], dtMs: dtMs, ms: 200)
        let times = trace.spikeSteps.map { Double($0 + 1) * dtMs }
        let intervals = zip(times.dropFirst(), times).map { $0 - $1 }
        #expect(intervals.count >= 3)
        #expect((0..<dtMs).contains(times[0] - climb), "first spike \(times[0]) ms, analytic \(climb) ms")
        for interval in intervals {
            #expect((0..<dtMs).contains(interval - (refractoryMs + climb)),
                    "interval \(interval) ms, analytic \(refractoryMs + climb) ms")
        }
    }

    /// Reference: NEST semantics of t_ref: V_m is held at V_reset from the spike time t_s through t_s + t_ref and
    /// integrates again in the step after.
    @Test(arguments: models, [0.0, 0.5, 2.0])
    func membraneStaysAtResetForExactlyTheRefractoryPeriod(model: String, refractoryMs: Double) throws {
        let dt = 0.1, resetMV = -65.0
        let trace = try Self.run(model, ["I_e": 1000, "t_ref": refractoryMs, "V_reset": resetMV], dtMs: dt, ms: 40)
        let spike = try #require(trace.spikeSteps.first)
        let held = TimeGrid(dtMs: dt).steps(refractoryMs)
        #expect(trace.vm[spike...(spike + held)].allSatisfy { $0 == resetMV })
        #expect(trace.vm[spike + held + 1] > resetMV)
    }
}
