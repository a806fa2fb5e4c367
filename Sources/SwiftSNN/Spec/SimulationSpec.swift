/// How long and how to simulate (`"simulation"` in a config). A setting left nil takes its default.
public struct SimulationSpec: Sendable, Equatable {
    /// The time step when a spec gives none, as NEST's default resolution [ms].
    public static let defaultDtMs = 0.1
    /// The seed when a spec gives none.
    public static let defaultSeed: UInt64 = 1
    /// The time steps a spec may ask for [ms]: from 1 ns, where a 100 ms run is 10⁸ steps, to 10 s.
    public static let dtRangeMs = 1e-6...1e4
    /// The engine when a spec names none.
    public static let defaultEngine = EngineKind.clock

    /// Simulated time of `snn run` and `Simulation.run()` [ms].
    public var durationMs: Double
    /// The time step (default `defaultDtMs`).
    public var dtMs: Double?
    /// The seed of every random stream: connectivity, weights, delays, inputs, initial values (default 1).
    public var seed: UInt64?
    /// The engine (default `defaultEngine`).
    public var engine: EngineKind?
    /// Worker threads; 0 (the default) means all cores. Results do not depend on it.
    public var threads: Int?

    /// A simulation of `durationMs`; settings left nil take their defaults.
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
    /// `seed`, or its default.
    public var effectiveSeed: UInt64 { seed ?? Self.defaultSeed }
    /// `engine`, or its default.
    public var effectiveEngine: EngineKind { engine ?? Self.defaultEngine }
    /// `threads`, or 0 (all cores).
    public var effectiveThreads: Int { threads ?? 0 }
}

/// The simulation engines a spec can ask for.
public enum EngineKind: String, CaseIterable, Sendable {
    /// Fixed time step, exact per-step integration, delays in ring buffers (`ClockDrivenEngine`).
    case clock
    /// Exact spike times from an event queue (`EventDrivenEngine`).
    case event
}
