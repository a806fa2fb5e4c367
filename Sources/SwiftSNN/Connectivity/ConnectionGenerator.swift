import Foundation

/// Turns a `Connectivity` rule into concrete connections between a source population of `sourceCount` and a
/// target population of `targetCount` neurons.
///
/// Determinism: every random rule draws from streams keyed by (seed, projection, row), where a row is the source
/// (pairwise_bernoulli, fixed_outdegree) or the target (fixed_indegree) it builds, so the network does not depend
/// on build order or thread count. The fixed-degree rules, whose rows have known sizes, build their rows on
/// `threads` threads, each into its own slice of the list. Semantics follow NEST's `Connect` rules of the same
/// names.
public struct ConnectionGenerator: Sendable {
    /// The rule.
    public var connectivity: Connectivity
    /// Neurons in the source population.
    public var sourceCount: Int
    /// Neurons in the target population.
    public var targetCount: Int
    /// Whether source and target are the same population, so that `allow_autapses` applies.
    public var samePopulation: Bool
    /// The run's seed.
    public var seed: UInt64
    /// The projection's index, part of its streams' keys.
    public var projectionIndex: Int
    /// Threads for the fixed-degree rules; 0 means the OpenMP runtime's default. The result does not depend on it.
    public var threads: Int
    /// Where the rule sits in the spec (`projections[2].connectivity`), for errors.
    public var path: String
    /// Grid positions of the source neurons (`LayoutSpec`), for distance-dependent rules.
    public var sourcePositions: [SIMD3<Double>]?
    /// Grid positions of the target neurons.
    public var targetPositions: [SIMD3<Double>]?

    /// `connectivity` must have been resolved (explicit index files read).
    public init(connectivity: Connectivity, sourceCount: Int, targetCount: Int, samePopulation: Bool,
                seed: UInt64, projectionIndex: Int, threads: Int = 1, path: String = "connectivity",
                sourcePositions: [SIMD3<Double>]? = nil, targetPositions: [SIMD3<Double>]? = nil) {
        self.sourcePositions = sourcePositions
        self.targetPositions = targetPositions
        self.path = path
        self.connectivity = connectivity
        self.sourceCount = sourceCount
        self.targetCount = targetCount
        self.samePopulation = samePopulation
        self.seed = seed
        self.projectionIndex = projectionIndex
        self.threads = threads
    }

    private var noAutapses: Bool { samePopulation && !(connectivity.allowAutapses ?? true) }

    private func stream(row: Int) -> RandomStream {
        RandomStream(seed: seed, purpose: .connectivity, UInt64(projectionIndex), UInt64(row))
    }

    private var allowMultapses: Bool { connectivity.allowMultapses ?? true }

    private func error(_ key: String, _ problem: String) -> ConfigError {
        ConfigError(path: key.isEmpty ? path : "\(path).\(key)", problem: problem)
    }

    /// The connections, or the rule's first problem as a `ConfigError` at `path`.
    public func generate() throws -> ConnectionList {
        var list = ConnectionList()
        switch connectivity.rule {
        case .allToAll:
            list.sources.reserveCapacity(sourceCount * targetCount)
            list.targets.reserveCapacity(sourceCount * targetCount)
            for s in 0..<sourceCount {
                for t in 0..<targetCount where !(noAutapses && s == t) { list.append(s, t) }
            }
        case .oneToOne:
            guard sourceCount == targetCount else {
                throw error("rule", "one_to_one needs equal sizes, got \(sourceCount) sources and \(targetCount) targets")
            }
            for i in 0..<sourceCount where !noAutapses { list.append(i, i) }
        case .pairwiseBernoulli(let p):
            try pairwiseBernoulli(p, into: &list)
        case .fixedIndegree(let k):
            let candidates = sourceCount - (noAutapses ? 1 : 0)
            if !allowMultapses && k > candidates {
                throw error("K", "must be <= \(candidates) possible sources without multapses, got \(k)")
            }
            if k > 0 && candidates <= 0 { throw error("K", "no possible source for any target") }
            list = rowsOfFixedSize(k, rows: targetCount) { t, rng in
                (draw(k, from: sourceCount, excluding: noAutapses ? t : nil, &rng), [Int](repeating: t, count: k))
            }
        case .fixedOutdegree(let k):
            let candidates = targetCount - (noAutapses ? 1 : 0)
            if !allowMultapses && k > candidates {
                throw error("K", "must be <= \(candidates) possible targets without multapses, got \(k)")
            }
            if k > 0 && candidates <= 0 { throw error("K", "no possible target for any source") }
            list = rowsOfFixedSize(k, rows: sourceCount) { s, rng in
                ([Int](repeating: s, count: k), draw(k, from: targetCount, excluding: noAutapses ? s : nil, &rng).sorted())
            }
        case .fixedTotalNumber(let n):
            try fixedTotalNumber(n, into: &list)
        case .explicit(.indices(let sources), .indices(let targets)):
            for (i, (s, t)) in zip(sources, targets).enumerated() {
                guard s < sourceCount else { throw error("sources[\(i)]", "index \(s) out of range for a population of \(sourceCount)") }
                guard t < targetCount else { throw error("targets[\(i)]", "index \(t) out of range for a population of \(targetCount)") }
                list.append(s, t)
            }
        case .explicit:
            preconditionFailure("explicit index files must be read (Connectivity.resolved) before connecting")
        case let .distanceBernoulli(c, lambda):
            guard let from = sourcePositions, let to = targetPositions else {
                throw error("rule", "distance_bernoulli needs grid positions for source and target (list both populations in a \"layouts\" entry)")
            }
            distanceBernoulli(c, lambda: lambda, from: from, to: to, into: &list)
        }
        return list
    }

