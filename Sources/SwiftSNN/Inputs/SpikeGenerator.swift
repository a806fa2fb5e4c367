import Foundation

/// `spike_generator`: emits spikes at given times. `params` is either `{"spike_times": [t, ...]}` (the same times
/// for every neuron of the population), `{"spike_times": [[t, ...], [t, ...], ...]}` (one list per neuron), or
/// `{"file": "spikes.npy"}` holding a structured array with fields `t` (ms) and `id` (as the spike recorder
/// writes it) or a plain array of times for every neuron. A time t is rounded to the grid and the spike carries
/// the stamp t, so it acts on a target at t + delay (NEST `spike_generator` with on-grid times). The event-driven
/// engine emits at t exactly. With `spike_times`, `spike_weights` (the same shape: one weight per time, or one list
/// per neuron) gives each spike a factor on the weight of every synapse it crosses, as NEST's `spike_weights`; the
/// sign of the product picks the port. Such a generator feeds its targets directly (`drive(grid:)`), so its
/// synapses must be static.
public struct SpikeGenerator: Population {
    /// The model name a spec uses.
    public static let name = "spike_generator"

    public var name: String
    public var count: Int
    /// Spikes sorted by (step, id).
    private var steps: Column<Int>
    private var ids: Column<Int32>
    /// The factor of each spike, in the order of `steps`; nil without `spike_weights`.
    private var factors: Column<Double>?
    /// With `spike_weights`, neuron i's spikes as given, sorted by time: what the event-driven engine sends.
    public private(set) var exactWeightedTrains: [[(timeMs: Double, factor: Double)]]?
    /// The same spikes at their times as given, sorted by (time, id): what the event-driven engine emits.
    public private(set) var exactSpikeTrain: [(timeMs: Double, id: Int32)]?

    /// - Parameters:
    ///   - name: the population's name.
    ///   - count: its number of neurons.
    ///   - params: `spike_times` (with optional `spike_weights`) or `file`, as in a spec.
    ///   - grid: the clock engine's time grid, which times are rounded to.
    ///   - baseDirectory: where a relative `file` resolves.
    ///   - path: the population's place in the spec (`populations[0]`), for errors.
    ///   - exactTimes: for the event engine, which uses the times as given: any positive time is taken (the clock
    ///     engine's grid needs t ≥ dt/2, the first step's end after rounding).
    public init(name: String, count: Int, params: [String: ParameterValue], grid: TimeGrid, baseDirectory: URL,
                path: String, exactTimes: Bool = false) throws {
        self.name = name
        self.count = count
        let paramsPath = "\(path).params"
        if let key = params.keys.sorted().first(where: { !["file", "spike_times", "spike_weights"].contains($0) }) {
            throw ConfigError(path: "\(paramsPath).\(key)", problem: "unknown key; allowed: file, spike_times, spike_weights")
        }
        let weights = params["spike_weights"]
        if weights != nil && params["spike_times"] == nil {
            throw ConfigError(path: "\(paramsPath).spike_weights", problem: "needs spike_times (one weight per time)")
        }
        guard params.count > (weights == nil ? 0 : 1) else { throw ConfigError(path: paramsPath, problem: "spike_generator needs spike_times or file") }
        guard params.count == (weights == nil ? 1 : 2) else { throw ConfigError(path: paramsPath, problem: "needs exactly one of spike_times, file") }
        var spikes: [(time: Double, id: Int, factor: Double, path: String)] = []
        if let times = params["spike_times"] {
            let timesPath = "\(paramsPath).spike_times", weightsPath = "\(paramsPath).spike_weights"
            switch times {
            case .lists(let lists):
                guard lists.count == count else {
                    throw ConfigError(path: timesPath, problem: "has \(lists.count) lists, expected \(count) (one per neuron)")
                }
                let factors = try Self.factors(weights, path: weightsPath, shape: lists.map(\.count))
                for (i, list) in lists.enumerated() {
                    for (j, t) in list.enumerated() { spikes.append((t, i, factors[i][j], "\(timesPath)[\(i)][\(j)]")) }
                }
            case .numbers(let list):
                let factors = try Self.factors(weights, path: weightsPath, shape: [list.count])[0]
                for (j, t) in list.enumerated() {
                    for i in 0..<count { spikes.append((t, i, factors[j], "\(timesPath)[\(j)]")) }
                }
            default:
                throw ConfigError(path: timesPath, problem: "must be an array, got \(times.json.described)")
            }
        } else {
            let filePath = "\(paramsPath).file"
            guard case .text(let name) = params["file"]! else {
                throw ConfigError(path: filePath, problem: "must be a string, got \(params["file"]!.json.described)")
            }
            let array: NpyArray
            do { array = try NpyArray.read(from: try existingFile(name, baseDirectory: baseDirectory, path: filePath)) }
            catch let e as NpyError { throw ConfigError(path: filePath, problem: e.description) }
            do {
                if array.fields.contains(where: { $0.name == "t" }) {
                    for (j, (t, id)) in zip(try array.field("t"), try array.field("id")).enumerated() {
                        guard id >= 0, id < Double(count), id == id.rounded() else {
                            throw ConfigError(path: filePath, problem: "spike \(j): id \(formatNumber(id)) out of range for a population of \(count)")
                        }
                        spikes.append((t, Int(id), 1, filePath))
                    }
                } else {
                    for t in try array.doubles() { for i in 0..<count { spikes.append((t, i, 1, filePath)) } }
                }
            } catch let e as NpyError { throw ConfigError(path: filePath, problem: e.description) }
        }
        var events: [(step: Int, id: Int32, factor: Double)] = []
        events.reserveCapacity(spikes.count)
        for s in spikes {
            if exactTimes && !(s.time.isFinite && s.time > 0) {
                throw ConfigError(path: s.path, problem: "spike time must be > 0 ms, got \(formatNumber(s.time))")
            }
            let step = try grid.checkedSteps(s.time, path: s.path)
            if !exactTimes && step < 1 {
                throw ConfigError(path: s.path, problem: "spike time must be >= dt (\(formatNumber(grid.dtMs)) ms), got \(formatNumber(s.time))")
            }
            events.append((max(step, 1) - 1, Int32(s.id), s.factor))
        }
        // Stable, so that a neuron's spikes in one step keep the order they were given in.
        events = events.enumerated().sorted { ($0.element.step, $0.element.id, $0.offset) < ($1.element.step, $1.element.id, $1.offset) }
            .map(\.element)
        exactSpikeTrain = spikes.map { ($0.time, Int32($0.id)) }.sorted { ($0.timeMs, $0.id) < ($1.timeMs, $1.id) }
        steps = Column(events.map(\.step))
        ids = Column(events.map(\.id))
        if weights != nil {
            factors = Column(events.map(\.factor))
            var trains = [[(timeMs: Double, factor: Double)]](repeating: [], count: count)
            for s in spikes { trains[s.id].append((s.time, s.factor)) }
            exactWeightedTrains = trains.map { train in
                train.enumerated().sorted { ($0.element.timeMs, $0.offset) < ($1.element.timeMs, $1.offset) }.map(\.element)
            }
        }
    }

