/// The dopamine trace of NEST's `volume_transmitter` + `stdp_dopamine_synapse` (Izhikevich 2007, Potjans et al.
/// 2010): M relaxes to `baseline` with time constant τ, dM/dt = (baseline − M)/τ, and each spike of the population
/// adds `increment`. Exact per step: M ← baseline + (M − baseline)·e^{−dt/τ} + increment·n.
public struct VolumeTransmitter: ModulatorDynamics {
    /// The index of the population whose spikes it counts.
    public var population: Int
    /// e^(−dt/τ).
    public var stepDecay: Double
    /// Added per spike.
    public var increment: Double
    /// The value it relaxes to.
    public var baseline: Double

    /// A trace of `population`'s spikes.
    public init(population: Int, stepDecay: Double, increment: Double, baseline: Double) {
        self.population = population
        self.stepDecay = stepDecay
        self.increment = increment
        self.baseline = baseline
    }

    public var kindName: String { "volume transmitter" }

    /// Decays over the step and adds the step's spikes.
    public mutating func observe(spikes: [[Int32]], value: inout Double) {
        value = baseline + (value - baseline) * stepDecay + increment * Double(spikes[population].count)
    }
}
