/// Carries the graded values of signal projections (an astrocyte's slow inward current) from their sources to
/// their targets, serially after each step: weight × the source neuron's value after step k goes into the
/// target's current plane of the ring slot for step k + delay, which the target takes as generator current
/// (applied from the step after, as NEST applies `I_SIC`).
struct SignalDelivery {
    let projections: [SignalProjection]
    /// Per projection, the values of its source's neurons after the last step.
    private var values: [[Double]]

    init(projections: [SignalProjection], populations: [any Population]) {
        self.projections = projections
        values = projections.map { [Double](repeating: 0, count: populations[$0.source].count) }
    }

    mutating func deliver(step: Int, populations: [any Population], ringBases: [UnsafeMutablePointer<Double>?],
                          layouts: [InputRing.Layout?]) {
        for (j, projection) in projections.enumerated() {
            // The builder admits only sources that are signal populations.
            let source = populations[projection.source] as! any SignalPopulation
            values[j].withUnsafeMutableBufferPointer { source.signals(into: $0.baseAddress!) }
            let table = projection.synapses
            let base = ringBases[projection.target]!, layout = layouts[projection.target]!
            for s in 0..<table.sourceCount where values[j][s] != 0 {
                for k in Int(table.rowStart[s])..<Int(table.rowStart[s + 1]) {
                    let offset = layout.offset(step: step + table.delay(of: k), plane: layout.ports.current)
                    base[offset + Int(table.target[k])] += Double(table.weight[k]) * values[j][s]
                }
            }
        }
    }
}