    /// `spike_weights` in the shape of `spike_times` (`shape[i]` times in list i), or factors 1 without them.
    private static func factors(_ weights: ParameterValue?, path: String, shape: [Int]) throws -> [[Double]] {
        guard let weights else { return shape.map { [Double](repeating: 1, count: $0) } }
        let lists: [[Double]]
        switch weights {
        case .numbers(let list) where shape.count == 1: lists = [list]
        case .lists(let given) where given.count == shape.count: lists = given
        default:
            throw ConfigError(path: path, problem: shape.count == 1
                ? "must be an array of numbers, one per spike time, got \(weights.json.described)"
                : "must be one list per neuron (\(shape.count)), as spike_times, got \(weights.json.described)")
        }
        for (i, (list, n)) in zip(lists, shape).enumerated() where list.count != n {
            throw ConfigError(path: shape.count == 1 ? path : "\(path)[\(i)]",
                              problem: "has \(list.count) weights, expected \(n) (one per spike time)")
        }
        if let (i, j) = lists.enumerated().lazy.compactMap({ i, list in list.firstIndex { !$0.isFinite }.map { (i, $0) } }).first {
            throw ConfigError(path: shape.count == 1 ? "\(path)[\(j)]" : "\(path)[\(i)][\(j)]", problem: "must be a finite number")
        }
        return lists
    }

    /// With `spike_weights`, the generator's projections carry each spike with its factor (`forEachSpike`).
    public func drive(grid: TimeGrid) -> GeneratorProjection.Drive? { factors == nil ? nil : .weightedSpikes(self) }

    /// Whether a `spike_weights` factor is negative, which turns the sign of every weight it multiplies.
    var hasNegativeFactor: Bool { factors?.contains { $0 < 0 } ?? false }

    /// Calls `body(neuron, factor)` for each spike of step `step`, in order: what the clock engine injects through
    /// a projection of a generator with `spike_weights`.
    func forEachSpike(inStep step: Int, _ body: (Int, Double) -> Void) {
        guard let factors else { return }
        var lo = 0, hi = steps.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if steps[mid] < step { lo = mid + 1 } else { hi = mid }
        }
        while lo < steps.count && steps[lo] == step {
            body(Int(ids[lo]), factors[lo])
            lo += 1
        }
    }

    public var ports: InputPorts? { nil }
    public var variableNames: [String] { [] }

    public mutating func makeStepper() -> any PopulationStepper {
        Stepper(steps: steps.mutablePointer(), ids: ids.mutablePointer(), count: steps.count)
    }

    public func value(ofVariable variable: Int, neuron: Int) -> Double { 0 }

    struct Stepper: PopulationStepper, @unchecked Sendable {
        let steps: UnsafeMutablePointer<Int>
        let ids: UnsafeMutablePointer<Int32>
        let count: Int

        func step(_ step: Int, range: Range<Int>, input: StepInput?, spikes: inout [Int32]) {
            // Binary search for the first spike of this step: no cursor, so ranges can run on any thread.
            var lo = 0, hi = count
            while lo < hi {
                let mid = (lo + hi) / 2
                if steps[mid] < step || (steps[mid] == step && Int(ids[mid]) < range.lowerBound) { lo = mid + 1 } else { hi = mid }
            }
            // A neuron given two times that round into one step fires once per time given.
            while lo < count && steps[lo] == step && Int(ids[lo]) < range.upperBound {
                spikes.append(ids[lo])
                lo += 1
            }
        }
    }
}
