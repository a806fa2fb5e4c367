import Foundation

/// A kind of input population that a spec's `model` can name (`poisson_generator`, `spike_generator`, …): it
/// builds the population from the spec. Inputs that emit spikes of their own need nothing else (the engines step
/// them like neurons); generators that feed each target directly declare a `GeneratorProjection.Drive`
/// (`Population.drive(grid:)`), one defined outside the library as `.custom` with a `GeneratorDrive`. Registered
/// by name in a `ModelRegistry`.
public protocol InputModel: Sendable {
    /// The model name a spec uses.
    static var name: String { get }
    /// One line for `snn models`.
    static var summary: String { get }
    /// The input for a population entry, with errors at `context.path`.
    static func make(_ population: PopulationSpec, in context: InputContext) throws -> any Population
}

/// What building an input population may need besides its spec.
public struct InputContext: Sendable {
    /// The time step.
    public var grid: TimeGrid
    /// The run's seed, for the input's random streams.
    public var seed: UInt64
    /// The population's part of its random streams' keys (`RandomStream.key` of its name, so that reordering the
    /// spec's populations changes none of its numbers).
    public var streamKey: UInt64
    /// Where relative file names resolve.
    public var baseDirectory: URL
    /// The population's place in the spec (`populations[2]`), for errors.
    public var path: String
    /// The event engine's: times are used as given, not rounded to the grid.
    public var exactTimes: Bool

    /// `params` checked against a parameter table of numbers and choices (`ParameterSpec.Constraint.oneOf`); errors
    /// name `path.params.<key>`.
    public func numericParameters(_ params: [String: ParameterValue], specs: [ParameterSpec]) throws -> ParameterValues {
        var given: [String: Double] = [:], named: [String: String] = [:]
        for (key, value) in params {
            switch value {
            case .number(let x): given[key] = x
            case .text(let name): named[key] = name
            default: throw ConfigError(path: "\(path).params.\(key)", problem: "must be a number, got \(value.json.described)")
            }
        }
        return try ParameterValues(given, named: named, specs: specs, path: "\(path).params")
    }
}

extension PoissonGenerator: InputModel {
    public static let summary = "independent Poisson train per target synapse"
    /// The input of a population entry, its parameters checked against the table.
    public static func make(_ population: PopulationSpec, in context: InputContext) throws -> any Population {
        let generator = PoissonGenerator(name: population.name, count: population.size,
                                         parameters: try context.numericParameters(population.params, specs: parameters))
        try requireSampleable(generator.rateHz, grid: context.grid, path: "\(context.path).params.rate")
        return generator
    }
}

extension DCGenerator: InputModel {
    public static let summary = "constant current into each target"
    /// The input of a population entry, its parameters checked against the table.
    public static func make(_ population: PopulationSpec, in context: InputContext) throws -> any Population {
        DCGenerator(name: population.name, count: population.size,
                    parameters: try context.numericParameters(population.params, specs: parameters), grid: context.grid)
    }
}

extension SpikeGenerator: InputModel {
    public static let summary = "spikes at given times"
    /// The input of a population entry, its parameters checked against the table.
    public static func make(_ population: PopulationSpec, in context: InputContext) throws -> any Population {
        try SpikeGenerator(name: population.name, count: population.size, params: population.params, grid: context.grid,
                           baseDirectory: context.baseDirectory, path: context.path, exactTimes: context.exactTimes)
    }
}

extension BernoulliInput: InputModel {
    public static let summary = "each neuron fires in each step with its probability"
    /// The input of a population entry, its parameters checked against the table.
    public static func make(_ population: PopulationSpec, in context: InputContext) throws -> any Population {
        try BernoulliInput(name: population.name, count: population.size, params: population.params, seed: context.seed,
                           streamKey: context.streamKey, baseDirectory: context.baseDirectory,
                           path: context.path)
    }
}
