/// A plastic projection's synapses grouped by (source neuron, delay): each group, a channel, is one row of the
/// projection's table. With axonal delays, the synapses of one source with different delays see that source's
/// spikes at different times, so each channel has its own presynaptic traces and arrivals; a projection with one
/// delay has one channel per source.
public struct DelayChannels: Sendable, Equatable {
    /// Per channel: its source neuron (ascending) and its delay in steps.
    public let source: [Int32]
    /// The delay of each channel, in steps.
    public let delaySteps: [UInt16]
    /// `firstChannel[s] ..< firstChannel[s + 1]` are the channels of source neuron s.
    public let firstChannel: [Int]

    /// One channel per source, all with `delaySteps`.
    init(uniform delaySteps: UInt16, sourceCount: Int) {
        source = (0..<sourceCount).map(Int32.init)
        self.delaySteps = [UInt16](repeating: delaySteps, count: sourceCount)
        firstChannel = Array(0...sourceCount)
    }

    /// Splits `table`'s rows into channels of ascending delay, each keeping its synapses in target order; returns the
    /// channels and the table with one row per channel (weights, targets and creation order permuted alike).
    static func split(_ table: SynapseTable) -> (channels: DelayChannels, table: SynapseTable) {
        guard !table.delaySteps.isEmpty else {
            return (DelayChannels(uniform: table.uniformDelaySteps, sourceCount: table.sourceCount), table)
        }
        var order: [Int] = []
        order.reserveCapacity(table.count)
        var rowStart: [Int64] = [0], source: [Int32] = [], delays: [UInt16] = [], first: [Int] = [0]
        for s in 0..<table.sourceCount {
            let row = Int(table.rowStart[s])..<Int(table.rowStart[s + 1])
            // Stable: equal delays keep their target order.
            let sorted = row.sorted { (table.delaySteps[$0], $0) < (table.delaySteps[$1], $1) }
            for (i, k) in sorted.enumerated() {
                if i == 0 || table.delaySteps[k] != table.delaySteps[sorted[i - 1]] {
                    if i > 0 { rowStart.append(Int64(order.count)) }
                    source.append(Int32(s))
                    delays.append(table.delaySteps[k])
                }
                order.append(k)
            }
            if !sorted.isEmpty { rowStart.append(Int64(order.count)) }
            first.append(source.count)
        }
        var channelTable = table
        channelTable.rowStart = rowStart
        channelTable.target = order.map { table.target[$0] }
        channelTable.weight = order.map { table.weight[$0] }
        if !table.creationIndex.isEmpty { channelTable.creationIndex = order.map { table.creationIndex[$0] } }
        channelTable.delaySteps = order.map { table.delaySteps[$0] }
        if !table.delayMs.isEmpty { channelTable.delayMs = order.map { table.delayMs[$0] } }
        return (DelayChannels(source: source, delaySteps: delays, firstChannel: first), channelTable)
    }

    /// One channel per synapse of `table`, in table order (by source, then target): for delays that change during
    /// the run (`LearnedDelays`), so each synapse has its own arrivals and presynaptic traces. Returns the channels
    /// and the table with one row per synapse.
    static func perSynapse(_ table: SynapseTable) -> (channels: DelayChannels, table: SynapseTable) {
        var source: [Int32] = []
        source.reserveCapacity(table.count)
        for s in 0..<table.sourceCount {
            source.append(contentsOf: repeatElement(Int32(s), count: Int(table.rowStart[s + 1] - table.rowStart[s])))
        }
        var channelTable = table
        channelTable.rowStart = (0...Int64(table.count)).map { $0 }
        return (DelayChannels(source: source, delaySteps: (0..<table.count).map { UInt16(table.delay(of: $0)) },
                              firstChannel: table.rowStart.map { Int($0) }),
                channelTable)
    }

    private init(source: [Int32], delaySteps: [UInt16], firstChannel: [Int]) {
        self.source = source
        self.delaySteps = delaySteps
        self.firstChannel = firstChannel
    }
}
