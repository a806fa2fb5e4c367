/// The dynamics of `AstrocyteIntegratorSpec` on the grid (NALSM, Ivanov & Michmizos 2021, eq. 7):
/// A ← A + (dt/τ)·(bias − A) + Σ_k (weight_k/τ)·n_k, with n_k the spikes of input k's listened-to neurons in
/// the step. Weights and bias take their value for the step whose spikes are counted; a fade then multiplies A.
public struct AstrocyteIntegrator: ModulatorDynamics {
    struct Input: Sendable {
        let population: Int
        let weight: SteppedSchedule
        /// Whether each neuron is listened to; nil when all are.
        let listened: [Bool]?
    }

    let dtOverTau: Double
    let tauMs: Double
    let bias: SteppedSchedule
    let inputs: [Input]
    /// A ← factor·A after the steps that end a `stepsPerUpdate` interval (factor 1: no fading).
    let fade: SteppedSchedule
    private var step = 0

    init(dtOverTau: Double, tauMs: Double, bias: SteppedSchedule, inputs: [Input], fade: SteppedSchedule) {
        self.dtOverTau = dtOverTau
        self.tauMs = tauMs
        self.bias = bias
        self.inputs = inputs
        self.fade = fade
    }

    public var kindName: String { "astrocyte integrator" }

    /// Remembers the step, whose weights and bias the spikes observed next are weighted with.
    public mutating func begin(step: Int, value: inout Double) { self.step = step }

    /// One step of the recursion with the step's spike counts.
    public mutating func observe(spikes: [[Int32]], value: inout Double) {
        var drive = 0.0
        for input in inputs {
            let ids = spikes[input.population]
            let n = input.listened.map { listened in ids.reduce(0) { $0 + (listened[Int($1)] ? 1 : 0) } } ?? ids.count
            drive += input.weight.value(step: step) / tauMs * Double(n)
        }
        value += dtOverTau * (bias.value(step: step) - value) + drive
        if (step + 1) % fade.stepsPerUpdate == 0 { value *= fade.factor }
    }
}
