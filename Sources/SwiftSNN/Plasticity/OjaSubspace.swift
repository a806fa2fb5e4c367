/// `oja_subspace`: Oja's subspace rule (Oja 1989, Int J Neural Syst 1:61) with the clipping and momentum of HLOP
/// (Xiao et al., ICLR 2024, "Hebbian learning based orthogonal projection for continual learning of spiking
/// neural networks"; pkuxmq/HLOP-SNN, modules/hlop_module.py, `update_weights`). The projection's k targets are
/// HLOP's lateral neurons, W (k × n) their weights from the n sources. At the end of each period of T ms:
///
///     x_s = (spikes of source s that arrived during the period) / T     [spikes/ms]
///     y = W x                                                           (the lateral neurons at equilibrium)
///     D = clip(y (x − Wᵀy)ᵀ, −c, c)                                     (element-wise)
///     M ← μ M + (1 − μ) D                                               (momentum in HLOP's form; M starts at 0)
///     W ← W + η M
///
/// y is computed by the rule from W and x: the target neurons' own spikes are not used, and what the synapses
/// transmit to them (the current W, at every arrival) does not feed back into learning. x is in spikes per ms
/// rather than Hz so that c and η keep HLOP's scale: there x is a firing rate per time step in [0, 1], i.e.
/// spikes per ms for dt = 1 ms, and a clip of 10 bounds only the large updates of early learning (in Hz, D would
/// be 10⁶ times larger and the clip would bias every update). With μ = 0 and small η the rows of W converge to an
/// orthonormal basis of the principal k-dimensional subspace of E[x xᵀ] (the uncentred second moment: the rule
/// does not subtract the mean); momentum averages D over about 1/(1 − μ) periods. Units: x, y in 1/ms, W
/// dimensionless, D and c in 1/ms², η in ms².
public struct OjaSubspace: MatrixPlasticityRule {
    public static let name = "oja_subspace"
    /// One line on the rule, in `snn models`.
    public static let summary = "Oja's subspace rule ΔW = η y (x − Wᵀy)ᵀ on spikes/ms per period, HLOP's clip and momentum"
    /// The parameter table: keys, units, defaults, ranges.
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("eta", unit: "ms²", default: 0.01, .nonNegative, "Learning rate η per period (HLOP: 0.01 hidden, 0.001 input layers)"),
        ParameterSpec("momentum", unit: "1", default: 0.9, .probability, "Momentum μ: M ← μ M + (1 − μ) D (HLOP 0.9; 0: none)"),
        ParameterSpec("clip", unit: "ms⁻²", default: 10, .positive, "Element-wise bound c of the update D = y (x − Wᵀy)ᵀ (HLOP 10)"),
        ParameterSpec("period_ms", unit: "ms", default: 100, .positive, "Period T whose presynaptic spikes form x; W changes at its end"),
    ]

    /// `eta`.
    public var learningRate: Double
    /// `momentum`.
    public var momentum: Double
    /// `clip`, the element-wise bound of an update.
    public var clip: Double
    public var periodMs: Double

    /// The rule with the given parameters, checked against `parameters`.
    public init(_ p: ParameterValues, options: PlasticityOptions) throws {
        learningRate = p["eta"]
        momentum = p["momentum"]
        clip = p["clip"]
        periodMs = p["period_ms"]
        let grid = TimeGrid(dtMs: options.dtMs)
        guard try grid.checkedSteps(periodMs, path: "\(p.path).period_ms") >= 1, grid.isMultiple(periodMs) else {
            throw ConfigError(path: "\(p.path).period_ms",
                              problem: "must be a whole number of steps of dt = \(formatNumber(options.dtMs)) ms, got \(formatNumber(periodMs))")
        }
    }

    public func update(_ matrix: WeightMatrix, presynapticCounts counts: UnsafeBufferPointer<Double>) {
        let w = matrix.weight, m = matrix.state, target = matrix.target, rowStart = matrix.rowStart
        let x = counts.map { $0 / periodMs }
        // D needs Wᵀy for the old W, so y and Wᵀy are both formed before any weight changes.
        var y = [Double](repeating: 0, count: matrix.targetCount)
        for s in 0..<matrix.sourceCount where x[s] != 0 {
            for k in Int(rowStart[s])..<Int(rowStart[s + 1]) { y[Int(target[k])] += w[k] * x[s] }
        }
        var reconstruction = [Double](repeating: 0, count: matrix.sourceCount)
        for s in 0..<matrix.sourceCount {
            var sum = 0.0
            for k in Int(rowStart[s])..<Int(rowStart[s + 1]) { sum += w[k] * y[Int(target[k])] }
            reconstruction[s] = sum
        }
        for s in 0..<matrix.sourceCount {
            let residual = x[s] - reconstruction[s]
            for k in Int(rowStart[s])..<Int(rowStart[s + 1]) {
                let d = min(max(y[Int(target[k])] * residual, -clip), clip)
                m[k] = momentum * m[k] + (1 - momentum) * d
                w[k] += learningRate * m[k]
            }
        }
    }
}
