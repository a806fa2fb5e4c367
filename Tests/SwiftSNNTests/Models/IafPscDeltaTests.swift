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
