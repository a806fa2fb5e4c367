/// A named scalar signal that plasticity parameters can follow (`Modulator`): a volume transmitter's trace of a
/// population's spikes, a schedule, or a value set from code between runs.
public struct ModulatorSpec: Sendable, Equatable {
    /// What moves the modulator's value.
    public enum Kind: Sendable, Equatable {
        /// x ← x·e^(−dt/τ) + increment·(spikes of `population` in the step), relaxing to `baseline`.
        /// Defaults: increment 1, baseline 0.
        case volumeTransmitter(population: String, tauMs: Double, increment: Double?, baseline: Double?)
        /// Piecewise constant: `values[i]` from `timesMs[i]` on.
        case schedule(timesMs: [Double], values: [Double])
        /// Set with `Simulation.setModulator` between runs.
        case external
        /// NALSM's activity-integrating astrocyte.
        case astrocyteIntegrator(AstrocyteIntegratorSpec)
        /// The mean of state variable `variable` over `population` after each step (mean calcium of astrocytes).
        case populationMean(population: String, variable: String)
        /// A type registered with `ModelRegistry.register(modulator:)`, with its keys.
        case custom(type: String, params: [String: ParameterValue])

        /// The `type` a config names the kind by.
        public var typeName: String {
            switch self {
            case .volumeTransmitter: return "volume_transmitter"
            case .schedule: return "schedule"
            case .external: return "external"
            case .astrocyteIntegrator: return "astrocyte_integrator"
            case .populationMean: return "population_mean"
            case .custom(let type, _): return type
            }
        }
    }

    /// The built-in `type`s.
    public static let typeNames = ["volume_transmitter", "schedule", "external", "astrocyte_integrator", "population_mean"]

    /// Unique name that bindings (`{"modulator": name}`) and recorders refer to.
    public var name: String
    /// Its dynamics and their settings.
    public var kind: Kind
    /// The value before anything drives it (default 0; a volume transmitter's default is its baseline, an
    /// astrocyte integrator's its initial bias). A population mean starts at the mean of the initial state and
    /// takes no `initial`.
    public var initial: Double?

    /// A modulator named `name`.
    public init(name: String, kind: Kind, initial: Double? = nil) {
        self.name = name
        self.kind = kind
        self.initial = initial
    }

    /// `initial`, or its default.
    public var effectiveInitial: Double {
        if let initial { return initial }
        switch kind {
        case .volumeTransmitter(_, _, _, let baseline): return baseline ?? 0
        case .astrocyteIntegrator(let astrocyte): return astrocyte.bias.initial
        default: return 0
        }
    }
}
