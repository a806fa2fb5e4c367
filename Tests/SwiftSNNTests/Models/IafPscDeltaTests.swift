import Foundation
import Testing
@testable import SwiftSNN

/// `iaf_psc_delta` against the closed-form solution of τ_m dV/dt = −(V − E_L) + R I (R = τ_m/C_m) and against NEST.
/// Parameters are NEST's defaults (C_m 250 pF, τ_m 10 ms, E_L = V_reset = −70 mV, V_th −55 mV, t_ref 2 ms)
/// unless a test overrides them.
@Suite struct IafPscDeltaTests {
    typealias Driver = ModelDriver<IafPscDelta>
    static let capacitance = 250.0, tauM = 10.0, restingMV = -70.0, thresholdMV = -55.0
    static let resistance = tauM / capacitance  // GΩ: mV per pA

    /// Reference: V(t) = E_L + R I (1 − e^{−t/τ_m}) from V(0) = E_L. The propagator is exact, so only rounding
    /// separates the two: 1e-9 of the deflection leaves room for ~1e4 steps of accumulated round-off.
    @Test(arguments: [0.1, 0.05, 0.01])
    func freeMembraneUnderConstantCurrentFollowsClosedForm(dtMs: Double) throws {
        let current = 200.0
        var driver = try Driver(["I_e": current, "V_th": 1000], dtMs: dtMs)
        let trace = driver.run(steps: driver.steps(50))
        let deflection = { (t: Double) in Self.resistance * current * -expm1(-t / Self.tauM) }
        #expect(trace.spikeSteps.isEmpty)
        #expect(largestRelativeError(trace.vm[...], dtMs: dtMs, reference: { Self.restingMV + deflection($0) },
                                     scale: deflection) < 1e-9)
    }

    /// Reference: NEST step order (the context of every model): a generator current delivered in step k is
    /// applied from step k + 1, so a current switched on in step 0 gives the closed form delayed by one step.
    @Test func generatorCurrentActsFromTheNextStep() throws {
        let current = 200.0, dt = 0.1
        var driver = try Driver(["V_th": 1000], dtMs: dt)
        let trace = driver.run(steps: driver.steps(50)) { _ in Driver.current(current) }
        let deflection = { (t: Double) in Self.resistance * current * -expm1(-(t - dt) / Self.tauM) }
        #expect(trace.vm[0] == Self.restingMV)
        #expect(largestRelativeError(trace.vm[1...], dtMs: dt, reference: { Self.restingMV + deflection($0) },
                                     scale: deflection) < 1e-9)
    }

    /// Reference: from V_reset = E_L the membrane reaches V_th after T = τ_m ln(R I / (R I − (V_th − E_L))), and
    /// each interspike interval is t_ref + T. A crossing is seen at the end of the step it happens in, so every
    /// spike may be up to one step late and never early.
    @Test(arguments: [400.0, 500.0, 1000.0], [0.1, 0.01])
    func firingUnderConstantCurrentMatchesAnalyticInterval(currentPA: Double, dtMs: Double) throws {
        let refractoryMs = 2.0
        let rise = Self.resistance * currentPA
        let climb = Self.tauM * log(rise / (rise - (Self.thresholdMV - Self.restingMV)))
        var driver = try Driver(["I_e": currentPA, "t_ref": refractoryMs], dtMs: dtMs)
        let times = driver.run(steps: driver.steps(200)).spikeSteps.map { Double($0 + 1) * dtMs }
        let intervals = zip(times.dropFirst(), times).map { $0 - $1 }
        #expect(intervals.count >= 3)
        #expect((0..<dtMs).contains(times[0] - climb), "first spike \(times[0]) ms, analytic \(climb) ms")
        for interval in intervals {
            #expect((0..<dtMs).contains(interval - (refractoryMs + climb)),
                    "interval \(interval) ms, analytic \(refractoryMs + climb) ms")
        }
    }

    /// Reference: a delta synapse adds w to V in the step the spike arrives in; then V relaxes as
    /// E_L + w e^{−(t − t_arrival)/τ_m}, with t_arrival the end of that step.
    @Test(arguments: [1.0, -1.0, 3.5])
    func postsynapticPotentialIsJumpOfWeightThenExponentialDecay(weight: Double) throws {
        let dt = 0.1, arrivalStep = 100
        var driver = try Driver(dtMs: dt)
        let trace = driver.run(steps: driver.steps(60)) { $0 == arrivalStep ? Driver.spike(weight) : Driver.noInput }
        let arrival = Double(arrivalStep + 1) * dt
        #expect(trace.vm[..<arrivalStep].allSatisfy { $0 == Self.restingMV })
        #expect(largestRelativeError(trace.vm[arrivalStep...], dtMs: dt,
                                     reference: { Self.restingMV + weight * exp(-($0 - arrival) / Self.tauM) },
                                     scale: { _ in abs(weight) }) < 1e-9)
    }

    /// Reference: NEST semantics of t_ref: V_m is held at V_reset from the spike time t_s through t_s + t_ref and
    /// integrates again in the step after.
    @Test(arguments: [0.0, 0.5, 2.0])
    func membraneStaysAtResetForExactlyTheRefractoryPeriod(refractoryMs: Double) throws {
        let dt = 0.1, resetMV = -65.0
        var driver = try Driver(["I_e": 1000, "t_ref": refractoryMs, "V_reset": resetMV], dtMs: dt)
        let trace = driver.run(steps: driver.steps(40))
        let spike = try #require(trace.spikeSteps.first)
        let held = driver.steps(refractoryMs)
        #expect(trace.vm[spike...(spike + held)].allSatisfy { $0 == resetMV })
        #expect(trace.vm[spike + held + 1] > resetMV)
    }

    /// Reference: NEST iaf_psc_delta with refractory_input = false (its default): spikes that arrive while the
    /// neuron is refractory are discarded, and the first one after it counts in full.
    @Test func inputsDuringRefractorinessAreLost() throws {
        let dt = 0.1, refractoryMs = 2.0, kickStep = 10, weight = 2.0
        var driver = try Driver(["t_ref": refractoryMs], dtMs: dt)
        let refractorySteps = driver.steps(refractoryMs)
        let firstFree = kickStep + refractorySteps + 1
        let trace = driver.run(steps: firstFree + 1) { k in
            switch k {
            case kickStep: Driver.spike(20)
            case (kickStep + 1)...firstFree: Driver.spike(weight)
            default: Driver.noInput
            }
        }
        #expect(trace.spikeSteps == [kickStep])
        #expect(trace.vm[kickStep..<firstFree].allSatisfy { $0 == Self.restingMV })
        #expect(abs(trace.vm[firstFree] - (Self.restingMV + weight)) < 1e-12)
    }

    /// Reference: models/nest/iaf_psc_delta_psp.csv, NEST 3.10 with a +1 mV spike arriving in the step ending at
    /// 11.0 ms. Both integrate exactly, so they differ by round-off and the file's 15 digits (~1e-13 mV).
    @Test func postsynapticPotentialMatchesNest() throws {
        let nest = try NestTrace("iaf_psc_delta_psp")
        let expected = nest.afterEachStep("V_m")
        var driver = try Driver()
        let arrivalStep = NestTrace.step(endingAt: 11.0)
        let trace = driver.run(steps: expected.count) { $0 == arrivalStep ? Driver.spike(1) : Driver.noInput }
        #expect(zip(trace.vm, expected).map { abs($0 - $1) }.max()! < 1e-10)
    }
}
