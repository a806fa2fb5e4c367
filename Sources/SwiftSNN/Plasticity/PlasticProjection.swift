import Foundation

/// A projection whose weights a plasticity rule changes during the run, as the clock engine drives it.
public protocol PlasticSynapses: Sendable {
    var source: Int { get }
    var target: Int { get }
    /// The projection's index in the config's `projections`.
    var projectionIndex: Int { get }
    /// Structure (rows, targets, delay) and the initial weights.
    var synapses: SynapseTable { get }
    /// The current weights, in the order of `synapses`.
    var weights: Column<Float> { get }
    var ruleName: String { get }
    /// Which receptor planes the weights can reach: plastic weights keep the sign their bounds allow.
    var canBeExcitatory: Bool { get }
    var canBeInhibitory: Bool { get }

    /// A worker over this projection's state for one run; it holds raw pointers into the state, valid until the
    /// projection is next copied and mutated, or destroyed.
    mutating func makeWorker(grid: TimeGrid) -> any PlasticWorker
}

/// The steps of plasticity inside one clock step k (arrivals and post spikes both at time (k+1)·dt).
public protocol PlasticWorker: Sendable {
    /// Serially, before the step's parallel part: presynaptic traces take the arrivals of step k.
    func updatePresynapticTraces(arrivals: [Int32], step: Int)
    /// In each thread's part: depression of the synapses `rowBegin[s]..<rowEnd[s]` of every arriving source s,
    /// then their new weights are added to the target's input of this step. Returns the synaptic events.
    func arrive(arrivals: [Int32], step: Int, rowBegin: UnsafePointer<Int64>, rowEnd: UnsafePointer<Int64>,
                input: UnsafeMutablePointer<Double>, excitatoryPlane: Int, inhibitoryPlane: Int) -> UInt64
    /// In each thread's part, after the neuron update: potentiation of the incoming synapses of the part's target
    /// neurons that fired (ascending), then their postsynaptic traces.
    func postsynapticSpikes(_ targets: ArraySlice<Int32>, step: Int)
}

/// The synapses of one plastic projection, their rule, the traces and the index of incoming synapses per target.
public struct PlasticProjection<Rule: PlasticityRule>: PlasticSynapses {
    public var source: Int
    public var target: Int
    public var projectionIndex: Int
    public var synapses: SynapseTable
    public var weights: Column<Float>
    public var rule: Rule
    public let ruleName: String
    /// Per source neuron: trace value at its last arrival and the step of that arrival (Int.min: none yet).
    var preTrace: Column<Double>
    var preLastStep: Column<Int>
    /// Per target neuron: trace value at its last spike and the step of that spike.
    var postTrace: Column<Double>
    var postLastStep: Column<Int>
    /// Incoming synapses per target (the transpose of the rows): `incomingStart[i]..<incomingStart[i+1]` index
    /// `incomingSynapse` (synapse index) and `incomingSource`.
    var incomingStart: Column<Int>
    var incomingSynapse: Column<Int>
    var incomingSource: Column<Int32>

    public init(source: Int, target: Int, targetCount: Int, projectionIndex: Int, synapses: SynapseTable, rule: Rule,
                ruleName: String) {
        self.source = source
        self.target = target
        self.projectionIndex = projectionIndex
        self.synapses = synapses
        self.rule = rule
        self.ruleName = ruleName
        weights = Column(synapses.weight.map { Float(min(max(Double($0), rule.weightBounds.lowerBound), rule.weightBounds.upperBound)) })
        preTrace = Column(repeating: 0, count: synapses.sourceCount)
        preLastStep = Column(repeating: Int.min, count: synapses.sourceCount)
        postTrace = Column(repeating: 0, count: targetCount)
        postLastStep = Column(repeating: Int.min, count: targetCount)
        var start = [Int](repeating: 0, count: targetCount + 1)
        for t in synapses.target { start[Int(t) + 1] += 1 }
        for i in 0..<targetCount { start[i + 1] += start[i] }
        var fill = start
        var synapseIndex = [Int](repeating: 0, count: synapses.count)
        var sourceIndex = [Int32](repeating: 0, count: synapses.count)
        for s in 0..<synapses.sourceCount {
            for k in Int(synapses.rowStart[s])..<Int(synapses.rowStart[s + 1]) {
                let t = Int(synapses.target[k])
                synapseIndex[fill[t]] = k
                sourceIndex[fill[t]] = Int32(s)
                fill[t] += 1
            }
        }
        incomingStart = Column(start)
        incomingSynapse = Column(synapseIndex)
        incomingSource = Column(sourceIndex)
    }

