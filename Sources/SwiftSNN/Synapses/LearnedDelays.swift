/// The delays of a plastic projection that change during a run (`"delay_plasticity"`, or `"max_delay_ms"` for
/// delays set from code between runs): one real-valued delay per synapse, each synapse its own channel
/// (`DelayChannels.perSynapse`). A spike leaves with the delay its synapse has in the step it is emitted and keeps
/// that delay in flight, whatever happens to the synapse afterwards.
public struct LearnedDelays: Sendable {
    /// A presynaptic spike's arrival at a synapse, kept while postsynaptic spikes may still pair with it.
    struct Arrival: Sendable, Equatable {
        var synapse: Int32
        var timeMs: Double
    }

    /// The current delay of each synapse [ms], in the order of the projection's synapses.
    public internal(set) var delayMs: Column<Double>
    /// Each delay rounded to whole steps: what the clock engine transmits.
    var delaySteps: Column<UInt16>
    /// The longest delay allowed, in steps (`max_delay_ms`).
    let boundSteps: Int
    /// The rule as built from the config's values; nil when only code changes the delays.
    var rule: (any DelayPlasticityRule)?
    /// The rule's registered name.
    let ruleName: String?
    let parameters: ParameterValues?
    let bindings: [BoundParameter]
    /// The teacher population's index, for supervised rules: its neuron i's spikes are target i's desired ones.
    let teacher: Int?
    /// Per target neuron: the arrivals, postsynaptic spikes and teacher spikes of the last `windowMs`, so that
    /// pairs that straddle two runs are paired as in one run.
    var recentArrivals: [[Arrival]]
    var recentPostSpikesMs: [[Double]]
    var recentTeacherSpikesMs: [[Double]]

    init(delayMs: [Double], grid: TimeGrid, boundSteps: Int, targetCount: Int, rule: (any DelayPlasticityRule)?,
         ruleName: String?, parameters: ParameterValues?, bindings: [BoundParameter], teacher: Int?) {
        self.delayMs = Column(delayMs)
        delaySteps = Column(delayMs.map { UInt16(grid.steps($0)) })
        self.boundSteps = boundSteps
        self.rule = rule
        self.ruleName = ruleName
        self.parameters = parameters
        self.bindings = bindings
        self.teacher = teacher
        recentArrivals = [[Arrival]](repeating: [], count: rule == nil ? 0 : targetCount)
        recentPostSpikesMs = [[Double]](repeating: [], count: rule == nil ? 0 : targetCount)
        recentTeacherSpikesMs = [[Double]](repeating: [], count: teacher == nil ? 0 : targetCount)
    }

    /// The fewest steps a delay can take during the run: the rule's `d_min_ms`, or the shortest delay now.
    func minimumSteps(grid: TimeGrid) -> Int {
        let now = delaySteps.min().map(Int.init) ?? Int.max
        guard let rule else { return now }
        return min(now, max(1, grid.steps(rule.delayBoundsMs.lowerBound)))
    }

    /// Sets every delay (one per synapse, ms) between runs; each must round to 1 ... `boundSteps` steps.
    mutating func set(_ delays: [Double], grid: TimeGrid, projection: Int) throws {
        let steps = try SynapseTable.steps(of: delays, count: delayMs.count, grid: grid, boundSteps: boundSteps,
                                           exact: false, projection: projection)
        delayMs = Column(delays)
        delaySteps = Column(steps)
    }

    /// A worker over these delays for one clock-engine run; it holds raw pointers into them, valid until the
    /// delays are next copied and mutated, or destroyed. `finish` hands the pairing state back.
    mutating func makeWorker(grid: TimeGrid, targets: [UInt32]) -> Worker {
        Worker(delayMs: delayMs.mutablePointer(), delaySteps: delaySteps.mutablePointer(), grid: grid, rule: rule,
               parameters: parameters, bindings: bindings, targets: targets, arrivals: recentArrivals,
               postSpikes: recentPostSpikesMs, teacherSpikes: recentTeacherSpikesMs)
    }

