import Foundation

/// `bernoulli_input`: in every step neuron i fires with probability p_i, independently, from its own random
/// stream. `params`: `{"p": 0.01}` for all neurons, or one probability per neuron as `{"p": [...]}`,
/// `{"p": {"array": [...]}}` or `{"p": {"file": "p.npy"}}`. The input of rate-coded images in LSM experiments.
public struct BernoulliInput: Population {
    /// The model name a spec uses.
    public static let name = "bernoulli_input"

    public var name: String
    public var count: Int
    /// The spike probability per step of each channel.
    public var probabilities: Column<Double>
    var streams: Column<RandomStream>

    /// Inputs of `count` channels with the probabilities given in `params` (`p`); the draws come from per-channel
    /// streams keyed by `streamKey` (`InputContext.streamKey`) and the channel.
    public init(name: String, count: Int, params: [String: ParameterValue], seed: UInt64, streamKey: UInt64,
                baseDirectory: URL, path: String) throws {
        self.name = name
        self.count = count
        let paramsPath = "\(path).params"
        if let key = params.keys.sorted().first(where: { $0 != "p" }) {
            throw ConfigError(path: "\(paramsPath).\(key)", problem: "unknown key; allowed: p")
        }
        guard let p = params["p"] else {
            throw ConfigError(path: paramsPath, problem: "bernoulli_input needs p")
        }
        let pPath = "\(paramsPath).p"
        let values: [Double]
        switch p {
        case .number(let x):
            if let problem = ParameterSpec.Constraint.probability.violation(x) { throw ConfigError(path: pPath, problem: problem) }
            values = [Double](repeating: x, count: count)
        case .numbers(let given):
            try ValueSpec.array(given).requireCount(count, path: pPath, of: "neuron")
            try ValueSpec.check(given, .probability, path: pPath)
            values = given
        case .values(let spec):
            let resolved = try spec.resolved(.probability, baseDirectory: baseDirectory, path: pPath)
            guard case .array(let given) = resolved else {
                throw ConfigError(path: pPath, problem: "must be a probability or one probability per neuron")
            }
            try resolved.requireCount(count, path: pPath, of: "neuron")
            values = given
        default:
            throw ConfigError(path: pPath, problem: "must be a probability or one probability per neuron")
        }
        probabilities = Column(values)
        streams = Column((0..<count).map { RandomStream(seed: seed, purpose: .bernoulli, streamKey, UInt64($0)) })
    }

    /// `p`, one probability per neuron.
    public mutating func setParameter(_ key: String, perNeuron values: [Double]) throws {
        guard key == "p" else { throw SNNError("\(Self.name) '\(name)' has no parameter \(key); it has p") }
        guard values.count == count else {
            throw SNNError("p of '\(name)': \(values.count) values given, expected \(count) (one per neuron)")
        }
        if let i = values.firstIndex(where: { !(0...1).contains($0) }) {
            throw SNNError("p of '\(name)'[\(i)]: must be a probability in [0, 1], got \(formatNumber(values[i]))")
        }
        probabilities = Column(values)
    }

    public var ports: InputPorts? { nil }
    public var variableNames: [String] { [] }

    public mutating func makeStepper() -> any PopulationStepper {
        Stepper(probabilities: probabilities.mutablePointer(), streams: streams.mutablePointer())
    }

    public func value(ofVariable variable: Int, neuron: Int) -> Double { 0 }

    struct Stepper: PopulationStepper, @unchecked Sendable {
        let probabilities: UnsafeMutablePointer<Double>
        let streams: UnsafeMutablePointer<RandomStream>

        func step(_ step: Int, range: Range<Int>, input: StepInput?, spikes: inout [Int32]) {
            for i in range where streams[i].nextUniform() < probabilities[i] { spikes.append(Int32(i)) }
        }
    }
}
