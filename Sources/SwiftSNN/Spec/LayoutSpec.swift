/// The neurons of one or more populations placed on the points of a grid with spacing 1, so that connection
/// rules can depend on distance (`Connectivity.Rule.distanceBernoulli`): NALSM's liquid puts its excitatory and
/// inhibitory neurons on one 10×10×10 grid, each point taken by one neuron (`"layouts": [{"name": "liquid",
/// "grid": [10, 10, 10], "populations": ["exc", "inh"]}]`).
public struct LayoutSpec: Sendable, Equatable {
    /// How grid points go to neurons.
    public enum Assignment: String, Sendable, CaseIterable {
        /// A random permutation of the points (keyed by the seed and the layout), as NALSM assigns E and I.
        case random
        /// Points in order (the first axis fastest), the populations' neurons in the order listed.
        case ordered
    }

    /// Unique name, for errors.
    public var name: String
    /// Points along each axis (one to three axes); their product is the number of neurons placed.
    public var grid: [Int]
    /// The populations placed, whose sizes add up to the number of points.
    public var populations: [String]
    /// Default random.
    public var assignment: Assignment?

    /// A layout of `populations` on `grid`.
    public init(name: String, grid: [Int], populations: [String], assignment: Assignment? = nil) {
        self.name = name
        self.grid = grid
        self.populations = populations
        self.assignment = assignment
    }
}
