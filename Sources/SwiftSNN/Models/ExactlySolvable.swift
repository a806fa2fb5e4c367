/// A neuron model whose dynamics between inputs have a closed-form solution and whose next threshold crossing can
/// be computed exactly from its state: what `EventDrivenEngine` needs, and refuses models without.
///
/// Every method acts on one neuron (`NeuronSlot`) and takes durations in ms; the engine keeps each neuron's clock
/// and its refractory period. Between inputs the current I_e + I_stim is constant (I_stim is the sum of the
/// generator currents now flowing, which the engine sets in `stimulusVariable`: these models must have one).
public protocol ExactlySolvable: NeuronModel {
    /// `t_ref`, not rounded to steps.
    var refractoryMs: Double { get }

    /// Advances a neuron that is not refractory by `h` ≥ 0 ms.
    func evolve(_ neuron: NeuronSlot, by h: Double)
    /// Advances a refractory neuron by `h` ≥ 0 ms: V stays at V_reset; whatever else has dynamics keeps them.
    func evolveRefractory(_ neuron: NeuronSlot, by h: Double)
    /// Adds a synaptic input of weight `w` arriving now. Returns false if the input is lost (and the state unchanged).
    func receive(_ neuron: NeuronSlot, weight w: Double, refractory: Bool) -> Bool
    /// The time in ms from now until V first reaches V_th if no further input arrives: 0 if V ≥ V_th now, nil if
    /// never.
    func timeToThreshold(_ neuron: NeuronSlot) -> Double?
    /// A time in ms before which V cannot reach V_th if no further input arrives, for a model that can bound
    /// `timeToThreshold` more cheaply than compute it; nil means no such bound (the default). The engine queues
    /// the bound and computes the exact time only if the bound comes due before the neuron's next input, which
    /// for most predictions in a network never happens. The bound must not exceed what `timeToThreshold`
    /// returns, rounding included, and may be returned where that is nil.
    func thresholdLowerBound(_ neuron: NeuronSlot) -> Double?
    /// Sets V to V_reset (the neuron just fired).
    func reset(_ neuron: NeuronSlot)
    /// Throws a `ConfigError` under `paramsPath` if these parameters lie outside what the exact solution covers.
    func checkExactSolution(paramsPath: String) throws
}

extension ExactlySolvable {
    public func checkExactSolution(paramsPath: String) throws {}
    public func thresholdLowerBound(_ neuron: NeuronSlot) -> Double? { nil }
}

/// The state variables of one neuron inside a population's structure-of-arrays state (variable v at
/// `base[v * stride]`), or in a scratch copy (stride 1).
public struct NeuronSlot {
    /// Where the population's state starts.
    public let base: UnsafeMutablePointer<Double>
    /// The distance between two variables of one neuron (the population size).
    public let stride: Int

    /// The slot of the neuron whose first variable is at `base`.
    public init(base: UnsafeMutablePointer<Double>, stride: Int) {
        self.base = base
        self.stride = stride
    }

    /// State variable `variable` of the neuron.
    @inline(__always)
    public subscript(variable: Int) -> Double {
        get { base[variable * stride] }
        nonmutating set { base[variable * stride] = newValue }
    }
}
