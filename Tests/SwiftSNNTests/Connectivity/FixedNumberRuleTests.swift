import Testing
@testable import SwiftSNN

/// fixed_indegree, fixed_outdegree and fixed_total_number: the counts are exact by definition (NEST `Connect` rules
/// of the same names); which pairs are drawn is checked statistically in `FixedNumberUniformityTests`.
@Suite struct FixedNumberRuleTests {
    typealias Pair = ConnectionFixture.Pair

    @Test(arguments: [false, true])
    func fixedIndegreeGivesEveryTargetExactlyK(multapses: Bool) throws {
        let list = try ConnectionFixture.generate(.fixedIndegree(k: 7), sources: 30, targets: 50, allowMultapses: multapses)
        #expect(ConnectionFixture.degrees(list, of: 50, bySource: false) == [Int](repeating: 7, count: 50))
        #expect(list.sources.allSatisfy { (0..<30).contains($0) })
    }

    @Test(arguments: [false, true])
    func fixedOutdegreeGivesEverySourceExactlyK(multapses: Bool) throws {
        let list = try ConnectionFixture.generate(.fixedOutdegree(k: 7), sources: 50, targets: 30, allowMultapses: multapses)
        #expect(ConnectionFixture.degrees(list, of: 50, bySource: true) == [Int](repeating: 7, count: 50))
        #expect(list.targets.allSatisfy { (0..<30).contains($0) })
    }

    /// Without multapses no pair repeats; with K equal to the number of candidates each row is complete.
    @Test func fixedIndegreeWithoutMultapsesNeverRepeatsAPair() throws {
        let list = try ConnectionFixture.generate(.fixedIndegree(k: 25), sources: 30, targets: 40, allowMultapses: false)
        #expect(Set(ConnectionFixture.pairs(list)).count == list.count)
        let full = try ConnectionFixture.generate(.fixedIndegree(k: 30), sources: 30, targets: 4, allowMultapses: false)
        #expect(ConnectionFixture.pairs(full).sorted() == (0..<30).flatMap { s in (0..<4).map { Pair(source: s, target: $0) } })
    }

    @Test func fixedOutdegreeWithoutMultapsesNeverRepeatsAPair() throws {
        let list = try ConnectionFixture.generate(.fixedOutdegree(k: 25), sources: 40, targets: 30, allowMultapses: false)
        #expect(Set(ConnectionFixture.pairs(list)).count == list.count)
    }

    /// With multapses the same K can exceed the number of sources: pairs must then repeat.
    @Test func fixedIndegreeWithMultapsesMayExceedTheSourceCount() throws {
        let list = try ConnectionFixture.generate(.fixedIndegree(k: 12), sources: 5, targets: 20, allowMultapses: true)
        #expect(ConnectionFixture.degrees(list, of: 20, bySource: false) == [Int](repeating: 12, count: 20))
    }

    /// Without autapses on one population of n neurons, K = n − 1 connects each neuron to all the others.
    @Test(arguments: [false, true])
    func fixedDegreeRulesOntoItselfWithoutAutapsesSkipTheDiagonal(outdegree: Bool) throws {
        let n = 12
        let rule: Connectivity.Rule = outdegree ? .fixedOutdegree(k: n - 1) : .fixedIndegree(k: n - 1)
        let list = try ConnectionFixture.generate(rule, sources: n, targets: n, samePopulation: true,
                                                  allowAutapses: false, allowMultapses: false)
        let expected = (0..<n).flatMap { s in (0..<n).filter { $0 != s }.map { Pair(source: s, target: $0) } }
        #expect(ConnectionFixture.pairs(list).sorted() == expected)
        let withMultapses = try ConnectionFixture.generate(outdegree ? .fixedOutdegree(k: 40) : .fixedIndegree(k: 40),
                                                           sources: n, targets: n, samePopulation: true, allowAutapses: false)
        #expect(withMultapses.count == 40 * n)
        #expect(ConnectionFixture.pairs(withMultapses).allSatisfy { $0.source != $0.target })
    }