    /// Each pair independently with probability c·e^(−(D/λ)²), one uniform draw per pair from the source's row
    /// stream, targets in order.
    private func distanceBernoulli(_ c: Double, lambda: Double, from: [SIMD3<Double>], to: [SIMD3<Double>],
                                   into list: inout ConnectionList) {
        guard c > 0 else { return }
        for s in 0..<sourceCount {
            var rng = stream(row: s)
            for t in 0..<targetCount where !(noAutapses && s == t) {
                let d = from[s] - to[t]
                if rng.nextUniform() < c * Foundation.exp(-(d * d).sum() / (lambda * lambda)) { list.append(s, t) }
            }
        }
    }

    /// Each (source, target) pair independently with probability p. Candidates are skipped geometrically
    /// (gap ~ Geometric(p)), so a row costs O(expected degree), not O(targets).
    private func pairwiseBernoulli(_ p: Double, into list: inout ConnectionList) throws {
        guard p > 0 else { return }
        let logQ = p < 1 ? Foundation.log1p(-p) : -Double.infinity
        for s in 0..<sourceCount {
            var rng = stream(row: s)
            var t = -1
            while true {
                if p >= 1 {
                    t += 1
                } else {
                    let u = 1 - rng.nextUniform()  // (0, 1]
                    let gap = Foundation.floor(Foundation.log(u) / logQ)
                    if gap >= Double(targetCount) { break }
                    t += 1 + Int(gap)
                }
                if t >= targetCount { break }
                if noAutapses && s == t { continue }
                list.append(s, t)
            }
        }
    }

    private func fixedTotalNumber(_ n: Int, into list: inout ConnectionList) throws {
        let possible = sourceCount * targetCount - (noAutapses ? min(sourceCount, targetCount) : 0)
        if !allowMultapses && n > possible {
            throw error("N", "must be <= \(possible) possible pairs without multapses, got \(n)")
        }
        if n > 0 && possible <= 0 { throw error("N", "no possible pair") }
        var rng = stream(row: 0)
        var chosen = Set<Int>()
        var pairs: [Int] = []
        pairs.reserveCapacity(n)
        while pairs.count < n {
            let s = rng.nextInt(below: sourceCount), t = rng.nextInt(below: targetCount)
            if noAutapses && s == t { continue }
            let code = s * targetCount + t
            if !allowMultapses && !chosen.insert(code).inserted { continue }
            pairs.append(code)
        }
        pairs.sort()
        for code in pairs { list.append(code / targetCount, code % targetCount) }
    }

    /// `rows` rows of `k` connections each, row r at positions r·k ..< (r+1)·k, built by `row(r, stream of r)`
    /// (its sources and targets) on `threads` threads over contiguous blocks of rows.
    private func rowsOfFixedSize(_ k: Int, rows: Int,
                                 _ row: (Int, inout RandomStream) -> (sources: [Int], targets: [Int])) -> ConnectionList {
        var list = ConnectionList()
        list.sources = [Int32](repeating: 0, count: rows * k)
        list.targets = [Int32](repeating: 0, count: rows * k)
        let parts = max(1, min(threads > 0 ? threads : ThreadTeam.defaultThreadCount, rows))
        list.sources.withUnsafeMutableBufferPointer { sources in
            list.targets.withUnsafeMutableBufferPointer { targets in
                let (sources, targets) = (sources, targets)
                ThreadTeam.run(parts: parts) { part in
                    for r in (rows * part / parts)..<(rows * (part + 1) / parts) {
                        var rng = stream(row: r)
                        let (s, t) = row(r, &rng)
                        for i in 0..<k {
                            sources[r * k + i] = Int32(s[i])
                            targets[r * k + i] = Int32(t[i])
                        }
                    }
                }
            }
        }
        return list
    }

    /// k indices from 0..<n (optionally never `excluded`), with or without repetition as `allow_multapses` says.
    private func draw(_ k: Int, from n: Int, excluding excluded: Int?, _ rng: inout RandomStream) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(k)
        if allowMultapses {
            while out.count < k {
                let x = rng.nextInt(below: n)
                if x != excluded { out.append(x) }
            }
            return out
        }
        // Floyd's algorithm over the candidates with `excluded` removed: k distinct values, O(k) draws.
        let m = n - (excluded == nil ? 0 : 1)
        var picked = Set<Int>()
        for j in (m - k)..<m {
            let x = rng.nextInt(below: j + 1)
            picked.insert(picked.contains(x) ? j : x)
        }
        for x in picked.sorted() { out.append(excluded.map { x >= $0 ? x + 1 : x } ?? x) }
        return out
    }
}
