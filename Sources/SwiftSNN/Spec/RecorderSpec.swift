/// What to record during a run; each recorder writes `<name>.npy`.
public struct RecorderSpec: Sendable, Equatable {
    /// The sampling interval of state, weight and modulator recorders when a spec gives none [ms].
    public static let defaultIntervalMs = 1.0

    /// What is recorded.
    public enum Kind: Sendable, Equatable {
        /// Spike times and ids of `population` (all neurons, or those listed).
        case spikes(population: String, neurons: [Int]?)
        /// State variables of `population`'s neurons every `intervalMs` (default 1 ms).
        case state(population: String, variables: [String], neurons: [Int]?, intervalMs: Double?)
        /// The weights of the plastic projection with index `projection` every `intervalMs`.
        case weights(projection: Int, intervalMs: Double?)
        /// The delays of the projection with index `projection` every `intervalMs` [ms]: the learned ones of a
        /// projection with `delay_plasticity` (or `max_delay_ms`, for delays set from code).
        case delays(projection: Int, intervalMs: Double?)
        /// The named modulators' values (all when nil) every `intervalMs`.
        case modulators(variables: [String]?, intervalMs: Double?)
        /// A recorder type registered in a `RecorderRegistry`, with its keys (in JSON, beside `name` and `type`).
        case custom(type: String, params: [String: ParameterValue])

        /// The `type` a config names the kind by.
        public var typeName: String {
            switch self {
            case .spikes: return "spikes"
            case .state: return "state"
            case .weights: return "weights"
            case .delays: return "delays"
            case .modulators: return "modulators"
            case .custom(let type, _): return type
            }
        }
    }

    /// The built-in types; others come from a `RecorderRegistry`.
    public static let typeNames = ["spikes", "state", "weights", "delays", "modulators"]

    /// File-name safe (letters, digits, `_`, `-`); the file is `<name>.npy`.
    public var name: String

    /// Prefixes of the files `snn run --save-weights`/`--save-delays` and `snn trials --save-synapses` write
    /// (`weights_projection0.npy`): recorder names of that form are refused.
    public static let savedFilePrefixes = ["weights_projection", "delays_projection", "synapses_projection"]

    /// The files a built-in recorder of this kind writes (a registered type's main file for custom kinds).
    public var fileNames: [String] {
        switch kind {
        case .weights, .delays: return ["\(name).npy", "\(name)_sources.npy", "\(name)_targets.npy"]
        case .spikes, .state, .modulators, .custom: return ["\(name).npy"]
        }
    }
    /// What it records, and how often.
    public var kind: Kind

    /// A recorder whose output is `<name>.npy`.
    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// Spikes of `population` (all neurons, or `neurons`).
    public static func spikes(_ name: String, of population: String, neurons: [Int]? = nil) -> RecorderSpec {
        RecorderSpec(name: name, kind: .spikes(population: population, neurons: neurons))
    }

    /// Samples of `variables` of `population` every `intervalMs` (default `defaultIntervalMs`).
    public static func state(_ name: String, of population: String, variables: [String], neurons: [Int]? = nil,
                             intervalMs: Double? = nil) -> RecorderSpec {
        RecorderSpec(name: name, kind: .state(population: population, variables: variables, neurons: neurons,
                                              intervalMs: intervalMs))
    }
}