    public var canBeExcitatory: Bool { rule.weightBounds.upperBound >= 0 }
    public var canBeInhibitory: Bool { rule.weightBounds.lowerBound < 0 }

    public mutating func makeWorker(grid: TimeGrid) -> any PlasticWorker {
        Worker(rule: rule, dtMs: grid.dtMs, delaySteps: Int(synapses.uniformDelaySteps),
                      target: synapses.target, weights: weights.mutablePointer(),
                      preTrace: preTrace.mutablePointer(), preLastStep: preLastStep.mutablePointer(),
                      postTrace: postTrace.mutablePointer(), postLastStep: postLastStep.mutablePointer(),
                      incomingStart: incomingStart.mutablePointer(), incomingSynapse: incomingSynapse.mutablePointer(),
                      incomingSource: incomingSource.mutablePointer())
    }

    struct Worker: PlasticWorker, @unchecked Sendable {
        let rule: Rule
        let dtMs: Double
        let delaySteps: Int
        let target: [UInt32]
        let weights: UnsafeMutablePointer<Float>
        let preTrace: UnsafeMutablePointer<Double>
        let preLastStep: UnsafeMutablePointer<Int>
        let postTrace: UnsafeMutablePointer<Double>
        let postLastStep: UnsafeMutablePointer<Int>
        let incomingStart: UnsafeMutablePointer<Int>
        let incomingSynapse: UnsafeMutablePointer<Int>
        let incomingSource: UnsafeMutablePointer<Int32>

        /// A trace's value at step `step`: its value at `last`, decayed over (step − last)·dt.
        @inline(__always)
        func trace(_ value: Double, last: Int, step: Int, tauMs: Double) -> Double {
            last == Int.min ? 0 : value * exp(-Double(step - last) * dtMs / tauMs)
        }

        func updatePresynapticTraces(arrivals: [Int32], step: Int) {
            for s in arrivals {
                let j = Int(s)
                let decayed = trace(preTrace[j], last: preLastStep[j], step: step, tauMs: rule.preTraceTauMs)
                preTrace[j] = rule.nearestSpike ? 1 : decayed + 1
                preLastStep[j] = step
            }
        }

        func arrive(arrivals: [Int32], step: Int, rowBegin: UnsafePointer<Int64>, rowEnd: UnsafePointer<Int64>,
                    input: UnsafeMutablePointer<Double>, excitatoryPlane: Int, inhibitoryPlane: Int) -> UInt64 {
            var events: UInt64 = 0
            target.withUnsafeBufferPointer { target in
                for s in arrivals {
                    let begin = Int(rowBegin[Int(s)]), end = Int(rowEnd[Int(s)])
                    events += UInt64(end - begin)
                    for k in begin..<end {
                        let i = Int(target[k])
                        let y = trace(postTrace[i], last: postLastStep[i], step: step, tauMs: rule.postTraceTauMs)
                        let w = rule.onPresynapticArrival(weight: weights[k], postTrace: y)
                        weights[k] = w
                        input[(w < 0 ? inhibitoryPlane : excitatoryPlane) + i] += Double(w)
                    }
                }
            }
            return events
        }

        func postsynapticSpikes(_ targets: ArraySlice<Int32>, step: Int) {
            for t in targets {
                let i = Int(t)
                for m in incomingStart[i]..<incomingStart[i + 1] {
                    let j = Int(incomingSource[m])
                    let x = trace(preTrace[j], last: preLastStep[j], step: step, tauMs: rule.preTraceTauMs)
                    weights[incomingSynapse[m]] = rule.onPostsynapticSpike(weight: weights[incomingSynapse[m]], preTrace: x)
                }
                let decayed = trace(postTrace[i], last: postLastStep[i], step: step, tauMs: rule.postTraceTauMs)
                postTrace[i] = rule.nearestSpike ? 1 : decayed + 1
                postLastStep[i] = step
            }
        }
    }
}
