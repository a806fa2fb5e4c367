/// A plastic projection's synapses by target (the transpose of its rows), so that a postsynaptic spike reaches its
/// incoming synapses without scanning: `start[i] ..< start[i + 1]` index `synapse` (position in the rows) and
/// `row` (the row, i.e. the presynaptic channel, it belongs to), in ascending row order.
struct IncomingSynapses: Sendable {
    var start: Column<Int>
    var synapse: Column<UInt32>
    var row: Column<Int32>

    init(_ synapses: SynapseTable, targetCount: Int) throws {
        guard synapses.count <= Int(UInt32.max) else {
            throw SNNError("a plastic projection holds at most 2^32 − 1 synapses, got \(synapses.count)")
        }
        var start = [Int](repeating: 0, count: targetCount + 1)
        for t in synapses.target { start[Int(t) + 1] += 1 }
        for i in 0..<targetCount { start[i + 1] += start[i] }
        var fill = start
        var synapseIndex = [UInt32](repeating: 0, count: synapses.count)
        var rowIndex = [Int32](repeating: 0, count: synapses.count)
        for s in 0..<synapses.sourceCount {
            for k in Int(synapses.rowStart[s])..<Int(synapses.rowStart[s + 1]) {
                let t = Int(synapses.target[k])
                synapseIndex[fill[t]] = UInt32(k)
                rowIndex[fill[t]] = Int32(s)
                fill[t] += 1
            }
        }
        self.start = Column(start)
        synapse = Column(synapseIndex)
        row = Column(rowIndex)
    }

    mutating func cursor() -> Cursor {
        Cursor(start: start.mutablePointer(), synapse: synapse.mutablePointer(), row: row.mutablePointer())
    }

    /// Raw access for one run (read only).
    struct Cursor: @unchecked Sendable {
        let start: UnsafeMutablePointer<Int>
        let synapse: UnsafeMutablePointer<UInt32>
        let row: UnsafeMutablePointer<Int32>

        /// Calls `body(row, synapse)` for each incoming synapse of target `i`.
        @inline(__always)
        func forEach(of i: Int, _ body: (_ row: Int, _ synapse: Int) -> Void) {
            for m in start[i]..<start[i + 1] { body(Int(row[m]), Int(synapse[m])) }
        }
    }
}