    @Test func fixedIndegreeLargerThanTheCandidatesIsAnErrorAtK() {
        let tooMany = #expect(throws: ConfigError.self) {
            try ConnectionFixture.generate(.fixedIndegree(k: 11), sources: 10, targets: 3, allowMultapses: false)
        }
        #expect(tooMany?.path == "\(ConnectionFixture.path).K")
        // Without autapses a neuron of its own population of 10 has 9 candidate sources.
        let noAutapses = #expect(throws: ConfigError.self) {
            try ConnectionFixture.generate(.fixedIndegree(k: 10), sources: 10, targets: 10, samePopulation: true,
                                           allowAutapses: false, allowMultapses: false)
        }
        #expect(noAutapses?.path == "\(ConnectionFixture.path).K")
        // A single neuron without autapses has no candidate at all, multapses or not.
        let none = #expect(throws: ConfigError.self) {
            try ConnectionFixture.generate(.fixedIndegree(k: 1), sources: 1, targets: 1, samePopulation: true,
                                           allowAutapses: false, allowMultapses: true)
        }
        #expect(none?.path == "\(ConnectionFixture.path).K")
    }

    @Test func fixedOutdegreeLargerThanTheCandidatesIsAnErrorAtK() {
        let tooMany = #expect(throws: ConfigError.self) {
            try ConnectionFixture.generate(.fixedOutdegree(k: 11), sources: 3, targets: 10, allowMultapses: false)
        }
        #expect(tooMany?.path == "\(ConnectionFixture.path).K")
        let none = #expect(throws: ConfigError.self) {
            try ConnectionFixture.generate(.fixedOutdegree(k: 1), sources: 1, targets: 1, samePopulation: true,
                                           allowAutapses: false, allowMultapses: true)
        }
        #expect(none?.path == "\(ConnectionFixture.path).K")
    }

    @Test(arguments: [false, true])
    func fixedTotalNumberMakesExactlyN(multapses: Bool) throws {
        let list = try ConnectionFixture.generate(.fixedTotalNumber(n: 500), sources: 30, targets: 40, allowMultapses: multapses)
        #expect(list.count == 500)
        #expect(list.sources.allSatisfy { (0..<30).contains($0) } && list.targets.allSatisfy { (0..<40).contains($0) })
        if !multapses { #expect(Set(ConnectionFixture.pairs(list)).count == 500) }
    }

    /// N equal to every possible pair, without multapses, is all_to_all (without the diagonal when autapses are off).
    @Test func fixedTotalNumberOfEveryPossiblePairIsAllToAll() throws {
        let all = try ConnectionFixture.generate(.fixedTotalNumber(n: 8 * 8 - 8), sources: 8, targets: 8,
                                                 samePopulation: true, allowAutapses: false, allowMultapses: false)
        let expected = (0..<8).flatMap { s in (0..<8).filter { $0 != s }.map { Pair(source: s, target: $0) } }
        #expect(ConnectionFixture.pairs(all).sorted() == expected)
    }

    @Test func fixedTotalNumberWithMultapsesOntoItselfNeverMakesAnAutapse() throws {
        let list = try ConnectionFixture.generate(.fixedTotalNumber(n: 400), sources: 5, targets: 5,
                                                  samePopulation: true, allowAutapses: false)
        #expect(list.count == 400)
        #expect(ConnectionFixture.pairs(list).allSatisfy { $0.source != $0.target })
    }

    @Test func fixedTotalNumberBeyondThePossiblePairsIsAnErrorAtN() {
        let tooMany = #expect(throws: ConfigError.self) {
            try ConnectionFixture.generate(.fixedTotalNumber(n: 8 * 8 - 7), sources: 8, targets: 8,
                                           samePopulation: true, allowAutapses: false, allowMultapses: false)
        }
        #expect(tooMany?.path == "\(ConnectionFixture.path).N")
        let none = #expect(throws: ConfigError.self) {
            try ConnectionFixture.generate(.fixedTotalNumber(n: 1), sources: 1, targets: 1, samePopulation: true,
                                           allowAutapses: false, allowMultapses: true)
        }
        #expect(none?.path == "\(ConnectionFixture.path).N")
    }
}
