/// HD-SNN's detector neuron (Grimaldi & Perrinet 2023, Biol. Cybern.; Perrinet, ICANN 2023): a non-leaky integrator
/// of its input over consecutive windows of `window_ms`, aligned to t = 0 ("tumbling" windows):
///
///     V_m = Σ w of the spikes arriving in the current window          (same unit as the weights)
///     at the end of the window's last step: V_m ≥ V_th → spike; the next window starts from V_m = 0
///
/// V_m read after a step (a state recorder) is the sum so far, including that step; after a window's last step it
/// is the window's whole sum, cleared at the start of the next step. With `window_ms` = dt, V_m after step k is
/// that step's input alone — the evidence B(b, t) = Σ_{a,δ} w·A(a, t − δ) of HD-SNN's matched filter — and the
/// neuron fires in every step whose evidence reaches V_th. A current generator adds its current × weight each step,
/// as a spike of that weight would. The per-neuron refractory counter holds the steps elapsed in the window.
public struct WindowIntegrator: NeuronModel {
    public static let name = "window_integrator"
    public static let summary = "non-leaky integrator over tumbling windows, thresholded at each window's end (HD-SNN detector)"
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("window_ms", unit: "ms", default: 1, .positive, "Window length, a multiple of dt"),
        ParameterSpec("V_th", unit: "1", default: 1, "Threshold the window's sum is compared with"),
    ]
    public static let stateVariables = [StateVariableSpec("V_m", unit: "1", "Input summed over the current window")]
    public static let ports = InputPorts(planes: 1, excitatory: 0, inhibitory: 0, current: 0)

    /// `window_ms` in whole steps.
    let windowSteps: Int32
    let threshold: Double

    public init(_ p: ParameterValues, dtMs: Double) throws {
        let grid = TimeGrid(dtMs: dtMs)
        let path = "\(p.path).window_ms", steps = try grid.checkedSteps(p["window_ms"], path: path)
        guard grid.isMultiple(p["window_ms"]), steps >= 1 else {
            throw ConfigError(path: path, problem: "must be a positive multiple of dt (\(formatNumber(dtMs)) ms), got \(formatNumber(p["window_ms"]))")
        }
        windowSteps = Int32(steps)
        threshold = p["V_th"]
    }

    public func defaultInitialValue(of variable: Int) -> Double { 0 }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        let v = state, arrivals = input.plane(Self.ports.excitatory, count: count)
        var n = 0
        for i in range {
            if refractory[i] == 0 { v[i] = 0 }
            v[i] += arrivals[i]
            arrivals[i] = 0
            refractory[i] += 1
            guard refractory[i] == windowSteps else { continue }
            refractory[i] = 0
            if v[i] >= threshold {
                fired[n] = Int32(i)
                n += 1
            }
        }
        return n
    }
}