    /// Takes the pairing state of a finished run.
    mutating func finish(_ worker: Worker) {
        guard rule != nil else { return }
        recentArrivals = Array(UnsafeBufferPointer(start: worker.arrivals, count: worker.targetCount))
        recentPostSpikesMs = Array(UnsafeBufferPointer(start: worker.postSpikes, count: worker.targetCount))
        recentTeacherSpikesMs = Array(UnsafeBufferPointer(start: worker.teacherSpikes, count: worker.teacherCount))
    }

    /// The delay rule inside one clock step k, whose arrivals and postsynaptic spikes are both at (k+1)·dt: the
    /// step's arrivals pair with the earlier postsynaptic spikes, then its postsynaptic spikes with the arrivals up
    /// to and including this step's (a pair at equal times has lag 0). Each target's lists are touched only by the
    /// part that owns the target, so the parallel methods need no locks and give the same result for any thread
    /// count.
    final class Worker: @unchecked Sendable {
        /// Current delays [ms] and in steps, one per synapse (= channel).
        let delayMs: UnsafeMutablePointer<Double>
        let delaySteps: UnsafeMutablePointer<UInt16>
        let grid: TimeGrid
        private var rule: (any DelayPlasticityRule)?
        private var parameters: ParameterValues?
        private let bindings: [BoundParameter]
        private let targets: [UInt32]
        let targetCount: Int
        let arrivals: UnsafeMutablePointer<[Arrival]>
        let postSpikes: UnsafeMutablePointer<[Double]>
        /// Per target, for supervised rules (`teacherCount` is 0 or the target count); appended to serially, pruned
        /// in the target's part.
        let teacherSpikes: UnsafeMutablePointer<[Double]>
        let teacherCount: Int

        init(delayMs: UnsafeMutablePointer<Double>, delaySteps: UnsafeMutablePointer<UInt16>, grid: TimeGrid,
             rule: (any DelayPlasticityRule)?, parameters: ParameterValues?, bindings: [BoundParameter],
             targets: [UInt32], arrivals: [[Arrival]], postSpikes: [[Double]], teacherSpikes: [[Double]]) {
            self.delayMs = delayMs
            self.delaySteps = delaySteps
            self.grid = grid
            self.rule = rule
            self.parameters = parameters
            self.bindings = bindings
            self.targets = targets
            targetCount = arrivals.count
            self.arrivals = .allocate(capacity: max(1, arrivals.count))
            self.arrivals.initialize(from: arrivals, count: arrivals.count)
            self.postSpikes = .allocate(capacity: max(1, postSpikes.count))
            self.postSpikes.initialize(from: postSpikes, count: postSpikes.count)
            teacherCount = teacherSpikes.count
            self.teacherSpikes = .allocate(capacity: max(1, teacherSpikes.count))
            self.teacherSpikes.initialize(from: teacherSpikes, count: teacherSpikes.count)
        }

        deinit {
            arrivals.deinitialize(count: targetCount)
            arrivals.deallocate()
            postSpikes.deinitialize(count: targetCount)
            postSpikes.deallocate()
            teacherSpikes.deinitialize(count: teacherCount)
            teacherSpikes.deallocate()
        }

        /// Whether a rule moves the delays (without one, they only change between runs).
        var learns: Bool { rule != nil }

        /// Serially, at the start of every step: bound parameters (`eta` following a modulator) take their values.
        func prepare(step: Int, modulators: [Modulator]) throws {
            guard let type = rule.map({ type(of: $0) }), var values = parameters else { return }
            if bindings.apply(step: step, modulators: modulators, to: &values) {
                rule = try type.init(values)
                parameters = values
            }
        }

        /// In each thread's part: the arriving channels (= synapses) this part owns (`rowBegin[c] < rowEnd[c]`)
        /// pair with their targets' earlier postsynaptic spikes, then wait for later ones.
        func arrive(arrivals channels: [Int32], rowBegin: UnsafePointer<Int64>, rowEnd: UnsafePointer<Int64>, step: Int) {
            guard rule != nil else { return }
            let t = grid.spikeTime(step: step)
            for c in channels where rowBegin[Int(c)] < rowEnd[Int(c)] { arrive(synapse: Int(c), at: t) }
        }

