import Foundation
import SwiftSNN
import Testing

/// Grid layouts and the distance-dependent rule P = C·e^(−(D/λ)²) (NALSM's liquid, after Maass et al. 2002).
/// References: the rule's formula evaluated on the grid, and binomial statistics of independent draws.
@Suite struct DistanceConnectivityTests {
    static func liquid(c: Double = 0.2, assignment: LayoutSpec.Assignment? = nil, seed: UInt64 = 1) -> NetworkSpec {
        NetworkSpec(simulation: SimulationSpec(durationMs: 1, dtMs: 1, seed: seed),
                    populations: [PopulationSpec(name: "exc", size: 800, NalsmLIF.Parameters()),
                                  PopulationSpec(name: "inh", size: 200, NalsmLIF.Parameters())],
                    projections: [ProjectionSpec(source: "exc", target: "exc",
                                                 connectivity: .distanceBernoulli(c: c, lambda: 3, allowAutapses: false),
                                                 weight: .constant(3))],
                    layouts: [LayoutSpec(name: "liquid", grid: [10, 10, 10], populations: ["exc", "inh"], assignment: assignment)])
    }

    @Test func aLayoutGivesEveryNeuronItsOwnGridPoint() throws {
        let network = try Simulation(spec: Self.liquid()).network
        let points = (network.positions[0] ?? []) + (network.positions[1] ?? [])
        #expect(points.count == 1000)
        #expect(Set(points.map { "\($0)" }).count == 1000)
        #expect(points.allSatisfy { p in (0..<3).allSatisfy { p[$0] >= 0 && p[$0] <= 9 && p[$0] == p[$0].rounded() } })
        // Random assignment: the inhibitory neurons are spread over the grid, not the last 200 points.
        #expect(network.positions[1]!.contains { $0.z < 8 })
        let ordered = try Simulation(spec: Self.liquid(assignment: .ordered)).network
        #expect(ordered.positions[0]![123] == SIMD3(3, 2, 1))
        #expect(ordered.positions[1]!.allSatisfy { $0.z >= 8 })
    }

    /// Per squared distance, the fraction of connected ordered pairs is a binomial estimate of C·e^(−D²/λ²).
    @Test func connectionProbabilityFallsWithDistanceAsTheFormula() throws {
        let c = 0.3
        let network = try Simulation(spec: Self.liquid(c: c)).network
        let positions = network.positions[0]!
        let synapses = try network.synapses(ofProjection: 0)
        var connected: [Double: Int] = [:], pairs: [Double: Int] = [:]
        for s in 0..<800 {
            for t in 0..<800 where s != t {
                let d = positions[s] - positions[t]
                pairs[(d * d).sum(), default: 0] += 1
            }
        }
        for (s, t) in zip(synapses.sources, synapses.targets) {
            let d = positions[Int(s)] - positions[Int(t)]
            connected[(d * d).sum(), default: 0] += 1
        }
        #expect(!zip(synapses.sources, synapses.targets).contains { $0 == $1 }, "no autapses")
        var shells = 0
        for (d2, n) in pairs where n >= 2000 {
            let p = c * exp(-d2 / 9)
            let sd = (Double(n) * p * (1 - p)).squareRoot()
            #expect(abs(Double(connected[d2] ?? 0) - Double(n) * p) <= 5 * sd + 1, "D² = \(d2)")
            shells += 1
        }
        #expect(shells >= 10)
    }

    @Test func theSameSeedGivesTheSameLiquidAndAnotherSeedAnother() throws {
        let a = try Simulation(spec: Self.liquid()).network, b = try Simulation(spec: Self.liquid()).network
        #expect(try a.synapses(ofProjection: 0) == b.synapses(ofProjection: 0))
        #expect(a.positions[0]! == b.positions[0]!)
        let c = try Simulation(spec: Self.liquid(seed: 2)).network
        #expect(c.positions[0]! != a.positions[0]!)
    }

    @Test func theRuleNeedsALayoutAndTheLayoutItsNeurons() throws {
        var spec = Self.liquid()
        spec.layouts = []
        let missing = #expect(throws: ConfigError.self) { try Simulation(spec: spec) }
        #expect(missing?.path == "projections[0].connectivity.rule")
        spec.layouts = [LayoutSpec(name: "liquid", grid: [10, 10, 9], populations: ["exc", "inh"])]
        #expect(throws: ConfigError(path: "layouts[0].grid", problem: "has 900 points for 1000 neurons; each point takes one neuron")) {
            try Simulation(spec: spec)
        }
        #expect(try NetworkSpec(json: Self.liquid(assignment: .ordered).jsonText) == Self.liquid(assignment: .ordered))
    }
}
