/// An engine whose dynamical state a checkpoint holds (`Simulation.checkpoint(to:)`): each engine writes and reads
/// its own payload, validated against the network it is restored into.
protocol CheckpointableEngine: Engine {
    /// Why this network's state cannot be checkpointed yet, or nil when it can: state that would be lost is
    /// refused, never dropped.
    var checkpointRefusal: String? { get }
    /// The payload of a checkpoint; call only when `checkpointRefusal` is nil.
    func checkpointPayload() -> CheckpointWriter
    /// Overwrites the state of this engine, built from the checkpoint's spec and not yet run, with the payload's.
    mutating func restore(from reader: inout CheckpointReader) throws
}
