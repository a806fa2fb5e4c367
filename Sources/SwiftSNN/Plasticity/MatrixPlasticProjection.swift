/// The synapses of one projection whose weights a `MatrixPlasticityRule` changes at the end of every period, with
/// the rule's per-synapse variable and the presynaptic counts of the current period.
public struct MatrixPlasticProjection<Rule: MatrixPlasticityRule>: PlasticSynapses {
    /// The source population's index.
    public var source: Int
    /// The target population's index.
    public var target: Int
    public var projectionIndex: Int
    public var synapses: SynapseTable
    /// One channel per source: matrix rules take one delay per projection.
    public var channels: DelayChannels { DelayChannels(uniform: synapses.uniformDelaySteps, sourceCount: synapses.sourceCount) }
    /// What the synapses transmit: `exactWeights` rounded to Float32 after each update.
    public var weights: Column<Float>
    /// Always nil: a matrix rule counts each source's spikes per period and needs one delay for all synapses.
    public var learnedDelays: LearnedDelays?
    /// Always 0: a matrix rule counts spikes per period, without pair timing.
    public var dendriticFraction = 0.0
    var exactWeights: Column<Double>
    /// The rule's per-synapse variable (`WeightMatrix.state`).
    public var synapseState: Column<Double>
    /// Per source: spikes that arrived so far in the current period.
    var periodCounts: Column<Double>
    /// The rule with its current parameters.
    public var rule: Rule
    /// The rule's registered name.
    public let ruleName: String
    let targetCount: Int
    let parameters: ParameterValues
    let options: PlasticityOptions
    let bindings: [BoundParameter]

    init(source: Int, target: Int, targetCount: Int, projectionIndex: Int, synapses: SynapseTable,
         parameters: ParameterValues, options: PlasticityOptions, bindings: [BoundParameter], ruleName: String) throws {
        self.source = source
        self.target = target
        self.targetCount = targetCount
        self.projectionIndex = projectionIndex
        self.synapses = synapses
        rule = try Rule(parameters, options: options)
        // `makeWorker` converts the period to steps; a rule from code may name it anything, so no key in the path.
        _ = try TimeGrid(dtMs: options.dtMs).checkedSteps(rule.periodMs, path: "\(parameters.path) (the rule's period)")
        self.parameters = parameters
        self.options = options
        self.bindings = bindings
        self.ruleName = ruleName
        weights = Column(synapses.weight)
        exactWeights = Column(synapses.weight.map(Double.init))
        synapseState = Column(repeating: 0, count: synapses.count)
        periodCounts = Column(repeating: 0, count: synapses.sourceCount)
    }

    public mutating func setWeights(_ weights: [Float]) {
        self.weights = Column(weights)
        exactWeights = Column(weights.map(Double.init))
    }

    // The rule may give weights of either sign.
    public var canBeExcitatory: Bool { true }
    /// Whether some weight may be negative (the inhibitory plane is then read).
    public var canBeInhibitory: Bool { true }

    public mutating func makeWorker(grid: TimeGrid) -> any PlasticWorker {
        Worker(rule: rule, parameters: parameters, options: options, bindings: bindings,
               periodSteps: max(1, grid.steps(rule.periodMs)), synapses: synapses, targetCount: targetCount,
               weights: weights.mutablePointer(), exactWeights: exactWeights.mutablePointer(),
               state: synapseState.mutablePointer(), counts: periodCounts.mutablePointer())
    }

    /// A class, so that `prepare` can swap the rule between steps.
    final class Worker: PlasticWorker, @unchecked Sendable {
        private var rule: Rule
        private var parameters: ParameterValues
        let options: PlasticityOptions
        let bindings: [BoundParameter]
        let periodSteps: Int
        let synapses: SynapseTable
        let targetCount: Int
        let weights: UnsafeMutablePointer<Float>
        let exactWeights: UnsafeMutablePointer<Double>
        let state: UnsafeMutablePointer<Double>
        let counts: UnsafeMutablePointer<Double>

        init(rule: Rule, parameters: ParameterValues, options: PlasticityOptions, bindings: [BoundParameter],
             periodSteps: Int, synapses: SynapseTable, targetCount: Int, weights: UnsafeMutablePointer<Float>,
             exactWeights: UnsafeMutablePointer<Double>, state: UnsafeMutablePointer<Double>,
             counts: UnsafeMutablePointer<Double>) {
            self.rule = rule
            self.parameters = parameters
            self.options = options
            self.bindings = bindings
            self.periodSteps = periodSteps
            self.synapses = synapses
            self.targetCount = targetCount
            self.weights = weights
            self.exactWeights = exactWeights
            self.state = state
            self.counts = counts
        }

        var updatesEveryStep: Bool { false }

        func prepare(step: Int, modulators: [Modulator]) throws {
            if bindings.apply(step: step, modulators: modulators, to: &parameters) {
                rule = try Rule(parameters, options: options)
            }
        }

        func decayTraces() {}
        func stepSynapses(rowBegin: UnsafePointer<Int64>, rowEnd: UnsafePointer<Int64>) {}
        func postsynapticSpikes(_ targets: ArraySlice<Int32>, step: Int) {}

        func beginStep(arrivals: [Int32]) {
            for s in arrivals { counts[Int(s)] += 1 }
        }

        func endStep(arrivals: [Int32], step: Int) {
            guard (step + 1) % periodSteps == 0 else { return }
            let n = synapses.count
            synapses.rowStart.withUnsafeBufferPointer { rowStart in
                synapses.target.withUnsafeBufferPointer { target in
                    rule.update(WeightMatrix(sourceCount: synapses.sourceCount, targetCount: targetCount,
                                             rowStart: rowStart, target: target,
                                             weight: UnsafeMutableBufferPointer(start: exactWeights, count: n),
                                             state: UnsafeMutableBufferPointer(start: state, count: n)),
                                presynapticCounts: UnsafeBufferPointer(start: counts, count: synapses.sourceCount))
                }
            }
            for k in 0..<n { weights[k] = Float(exactWeights[k]) }
            counts.update(repeating: 0, count: synapses.sourceCount)
        }

        func arrive(arrivals: [Int32], rowBegin: UnsafePointer<Int64>, rowEnd: UnsafePointer<Int64>,
                    input: UnsafeMutablePointer<Double>, excitatoryPlane: Int, inhibitoryPlane: Int) -> UInt64 {
            var events: UInt64 = 0
            synapses.target.withUnsafeBufferPointer { target in
                for s in arrivals {
                    let begin = Int(rowBegin[Int(s)]), end = Int(rowEnd[Int(s)])
                    events += UInt64(end - begin)
                    for k in begin..<end {
                        let w = Double(weights[k])
                        input[(w < 0 ? inhibitoryPlane : excitatoryPlane) + Int(target[k])] += w
                    }
                }
            }
            return events
        }
    }
}
