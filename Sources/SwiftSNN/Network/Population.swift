/// A population as the engine drives it: neurons of one model, or an input that emits spikes. One dynamic call
/// per population per step; the per-neuron loop is inside the concrete type.
public protocol Population: Sendable {
    var name: String { get }
    var count: Int { get }
    /// Input planes of the population's ring buffer; nil for inputs, which receive nothing.
    var ports: InputPorts? { get }
    /// Whether the population emits spikes of its own (false for generators that feed each target directly).
    var emitsSpikes: Bool { get }
    /// Variables a state recorder may sample, in the order `value(ofVariable:neuron:)` takes.
    var variableNames: [String] { get }

    /// Advances one step. `input` points at this step's ring slot (nil when `ports` is nil); the indices of
    /// neurons that fire are appended to `spikes` in ascending order.
    mutating func update(step: Int, input: UnsafePointer<Double>?, spikes: inout [Int32])

    func value(ofVariable variable: Int, neuron: Int) -> Double
}

extension Population {
    public var emitsSpikes: Bool { true }
}