        /// In each thread's part, after the neuron update: the part's targets that fired pair with their recent
        /// arrivals.
        func postsynapticSpikes(_ fired: ArraySlice<Int32>, step: Int) {
            guard rule != nil else { return }
            let t = grid.spikeTime(step: step)
            for i in fired { postsynapticSpike(target: Int(i), at: t) }
        }

        /// A spike arrives at synapse `k` at `t` (ms): it pairs with its target's earlier postsynaptic spikes, then
        /// waits for later ones. The event engine calls this at exact times.
        func arrive(synapse k: Int, at t: Double) {
            guard let rule else { return }
            let i = Int(targets[k])
            Self.forget(before: t - rule.windowMs, in: &postSpikes[i]) { $0 }
            for post in postSpikes[i] { move(k, lagMs: post - t, rule) }
            if teacherCount > 0 {
                Self.forget(before: t - rule.windowMs, in: &teacherSpikes[i]) { $0 }
                for teach in teacherSpikes[i] { move(k, teacherLagMs: teach - t, rule) }
            }
            Self.forget(before: t - rule.windowMs, in: &arrivals[i]) { $0.timeMs }
            arrivals[i].append(Arrival(synapse: Int32(k), timeMs: t))
        }

        /// Serially, after a step: the teacher's spikes of the step (teacher neuron i for target i) pair with the
        /// arrivals up to then.
        func teacherSpikes(_ fired: [Int32], step: Int) {
            for i in fired { teacherSpike(target: Int(i), at: grid.spikeTime(step: step)) }
        }

        /// Teacher neuron `i` fires at `t` (ms): target `i` should have fired; it pairs with the arrivals up to now.
        func teacherSpike(target i: Int, at t: Double) {
            guard let rule, teacherCount > 0 else { return }
            Self.forget(before: t - rule.windowMs, in: &arrivals[i]) { $0.timeMs }
            for a in arrivals[i] { move(Int(a.synapse), teacherLagMs: t - a.timeMs, rule) }
            Self.forget(before: t - rule.windowMs, in: &teacherSpikes[i]) { $0 }
            teacherSpikes[i].append(t)
        }

        /// Target `i` fires at `t` (ms): it pairs with the arrivals at its synapses up to now.
        func postsynapticSpike(target i: Int, at t: Double) {
            guard let rule else { return }
            Self.forget(before: t - rule.windowMs, in: &arrivals[i]) { $0.timeMs }
            for a in arrivals[i] { move(Int(a.synapse), lagMs: t - a.timeMs, rule) }
            Self.forget(before: t - rule.windowMs, in: &postSpikes[i]) { $0 }
            postSpikes[i].append(t)
        }

        @inline(__always)
        private func move(_ k: Int, lagMs: Double, _ rule: any DelayPlasticityRule) {
            set(k, rule.delay(delayMs[k], afterLagMs: lagMs), rule)
        }

        private func move(_ k: Int, teacherLagMs: Double, _ rule: any DelayPlasticityRule) {
            set(k, rule.delay(delayMs[k], afterTeacherLagMs: teacherLagMs), rule)
        }

        @inline(__always)
        private func set(_ k: Int, _ delay: Double, _ rule: any DelayPlasticityRule) {
            let bounds = rule.delayBoundsMs
            let d = min(max(delay, bounds.lowerBound), bounds.upperBound)
            delayMs[k] = d
            delaySteps[k] = UInt16(grid.steps(d))
        }

        /// Drops the entries of a time-ordered list at or before `cutoff`: only |lag| < window pairs.
        private static func forget<Entry>(before cutoff: Double, in list: inout [Entry], time: (Entry) -> Double) {
            if let first = list.firstIndex(where: { time($0) > cutoff }) { list.removeFirst(first) } else { list.removeAll() }
        }
    }
}
