import Foundation

/// Checkpoints: the full dynamical state of a simulation saved to a file, and restored in
/// another process, so that the continuation is bit-identical to a run that was never stopped:
///
///     try sim.run(durationMs: 500)
///     try sim.checkpoint(to: url)
///     // later, anywhere:
///     var resumed = try Simulation(restoring: url, spec: spec)
///     try resumed.run(durationMs: 500)          // the spikes and weights of ms 500–1000 of one long run
///
/// A checkpoint holds the step, every population's state and refractory counters, the modulators' values, the
/// input rings (spikes, generator input and astrocyte signals in flight), the random streams' positions, plastic
/// projections' weights, traces, deferred postsynaptic spikes and queued arrivals, and the spike and
/// synaptic-event counts (an external modulator's value set by `setModulator` too). It does not hold what is
/// built from the spec, nor other changes made from code (`setParameter`, `setWeights` of static projections,
/// `setDelays`): restore into the spec with those changes applied. Recorders start empty after a restore; the time goes on from the checkpoint.
/// On the event engine a checkpoint holds the neurons' state and clocks, their predicted crossings, the queued
/// events (spikes in flight, the next spike of each generator and Poisson train, generator currents switching)
/// and the Poisson streams' positions instead of rings, and plastic projections' continuous-time traces.
/// Not covered yet, and refused with an error: populations and modulators of registered types (which would need
/// to say what their state is), and on the event engine delays that change during the run.
extension Simulation {
    /// The name of the checkpoint file in a checkpoint directory (`snn run --checkpoint DIR`).
    public static let checkpointFileName = "checkpoint.bin"
    /// The name of the spec's copy beside it, from which `snn resume DIR` rebuilds the network.
    public static let checkpointSpecFileName = "config.json"

    /// Writes the simulation's dynamical state to `url` atomically (a reader sees the previous checkpoint or the
    /// whole new one). Throws `SNNError` for state it does not cover yet (see above).
    public func checkpoint(to url: URL) throws {
        let payload = try checkpointableEngine().checkpointPayload().data
        try AtomicFile.write(CheckpointFile.encode(payload: payload, fingerprint: Self.checkpointFingerprint(of: spec)),
                             to: url)
    }

    /// The simulation `spec` builds (as `init(spec:…)`), with its state then replaced by the checkpoint at `url`.
    /// Throws `SNNError` in one line for a file that is missing, not a checkpoint, of another format version,
    /// truncated, corrupt, or written for a different network. Only `simulation.duration_ms`,
    /// `simulation.threads` and the recorders may differ from the spec the checkpoint was written with.
    public init(restoring url: URL, spec: NetworkSpec, registry: ModelRegistry = .builtIn,
                plasticityRules: PlasticityRegistry = .builtIn, recorders recorderTypes: RecorderRegistry = .builtIn,
                memoryLimit: MemoryLimit = .available(), streamedRecordings: Bool = false) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SNNError("cannot read checkpoint \(url.path): \(error.localizedDescription)")
        }
        let payload = try CheckpointFile.payload(of: data, fingerprint: Self.checkpointFingerprint(of: spec), source: url.path)
        try self.init(spec: spec, registry: registry, plasticityRules: plasticityRules, recorders: recorderTypes,
                      memoryLimit: memoryLimit, streamedRecordings: streamedRecordings)
        var restored = try checkpointableEngine()
        var reader = CheckpointReader(payload, source: url.path)
        try restored.restore(from: &reader)
        engine = restored
    }

    /// What identifies the network a checkpoint belongs to: a hash of the spec's JSON without what does not change
    /// the dynamics (duration, threads, recorders), so that a checkpoint resumes for any duration, on any number
    /// of threads and with other recorders, but not into another network, seed or time step.
    static func checkpointFingerprint(of spec: NetworkSpec) -> UInt64 {
        var spec = spec
        spec.simulation.durationMs = 0
        spec.simulation.threads = nil
        spec.recorders = []
        return CheckpointFile.fnv1a(spec.jsonText.utf8)
    }

    /// The engine, or the `SNNError` that says why this simulation cannot be checkpointed.
    func checkpointableEngine() throws -> any CheckpointableEngine {
        guard let checkpointable = engine as? any CheckpointableEngine else {
            throw SNNError("checkpoints do not cover the \(type(of: engine).kind.rawValue) engine")
        }
        if let refusal = checkpointable.checkpointRefusal { throw SNNError(refusal) }
        return checkpointable
    }
}

/// Where and how often `Simulation.run(streamingTo:checkpoints:)` writes checkpoints.
public struct CheckpointSchedule: Sendable {
    /// The checkpoint file, replaced atomically each time.
    public var url: URL
    /// Simulated time between checkpoints [ms], counted from t = 0; nil: only at the start, the end and a stop.
    public var everyMs: Double?

    /// Checkpoints to `url` every `everyMs` of simulated time (and at the start, the end and a stop).
    public init(url: URL, everyMs: Double? = nil) {
        self.url = url
        self.everyMs = everyMs
    }

    /// `everyMs` in steps of `grid`; it must be at least one step.
    func intervalSteps(grid: TimeGrid) throws -> Int? {
        guard let everyMs else { return nil }
        guard let steps = try? grid.checkedSteps(everyMs, path: "everyMs"), steps >= 1 else {
            throw SNNError("the checkpoint interval must be at least one step (\(formatNumber(grid.dtMs)) ms), got \(formatNumber(everyMs)) ms")
        }
        return steps
    }
}
