/// `bernoulli_input`: in every step neuron i fires with probability p_i, independently, from its own random
/// stream. `params`: `{"p": 0.01}` for all neurons, or one probability per neuron as `{"p": [...]}`,
/// `{"p": {"array": [...]}}` or `{"p": {"file": "p.npy"}}`. The input of rate-coded images in LSM experiments.
public struct BernoulliInput: Population {
    public static let name = "bernoulli_input"

    public var name: String
    public var count: Int
    public var probabilities: Column<Double>
    private var streams: Column<RandomStream>

    public init(name: String, count: Int, params: ConfigNode?, seed: UInt64, populationIndex: Int, path: String) throws {
        self.name = name
        self.count = count
        guard let params else { throw ConfigError(path: "\(path).params", problem: "bernoulli_input needs p") }
        let node = try params.object(allowed: ["p"], required: ["p"])["p"]!
        let values: [Double]
        if case .number = node.value {
            values = [Double](repeating: try node.number(.probability), count: count)
        } else {
            let spec: ValueSpec
            if case .array = node.value { spec = .array(try node.numbers()) } else { spec = try ValueSpec(node) }
            guard case .array(let given) = spec else { throw node.error("must be a probability or one probability per neuron") }
            try spec.requireCount(count, path: node.path, of: "neuron")
            for (i, x) in given.enumerated() {
                if let p = ParameterSpec.Constraint.probability.violation(x) { throw ConfigError(path: "\(node.path)[\(i)]", problem: p) }
            }
            values = given
        }
        probabilities = Column(values)
        streams = Column((0..<count).map { RandomStream(seed: seed, purpose: .bernoulli, UInt64(populationIndex), UInt64($0)) })
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
