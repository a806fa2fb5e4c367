/// A named scalar signal that plasticity parameters follow (`ParameterBinding.modulator`): dopamine for reward-
/// modulated STDP, a reward or error schedule, an astrocyte's state set from Swift.
///
/// The value a step's plasticity sees is the one at the start of that step: schedules switch at their times,
/// a volume transmitter's spikes of step k count from step k + 1 on, and external values hold until the next
/// `Simulation.setModulator`.
public struct Modulator: Sendable {
    public enum Drive: Sendable, Equatable {
        /// The dopamine trace of NEST's `volume_transmitter` + `stdp_dopamine_synapse` (Izhikevich 2007, Potjans
        /// et al. 2010): M relaxes to `baseline` with time constant τ, dM/dt = (baseline − M)/τ, and each spike of
        /// the population adds `increment`. Exact per step: M ← baseline + (M − baseline)·e^{−dt/τ} + increment·n.
        case volumeTransmitter(population: Int, stepDecay: Double, increment: Double, baseline: Double)
        /// Piecewise constant: `values[i]` from step `steps[i]` on (steps ascending); `initial` before the first.
        case schedule(steps: [Int], values: [Double])
        /// Set by code that embeds the library, between runs.
        case external

        var kindName: String {
            switch self {
            case .volumeTransmitter: return "volume transmitter"
            case .schedule: return "schedule"
            case .external: return "external"
            }
        }
    }

    public let name: String
    public let drive: Drive
    public internal(set) var value: Double
    private let initial: Double

    public init(name: String, drive: Drive, initial: Double) {
        self.name = name
        self.drive = drive
        self.initial = initial
        value = initial
    }

    /// The value step `step` sees, for drives that are functions of time.
    mutating func begin(step: Int) {
        guard case .schedule(let steps, let values) = drive else { return }
        var low = 0, high = steps.count
        while low < high {
            let mid = (low + high) / 2
            if steps[mid] <= step { low = mid + 1 } else { high = mid }
        }
        value = low == 0 ? initial : values[low - 1]
    }

    /// Takes the spikes of a finished step, for drives that follow a population.
    mutating func observe(spikes: [[Int32]]) {
        guard case .volumeTransmitter(let population, let decay, let increment, let baseline) = drive else { return }
        value = baseline + (value - baseline) * decay + increment * Double(spikes[population].count)
    }
}
