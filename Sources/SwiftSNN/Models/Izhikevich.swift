import CSNNKernels

/// The simple model of Izhikevich (2003, IEEE Trans. Neural Netw. 14:1569), as NEST's `izhikevich` integrates it.
///
///     dV/dt = 0.04 V² + 5 V + 140 − U + I_e + I_stim,   dU/dt = a (b V − U)     [mV, ms; I in pA taken as mV/ms]
///     V ← V + w at spike arrival (w in mV, either sign)
///     V ≥ V_th → spike, V ← c, U ← U + d (no refractory period); V never below V_min
///
/// One forward-Euler step of h = dt per step (NEST's default `consistent_integration`, 1):
/// V ← V + (h·f(V, U) + Σw) and U ← U + h·a·(b V − U), both from the values before the step. With
/// `consistent_integration` 0, Izhikevich's published scheme (meant for h = 1 ms, as NEST advises): V takes two
/// half steps, V ← V + (h/2)(f(V, U) + Σw) twice, then U ← U + h·a·(b V − U) with the new V. Either way V is then
/// bounded below by V_min and tested against V_th, and the generator current that arrived in the step is I_stim
/// from the next step. The step (CSNNKernels/update_izhikevich.c) is NEST's operation for operation. Names,
/// units, defaults (regular spiking) and the initial state (V_m −65 mV, U_m −13 mV, NEST's b·V_m for its default
/// b, whatever b is given) follow NEST; its default V_min, −1.8e308, means no bound. a, b, c and d are kept per
/// neuron (`perNeuronParameters`), as NEST keeps every parameter per node, for heterogeneous networks (Izhikevich
/// 2003: c = −65 + 15 r², d = 8 − 6 r²). Checked by IzhikevichTests against models/nest/izhikevich_*.csv.
public struct Izhikevich: NeuronModel {
    public static let name = "izhikevich"
    public static let summary = "Izhikevich 2003 simple model, NEST's forward-Euler step (NEST izhikevich)"
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("a", unit: "1/ms", default: 0.02, "Rate of the recovery variable U"),
        ParameterSpec("b", unit: "1", default: 0.2, "Sensitivity of U to V"),
        ParameterSpec("c", unit: "mV", default: -65, "Reset value of V after a spike"),
        ParameterSpec("d", unit: "mV", default: 8, "Increment of U at a spike"),
        ParameterSpec("V_th", unit: "mV", default: 30, "Spike cutoff (peak) value"),
        ParameterSpec("V_min", unit: "mV", default: -Double.greatestFiniteMagnitude, "Lower bound of the membrane potential"),
        ParameterSpec("I_e", unit: "pA", default: 0, "Constant external current"),
        ParameterSpec("consistent_integration", unit: "1", default: 1, .probability,
                      "1: forward Euler (NEST's default); 0: Izhikevich's published scheme, for dt = 1 ms"),
    ]
    public static let stateVariables = [
        StateVariableSpec("V_m", unit: "mV", "Membrane potential"),
        StateVariableSpec("U_m", unit: "mV", "Recovery variable"),
        StateVariableSpec("I_stim", unit: "pA", "Current from generators, applied in the next step"),
        StateVariableSpec("a", unit: "1/ms", "The neuron's rate of the recovery variable U"),
        StateVariableSpec("b", unit: "1", "The neuron's sensitivity of U to V"),
        StateVariableSpec("c", unit: "mV", "The neuron's reset value of V"),
        StateVariableSpec("d", unit: "mV", "The neuron's increment of U at a spike"),
    ]
    public static let ports = InputPorts(planes: 2, excitatory: 0, inhibitory: 0, current: 1)
    public static let stimulusVariable: Int? = 2
    public static let perNeuronParameters = ["a", "b", "c", "d"]

    /// `V_th` [mV].
    public let thresholdMV: Double
    /// The population's a, b, c, d: the neurons' values unless given per neuron.
    private let population: [Double]
    private let kernel: snn_izhikevich

    public init(_ p: ParameterValues, dtMs: Double) throws {
        let consistent = p["consistent_integration"]
        guard consistent == 0 || consistent == 1 else {
            throw ConfigError(path: "\(p.path).consistent_integration",
                              problem: "must be 1 (forward Euler) or 0 (Izhikevich's published scheme), got \(formatNumber(consistent))")
        }
        thresholdMV = p["V_th"]
        population = Self.perNeuronParameters.map { p[$0] }
        kernel = snn_izhikevich(constant_current: p["I_e"], lower_bound: p["V_min"], h: dtMs,
                                consistent_integration: Int32(consistent))
    }

    public func defaultInitialValue(of variable: Int) -> Double { variable < 3 ? [-65, -13, 0][variable] : population[variable - 3] }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        var rule = snn_spike_rule(threshold: thresholdMV, reset: 0, refractory_steps: 0)
        return withUnsafePointer(to: kernel) { kernel in
            snn_step_izhikevich(kernel, &rule, state, state + count, state + 2 * count, state + 3 * count,
                                state + 4 * count, state + 5 * count, state + 6 * count,
                                input.plane(Self.ports.excitatory, count: count),
                                input.livePlane(Self.ports.current, count: count),
                                Int64(range.lowerBound), Int64(range.upperBound), fired)
        }
    }
}
