import Foundation
import SwiftSNN
import Testing

/// Tripartite synapses (NEST `TripartiteConnect` with `tripartite_bernoulli_with_pool`): every primary connection
/// pre → post gets, with probability p, an astrocyte from post's pool, which adds pre → astrocyte and
/// astrocyte → post. Checked on the structure NEST's rule defines, not on particular draws.
@Suite struct ThirdFactorConnectivityTests {
    static func spec(p: Double = 0.5, poolSize: Int? = nil, poolType: ThirdFactorSpec.PoolType? = nil, astrocytes: Int = 10,
                     seed: UInt64 = 1) -> NetworkSpec {
        let third = ThirdFactorSpec(population: "astro", probability: p, poolSize: poolSize, poolType: poolType,
                                    thirdIn: .init(weight: .constant(1)), thirdOut: .init(weight: .constant(2), delayMs: .constant(2)))
        return NetworkSpec(
            simulation: SimulationSpec(durationMs: 10, seed: seed),
            populations: [PopulationSpec(name: "pre", size: 20, IafPscExp.Parameters()),
                          PopulationSpec(name: "post", size: 30, IafPscExp.Parameters()),
                          PopulationSpec(name: "astro", size: astrocytes, model: "astrocyte_lr_1994")],
            projections: [ProjectionSpec(source: "pre", target: "post", connectivity: .pairwiseBernoulli(0.3),
                                         weight: .constant(5), thirdFactor: third)])
    }

    /// (primary pairs, pre → astrocyte pairs, astrocyte → post pairs) of the built network.
    static func pairs(_ spec: NetworkSpec) throws -> (primary: [(Int32, Int32)], thirdIn: [(Int32, Int32)], thirdOut: [(Int32, Int32)]) {
        let network = try Simulation(spec: spec).network
        func list(_ table: SynapseTable) -> [(Int32, Int32)] {
            (0..<table.sourceCount).flatMap { s in
                (Int(table.rowStart[s])..<Int(table.rowStart[s + 1])).map { (Int32(s), Int32(table.target[$0])) }
            }
        }
        let primary = try network.synapses(ofProjection: 0)
        let thirdIn = try #require(network.projections.first { $0.target == 2 })
        return (Array(zip(primary.sources, primary.targets)), list(thirdIn.synapses),
                list(network.signalProjections[0].synapses))
    }

    @Test func blockPoolsOfOneGiveEachTargetItsBlocksAstrocyte() throws {
        let (primary, thirdIn, thirdOut) = try Self.pairs(Self.spec(poolSize: 1, poolType: .block))
        // 30 targets over 10 astrocytes: targets 3a, 3a + 1, 3a + 2 share astrocyte a.
        #expect(thirdOut.allSatisfy { $0.0 == $0.1 / 3 })
        #expect(thirdIn.count == thirdOut.count)
        let primaryPairs = Set(primary.map { "\($0.0)-\($0.1 / 3)" })
        #expect(thirdIn.allSatisfy { primaryPairs.contains("\($0.0)-\($0.1)") })
        // Binomial(primary, 0.5): within 5 standard deviations.
        let n = Double(primary.count), chosen = Double(thirdOut.count)
        #expect(abs(chosen - n / 2) < 5 * (n / 4).squareRoot())
    }

    @Test func randomPoolsLimitEachTargetToPoolSizeAstrocytes() throws {
        let (primary, _, thirdOut) = try Self.pairs(Self.spec(p: 1, poolSize: 2))
        #expect(thirdOut.count == primary.count)
        let perTarget = Dictionary(grouping: thirdOut, by: { $0.1 }).mapValues { Set($0.map(\.0)).count }
        #expect(perTarget.values.allSatisfy { $0 <= 2 })
        #expect(perTarget.values.contains(2))
        // Pools differ between targets (30 targets drawing 2 of 10 astrocytes).
        #expect(Set(Dictionary(grouping: thirdOut, by: { $0.1 }).values.map { Set($0.map(\.0)) }).count > 5)
    }

    @Test func sameSeedSameAstrocytesOtherSeedOthers() throws {
        let a = try Self.pairs(Self.spec(poolSize: 3)), b = try Self.pairs(Self.spec(poolSize: 3))
        #expect(a.thirdIn.map { "\($0)" } == b.thirdIn.map { "\($0)" })
        #expect(a.thirdOut.map { "\($0)" } == b.thirdOut.map { "\($0)" })
        let c = try Self.pairs(Self.spec(poolSize: 3, seed: 2))
        #expect(a.thirdOut.map { "\($0)" } != c.thirdOut.map { "\($0)" })
    }

    @Test func impossibleBlockPoolsAndNonAstrocytesAreRefused() throws {
        let block = #expect(throws: ConfigError.self) { try Simulation(spec: Self.spec(poolSize: 2, poolType: .block)) }
        #expect(block?.path == "projections[0].third_factor.pool_type")
        var spec = Self.spec()
        spec.projections[0].thirdFactor?.population = "post"
        let notAstro = #expect(throws: ConfigError.self) { try Simulation(spec: spec) }
        #expect(notAstro?.description == "projections[0].third_factor.population: 'post' (iaf_psc_exp) is not an astrocyte population (astrocyte_lr_1994)")
        #expect(throws: ConfigError(path: "projections[0].third_factor.p", problem: "must be in [0, 1], got 1.5")) {
            try Simulation(spec: Self.spec(p: 1.5))
        }
        #expect(try NetworkSpec(json: Self.spec(poolSize: 1, poolType: .block).jsonText) == Self.spec(poolSize: 1, poolType: .block))
    }
}
