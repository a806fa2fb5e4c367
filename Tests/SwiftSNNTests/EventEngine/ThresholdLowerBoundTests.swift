import Testing
@testable import SwiftSNN

/// The event engine queues `thresholdLowerBound` in place of the exact crossing time and fires neurons in queue
/// order, so a bound above the computed time would let later events overtake the spike. The bound of
/// iaf_psc_delta against `timeToThreshold` over states from far below threshold to within rounding of it.
@Suite struct ThresholdLowerBoundTests {
    /// Currents that never reach threshold (−5 and 150 pA: R·I = −0.2 and 6 mV against θ = 15 mV), reach it
    /// slowly (400 pA) or fast.
    @Test(arguments: [(-5.0, false), (150, false), (400, true), (2000, true)])
    func deltaBoundNeverExceedsExactTimeAndIsCloseNearThreshold(currentPA: Double, crosses: Bool) throws {
        let model = try IafPscDelta(ParameterValues(defaultsOf: IafPscDelta.parameters, overriding: ["I_e": currentPA]),
                                    dtMs: 0.1)
        let state = UnsafeMutablePointer<Double>.allocate(capacity: 2)
        defer { state.deallocate() }
        state.initialize(repeating: 0, count: 2)
        let neuron = NeuronSlot(base: state, stride: 1)
        let thresholdMV = model.threshold.thresholdMV
        var bounded = 0
        for gap in [30.0, 10, 1, 1e-3, 1e-6, 1e-9, 1e-12, 1e-14, 0] {
            for below in [gap, gap.nextDown, gap.nextUp] where below >= 0 {
                neuron[0] = thresholdMV - below
                let exact = model.timeToThreshold(neuron)
                guard let bound = model.thresholdLowerBound(neuron) else { continue }
                bounded += 1
                let time = try #require(exact, "a bound \(bound) ms where the neuron never crosses, \(below) mV below")
                #expect(bound <= time, "bound \(bound) ms after the crossing at \(time) ms, \(below) mV below")
                // A bound far below the crossing would be resolved on most inputs and save nothing.
                #expect(bound >= 0.3 * time || time > model.membraneTauMs, "bound \(bound) ms, crossing \(time) ms")
            }
        }
        #expect((bounded > 0) == crosses, "bounds given: \(bounded)")
    }
}
