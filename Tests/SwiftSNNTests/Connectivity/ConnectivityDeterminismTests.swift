import Testing
@testable import SwiftSNN

/// A network is a function of its config and seed: the same seed rebuilds identical connections and synapses, and
/// another seed (or another projection) gives other ones, because every row draws from its own keyed stream.
@Suite struct ConnectivityDeterminismTests {
    static let randomRules: [(Connectivity.Rule, Bool)] = [
        (.pairwiseBernoulli(p: 0.2), true), (.fixedIndegree(k: 5), false), (.fixedIndegree(k: 5), true),
        (.fixedOutdegree(k: 5), false), (.fixedOutdegree(k: 5), true), (.fixedTotalNumber(n: 300), false),
        (.fixedTotalNumber(n: 300), true),
    ]

    static func build(_ rule: Connectivity.Rule, multapses: Bool, seed: UInt64, projection: Int = 0) throws
        -> (ConnectionList, SynapseTable) {
        let list = try ConnectionFixture.generate(rule, sources: 40, targets: 30, allowMultapses: multapses, seed: seed,
                                                  projectionIndex: projection)
        let table = try SynapseTable(connections: list, sourceCount: 40,
                                     weight: .normal(mean: 1, sd: 0.3, min: -.infinity, max: .infinity),
                                     delayMs: .uniform(low: 0.5, high: 3), dtMs: 0.1, seed: seed,
                                     projectionIndex: projection, path: "projections[0]")
        return (list, table)
    }

    static func sameSynapses(_ a: SynapseTable, _ b: SynapseTable) -> Bool {
        a.rowStart == b.rowStart && a.target == b.target && a.weight == b.weight && a.delaySteps == b.delaySteps
    }

    @Test(arguments: randomRules)
    func sameSeedRebuildsIdenticalConnectionsAndSynapses(rule: Connectivity.Rule, multapses: Bool) throws {
        let (list, table) = try Self.build(rule, multapses: multapses, seed: 5)
        let (again, tableAgain) = try Self.build(rule, multapses: multapses, seed: 5)
        #expect(list.count > 0)
        #expect(list == again)
        #expect(Self.sameSynapses(table, tableAgain))
    }

    @Test(arguments: randomRules)
    func otherSeedOrProjectionGivesOtherConnectionsAndSynapses(rule: Connectivity.Rule, multapses: Bool) throws {
        let (list, table) = try Self.build(rule, multapses: multapses, seed: 5)
        let (otherSeed, otherSeedTable) = try Self.build(rule, multapses: multapses, seed: 6)
        let (otherProjection, otherProjectionTable) = try Self.build(rule, multapses: multapses, seed: 5, projection: 1)
        #expect(list != otherSeed)
        #expect(list != otherProjection)
        #expect(table.weight != otherSeedTable.weight && table.weight != otherProjectionTable.weight)
    }

    /// The fixed-degree rules build blocks of rows on several threads; any split gives the same list.
    @Test(arguments: [Connectivity.Rule.fixedIndegree(k: 7), .fixedOutdegree(k: 5)], [false, true])
    func connectionsDoNotDependOnTheThreadsThatBuiltThem(rule: Connectivity.Rule, multapses: Bool) throws {
        let one = try ConnectionFixture.generate(rule, sources: 41, targets: 37, samePopulation: true, allowAutapses: false,
                                                 allowMultapses: multapses, threads: 1)
        #expect(one.count > 0)
        for threads in [2, 3, 4] {
            #expect(try ConnectionFixture.generate(rule, sources: 41, targets: 37, samePopulation: true, allowAutapses: false,
                                                   allowMultapses: multapses, threads: threads) == one, "\(threads) threads")
        }
    }

    /// Weights and delays are drawn per source row, so the same connections give the same synapses whatever else the
    /// projection's rule produced for other rows: here row 0 alone versus row 0 among nine more rows.
    @Test func synapsesOfARowDoNotDependOnOtherRows() throws {
        let row0 = ConnectionList(sources: [0, 0, 0], targets: [2, 0, 1])
        var more = row0
        for s in 1..<10 { more.append(s, 3) }
        let weight = ValueSpec.uniform(low: 0, high: 1), delay = ValueSpec.normal(mean: 2, sd: 0.5, min: 0.1, max: 5)
        let alone = try SynapseTable(connections: row0, sourceCount: 10, weight: weight, delayMs: delay, dtMs: 0.1,
                                     seed: 3, projectionIndex: 2, path: "p")
        let among = try SynapseTable(connections: more, sourceCount: 10, weight: weight, delayMs: delay, dtMs: 0.1,
                                     seed: 3, projectionIndex: 2, path: "p")
        #expect(alone.weight[0..<3] == among.weight[0..<3])
        #expect(alone.delaySteps[0..<3] == among.delaySteps[0..<3])
    }
}
