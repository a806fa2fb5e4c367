import Foundation

/// A network and how to run it, as one value: what a JSON config says and what Swift code builds, in the same
/// concepts (populations, projections, modulators, recorders, simulation settings).
///
/// The spec is a description, not a runtime form: names refer to populations and modulators, times are in ms,
/// files are names relative to `baseDirectory`, and keys the JSON may omit are optional here too, so that
/// JSON → spec → JSON gives the document back (`json`, `init(json:)`). Each engine lowers the spec into its own
/// runtime form (`NetworkBuilder`); problems found then are `ConfigError`s whose path is the place in the spec,
/// spelled as the JSON path (`populations[1].params.tau_m`), whether the spec came from a file or from code.
public struct NetworkSpec: Sendable, Equatable {
    /// Duration, time step, seed, engine and threads.
    public var simulation: SimulationSpec
    /// Neuron populations and inputs, in the order their indices refer to.
    public var populations: [PopulationSpec]
    /// Synapses between populations; a projection's index (for weight recorders and `Simulation.synapses(ofProjection:)`) is its position here.
    public var projections: [ProjectionSpec]
    /// Named signals that rule and neuron parameters can follow.
    public var modulators: [ModulatorSpec]
    /// What is recorded, each to `<name>.npy`.
    public var recorders: [RecorderSpec]
    /// Grids that give populations positions, for distance-dependent connection rules.
    public var layouts: [LayoutSpec]
    /// The name outputs go under by default (`out/<name>`): a config file's name without extension.
    public var name: String
    /// The directory relative file names resolve against (a config file's directory); not part of the JSON.
    public var baseDirectory: URL

    /// A spec built in code; relative file names resolve against `baseDirectory` (default: the current directory).
    public init(simulation: SimulationSpec, populations: [PopulationSpec] = [], projections: [ProjectionSpec] = [],
                modulators: [ModulatorSpec] = [], recorders: [RecorderSpec] = [], layouts: [LayoutSpec] = [],
                name: String = "network",
                baseDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
        self.simulation = simulation
        self.populations = populations
        self.projections = projections
        self.modulators = modulators
        self.recorders = recorders
        self.layouts = layouts
        self.name = name
        self.baseDirectory = baseDirectory
    }

    /// The index of the population named `name`.
    public func populationIndex(named name: String) -> Int? { populations.firstIndex { $0.name == name } }
}
