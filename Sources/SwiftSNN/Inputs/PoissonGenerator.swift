import Foundation

/// `poisson_generator`: Poisson spike trains at `rate` Hz. As in NEST, every synapse leaving the generator gets
/// its own independent train: each step, synapse k delivers n·w with n ~ Poisson(rate·dt), drawn from the
/// synapse's own random stream. The generator itself emits no spikes of its own and is not recordable.
public struct PoissonGenerator: Population {
    /// The model name a spec uses.
    public static let name = "poisson_generator"
    /// The parameter table: `rate`.
    public static let parameters = [
        ParameterSpec("rate", unit: "Hz", default: 0, .nonNegative, "Mean rate of each target's train"),
    ]

    public var name: String
    public var count: Int
    /// `rate` [Hz].
    public var rateHz: Double

    /// A generator of `count` channels with the parameters of its table.
    public init(name: String, count: Int, parameters: ParameterValues) {
        self.name = name
        self.count = count
        rateHz = parameters["rate"]
    }

    public mutating func setParameter(_ key: String, to value: Double, grid: TimeGrid) throws {
        let rate = try ParameterValues(["rate": rateHz], specs: Self.parameters, path: "params")
            .setting(key, to: value, specs: Self.parameters)["rate"]
        try Self.requireSampleable(rate, grid: grid, path: "params.rate")
        rateHz = rate
    }

    /// Refuses a rate whose mean count per step is beyond `PoissonDistribution.maxMean`.
    static func requireSampleable(_ rateHz: Double, grid: TimeGrid, path: String) throws {
        // The mean as `drive(grid:)` computes it, so that what passes here is what the sampler gets.
        guard rateHz * grid.dtMs / 1000 <= PoissonDistribution.maxMean else {
            let maxRateHz = PoissonDistribution.maxMean * 1000 / grid.dtMs
            throw ConfigError(path: path, problem: "must be at most \(String(format: "%g", maxRateHz)) Hz at dt \(formatNumber(grid.dtMs)) ms (\(String(format: "%g", PoissonDistribution.maxMean)) spikes per step), got \(formatNumber(rateHz))")
        }
    }

    public func drive(grid: TimeGrid) -> GeneratorProjection.Drive? { .poisson(meanPerStep: rateHz * grid.dtMs / 1000) }

    public var ports: InputPorts? { nil }
    public var emitsSpikes: Bool { false }
    public var variableNames: [String] { [] }
    public mutating func makeStepper() -> any PopulationStepper { SilentStepper() }
    public func value(ofVariable variable: Int, neuron: Int) -> Double { 0 }
}
