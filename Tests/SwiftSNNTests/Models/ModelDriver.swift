import Foundation
@testable import SwiftSNN

/// One neuron of a model, advanced step by step with buffers the test owns, laid out as the engine lays them out
/// (with one neuron, state variable `v` is at index `v` and input plane `p` at index `p`).
struct ModelDriver<Model: NeuronModel> {
    let model: Model
    let dtMs: Double
    /// State variable v at index v, in the order of `Model.stateVariables`.
    var state: [Double]
    private(set) var refractory: [Int32] = [0]

    /// The model with its defaults except `overrides`, starting from its default initial state.
    init(_ overrides: [String: Double] = [:], dtMs: Double = 0.1) throws {
        let model = try Model(ParameterValues(defaultsOf: Model.parameters, overriding: overrides), dtMs: dtMs)
        self.model = model
        self.dtMs = dtMs
        state = Model.stateVariables.indices.map { model.defaultInitialValue(of: $0) }
    }

    static var noInput: [Double] { Array(repeating: 0, count: Model.ports.planes) }

    /// A spike of weight `w` routed as the engine routes it: w ≥ 0 to the excitatory plane, w < 0 to the inhibitory.
    static func spike(_ w: Double) -> [Double] {
        var input = noInput
        input[w < 0 ? Model.ports.inhibitory : Model.ports.excitatory] += w
        return input
    }

    /// A current from a generator, in pA.
    static func current(_ pA: Double) -> [Double] {
        var input = noInput
        input[Model.ports.current] = pA
        return input
    }

    /// Advances one step in which `input` (one value per plane) arrives; returns whether the neuron fired.
    mutating func step(_ input: [Double]) -> Bool {
        var fired: Int32 = 0
        var input = input
        let model = model
        return state.withUnsafeMutableBufferPointer { s in
            refractory.withUnsafeMutableBufferPointer { r in
                input.withUnsafeMutableBufferPointer { x in
                    model.update(state: s.baseAddress!, refractory: r.baseAddress!, count: 1, range: 0..<1,
                                 input: StepInput(values: x.baseAddress!, livePlanes: ~0), fired: &fired)
                }
            }
        } == 1
    }

    /// The trajectory of a run: `states[v][k]` is state variable v after step k, i.e. at time (k + 1)·dt.
    struct Trajectory {
        var states: [[Double]]
        /// The steps in which the neuron fired; a spike in step k is stamped (k + 1)·dt.
        var spikeSteps: [Int]
        var vm: [Double] { states[0] }
    }

    /// Runs `steps` steps with `input(k)` arriving in step k.
    mutating func run(steps: Int, input: (Int) -> [Double] = { _ in noInput }) -> Trajectory {
        var run = Trajectory(states: state.map { _ in [] }, spikeSteps: [])
        for k in 0..<steps {
            if step(input(k)) { run.spikeSteps.append(k) }
            for v in state.indices { run.states[v].append(state[v]) }
        }
        return run
    }

    /// Number of steps in `ms` milliseconds.
    func steps(_ ms: Double) -> Int { Int((ms / dtMs).rounded()) }
}

/// Largest |vm[k] − reference(t)| / scale(t) over the indices of `vm` (a slice keeps the step numbers of the
/// trace), with t = (k + 1)·dt the time V_m refers to after step k.
func largestRelativeError(_ vm: ArraySlice<Double>, dtMs: Double, reference: (Double) -> Double,
                          scale: (Double) -> Double) -> Double {
    vm.indices.map { k in
        let t = Double(k + 1) * dtMs
        return abs(vm[k] - reference(t)) / scale(t)
    }.max() ?? 0
}
