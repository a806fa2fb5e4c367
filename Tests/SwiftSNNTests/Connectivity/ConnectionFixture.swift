@testable import SwiftSNN

/// Connections of one rule, generated as `NetworkBuilder` generates a projection's, and views of the result.
enum ConnectionFixture {
    static let path = "projections[0].connectivity"

    static func generate(_ rule: Connectivity.Rule, sources: Int, targets: Int, samePopulation: Bool = false,
                         allowAutapses: Bool = true, allowMultapses: Bool = true, seed: UInt64 = 20240611,
                         projectionIndex: Int = 0, threads: Int = 1) throws -> ConnectionList {
        try ConnectionGenerator(
            connectivity: Connectivity(rule: rule, allowAutapses: allowAutapses, allowMultapses: allowMultapses),
            sourceCount: sources, targetCount: targets, samePopulation: samePopulation,
            seed: seed, projectionIndex: projectionIndex, threads: threads, path: path
        ).generate()
    }

    struct Pair: Hashable, Comparable {
        var source: Int, target: Int
        static func < (a: Pair, b: Pair) -> Bool { (a.source, a.target) < (b.source, b.target) }
    }

    static func pairs(_ list: ConnectionList) -> [Pair] {
        zip(list.sources, list.targets).map { Pair(source: Int($0), target: Int($1)) }
    }

    /// Number of connections per source (`bySource`) or per target.
    static func degrees(_ list: ConnectionList, of count: Int, bySource: Bool) -> [Int] {
        var d = [Int](repeating: 0, count: count)
        for i in bySource ? list.sources : list.targets { d[Int(i)] += 1 }
        return d
    }
}
