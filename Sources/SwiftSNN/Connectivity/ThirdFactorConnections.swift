/// The astrocyte connections of a projection with a third factor (`ThirdFactorSpec`), drawn from its primary
/// connections as NEST's `ThirdBernoulliWithPoolBuilder` does: per primary connection pre → post, with
/// probability p an astrocyte from post's pool (built when post first needs it: a random sample of `poolSize`
/// astrocytes in index order, or its block), then pre → astrocyte and astrocyte → post.
///
/// Determinism: all draws for one postsynaptic neuron come from one stream keyed by (seed, projection, post), taken
/// over its primary connections in their creation order, so the result depends on neither thread count nor the
/// order in which targets are visited.
struct ThirdFactorConnections {
    /// pre → astrocyte, and astrocyte → post, one of each per chosen primary connection, in the same order.
    var thirdIn = ConnectionList()
    var thirdOut = ConnectionList()

    init(primary: ConnectionList, targetCount: Int, astrocyteCount: Int, probability p: Double, poolSize: Int,
         poolType: ThirdFactorSpec.PoolType, seed: UInt64, projectionIndex: Int) {
        var byTarget = [[Int]](repeating: [], count: targetCount)
        for k in 0..<primary.count { byTarget[Int(primary.targets[k])].append(k) }
        let targetsPerAstrocyte = max(1, targetCount / astrocyteCount)
        for post in 0..<targetCount where !byTarget[post].isEmpty {
            var rng = RandomStream(seed: seed, purpose: .thirdFactor, UInt64(projectionIndex), UInt64(post))
            var pool: [Int] = []
            for k in byTarget[post] {
                guard rng.nextUniform() < p else { continue }
                if pool.isEmpty {
                    switch poolType {
                    case .random: pool = Self.sample(poolSize, of: astrocyteCount, using: &rng)
                    case .block:
                        let first = poolSize > 1 ? post * poolSize : post / targetsPerAstrocyte
                        pool = Array(first..<(first + poolSize))
                    }
                }
                let astrocyte = pool[poolSize == 1 ? 0 : rng.nextInt(below: poolSize)]
                thirdIn.append(Int(primary.sources[k]), astrocyte)
                thirdOut.append(astrocyte, post)
            }
        }
    }

    /// `k` of 0..<n without replacement, ascending (selection sampling, Knuth's Algorithm S).
    private static func sample(_ k: Int, of n: Int, using rng: inout RandomStream) -> [Int] {
        var chosen: [Int] = []
        chosen.reserveCapacity(k)
        for i in 0..<n where chosen.count < k {
            if Double(n - i) * rng.nextUniform() < Double(k - chosen.count) { chosen.append(i) }
        }
        return chosen
    }
}
