import Foundation
import Testing
@testable import SwiftSNN

/// all_to_all, one_to_one and explicit: the connections are fixed by the rule's definition (NEST `Connect` rules
/// of the same names), so the expected pairs are written out from that definition.
@Suite struct DeterministicRuleTests {
    typealias Pair = ConnectionFixture.Pair

    @Test func allToAllConnectsEveryPairOnce() throws {
        let list = try ConnectionFixture.generate(.allToAll, sources: 7, targets: 5)
        let expected = (0..<7).flatMap { s in (0..<5).map { Pair(source: s, target: $0) } }
        #expect(list.count == 7 * 5)
        #expect(ConnectionFixture.pairs(list).sorted() == expected)
    }

    @Test func allToAllWithoutAutapsesLeavesOutTheDiagonalOfOnePopulation() throws {
        let list = try ConnectionFixture.generate(.allToAll, sources: 6, targets: 6, samePopulation: true,
                                                  allowAutapses: false)
        let expected = (0..<6).flatMap { s in (0..<6).filter { $0 != s }.map { Pair(source: s, target: $0) } }
        #expect(list.count == 6 * 6 - 6)
        #expect(ConnectionFixture.pairs(list).sorted() == expected)
    }

    /// NEST applies allow_autapses only when source and target are the same population.
    @Test func allToAllBetweenTwoPopulationsIgnoresAllowAutapses() throws {
        let list = try ConnectionFixture.generate(.allToAll, sources: 6, targets: 6, samePopulation: false,
                                                  allowAutapses: false)
        #expect(list.count == 36)
    }

    @Test func oneToOneConnectsEqualIndices() throws {
        let list = try ConnectionFixture.generate(.oneToOne, sources: 9, targets: 9)
        #expect(ConnectionFixture.pairs(list) == (0..<9).map { Pair(source: $0, target: $0) })
    }

    /// Every one_to_one pair of a population onto itself is an autapse (NEST: no connection at all).
    @Test func oneToOneOntoItselfWithoutAutapsesIsEmpty() throws {
        let list = try ConnectionFixture.generate(.oneToOne, sources: 9, targets: 9, samePopulation: true,
                                                  allowAutapses: false)
        #expect(list.count == 0)
    }

    @Test func oneToOneWithUnequalSizesIsAnErrorAtTheRule() {
        let error = #expect(throws: ConfigError.self) {
            try ConnectionFixture.generate(.oneToOne, sources: 4, targets: 5)
        }
        #expect(error?.path == "\(ConnectionFixture.path).rule")
        #expect(error?.problem.contains("4 sources") == true && error?.problem.contains("5 targets") == true)
    }

    /// The list's order (and duplicates) are kept: array-valued weights are matched to connections by position.
    @Test func explicitKeepsThePairsInTheirOrder() throws {
        let sources = [3, 0, 2, 3, 1, 3], targets = [1, 4, 0, 1, 4, 0]
        let list = try ConnectionFixture.generate(.explicit(sources: .indices(sources), targets: .indices(targets)), sources: 4, targets: 5)
        #expect(list.sources == sources.map(Int32.init))
        #expect(list.targets == targets.map(Int32.init))
    }

    @Test func explicitSourceOutOfRangeNamesItsIndex() {
        let error = #expect(throws: ConfigError.self) {
            try ConnectionFixture.generate(.explicit(sources: .indices([0, 1, 4]), targets: .indices([0, 0, 0])), sources: 4, targets: 5)
        }
        #expect(error?.path == "\(ConnectionFixture.path).sources[2]")
    }

    @Test func explicitTargetOutOfRangeNamesItsIndex() {
        let error = #expect(throws: ConfigError.self) {
            try ConnectionFixture.generate(.explicit(sources: .indices([0, 1, 3]), targets: .indices([4, 5, 0])), sources: 4, targets: 5)
        }
        #expect(error?.path == "\(ConnectionFixture.path).targets[1]")
    }

    /// Through the config front door the error path is the index inside the user's file.
    @Test func explicitIndexOutOfRangeInAConfigNamesThePathInTheFile() throws {
        let json = """
        {"populations": [{"name": "a", "size": 3, "model": "iaf_psc_delta"},
                         {"name": "b", "size": 2, "model": "iaf_psc_delta"}],
         "projections": [{"source": "a", "target": "b", "synapse": {"weight": 1},
                          "connectivity": {"rule": "explicit", "sources": [0, 2, 1], "targets": [1, 0, 2]}}],
         "simulation": {"dt_ms": 0.1, "duration_ms": 1}}
        """
        let value = try JSONValue.parse(Data(json.utf8), file: "explicit.json")
        let config = try NetworkSpec(ConfigNode(value: value, path: "", baseDirectory: URL(fileURLWithPath: "/")),
                                     name: "explicit")
        let error = #expect(throws: ConfigError.self) { try NetworkBuilder().build(config) }
        #expect(error?.path == "projections[0].connectivity.targets[2]")
    }
}
