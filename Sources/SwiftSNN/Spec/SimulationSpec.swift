/// How long and how to simulate (`"simulation"` in a config). A setting left nil takes its default.
public struct SimulationSpec: Sendable, Equatable {
    public static let defaultDtMs = 0.1
    public static let defaultSeed: UInt64 = 1
    public static let defaultEngine = EngineKind.clock

    public var durationMs: Double
    /// The time step (default `defaultDtMs`).
    public var dtMs: Double?
    /// The seed of every random stream: connectivity, weights, delays, inputs, initial values (default 1).
    public var seed: UInt64?
    public var engine: EngineKind?
    /// Worker threads; 0 (the default) means all cores. Results do not depend on it.
    public var threads: Int?

    public init(durationMs: Double, dtMs: Double? = nil, seed: UInt64? = nil, engine: EngineKind? = nil,
                threads: Int? = nil) {
        self.durationMs = durationMs
        self.dtMs = dtMs
        self.seed = seed
        self.engine = engine
        self.threads = threads
    }

    /// The time grid of the clock engine, and the unit every duration is checked against.
    public var grid: TimeGrid { TimeGrid(dtMs: dtMs ?? Self.defaultDtMs) }
    public var effectiveSeed: UInt64 { seed ?? Self.defaultSeed }
    public var effectiveEngine: EngineKind { engine ?? Self.defaultEngine }
    public var effectiveThreads: Int { threads ?? 0 }
}

/// The simulation engines a spec can ask for.
public enum EngineKind: String, CaseIterable, Sendable {
    case clock
    case event
}
