import Foundation

/// `spike_generator`: emits spikes at given times. `params` is either `{"spike_times": [t, ...]}` (the same times
/// for every neuron of the population), `{"spike_times": [[t, ...], [t, ...], ...]}` (one list per neuron), or
/// `{"file": "spikes.npy"}` holding a structured array with fields `t` (ms) and `id` (as the spike recorder
/// writes it) or a plain array of times for every neuron. A time t is rounded to the grid and the spike carries
/// the stamp t, so it acts on a target at t + delay (NEST `spike_generator` with on-grid times). The event-driven
/// engine emits at t exactly.
public struct SpikeGenerator: Population {
    /// The model name a spec uses.
    public static let name = "spike_generator"

    public var name: String
    public var count: Int
    /// Spikes sorted by (step, id).
    private var steps: Column<Int>
    private var ids: Column<Int32>
    /// The same spikes at their times as given, sorted by (time, id): what the event-driven engine emits.
    public private(set) var exactSpikeTrain: [(timeMs: Double, id: Int32)]?

    /// - Parameters:
    ///   - name: the population's name.
    ///   - count: its number of neurons.
    ///   - params: `spike_times` or `file`, as in a spec.
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
        if let key = params.keys.sorted().first(where: { $0 != "spike_times" && $0 != "file" }) {
            throw ConfigError(path: "\(paramsPath).\(key)", problem: "unknown key; allowed: file, spike_times")
        }
        guard !params.isEmpty else { throw ConfigError(path: paramsPath, problem: "spike_generator needs spike_times or file") }
        guard params.count == 1 else { throw ConfigError(path: paramsPath, problem: "needs exactly one of spike_times, file") }
        var spikes: [(time: Double, id: Int, path: String)] = []
        if let times = params["spike_times"] {
            let timesPath = "\(paramsPath).spike_times"
            switch times {
            case .lists(let lists):
                guard lists.count == count else {
                    throw ConfigError(path: timesPath, problem: "has \(lists.count) lists, expected \(count) (one per neuron)")
                }
                for (i, list) in lists.enumerated() {
                    for (j, t) in list.enumerated() { spikes.append((t, i, "\(timesPath)[\(i)][\(j)]")) }
                }
            case .numbers(let list):
                for (j, t) in list.enumerated() {
                    for i in 0..<count { spikes.append((t, i, "\(timesPath)[\(j)]")) }
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
                        spikes.append((t, Int(id), filePath))
                    }
                } else {
                    for t in try array.doubles() { for i in 0..<count { spikes.append((t, i, filePath)) } }
                }
            } catch let e as NpyError { throw ConfigError(path: filePath, problem: e.description) }
        }
        var events: [(step: Int, id: Int32)] = []
        events.reserveCapacity(spikes.count)
        for s in spikes {
            if exactTimes && !(s.time.isFinite && s.time > 0) {
                throw ConfigError(path: s.path, problem: "spike time must be > 0 ms, got \(formatNumber(s.time))")
            }
            let step = try grid.checkedSteps(s.time, path: s.path)
            if !exactTimes && step < 1 {
                throw ConfigError(path: s.path, problem: "spike time must be >= dt (\(formatNumber(grid.dtMs)) ms), got \(formatNumber(s.time))")
            }
            events.append((max(step, 1) - 1, Int32(s.id)))
        }
        events.sort { ($0.step, $0.id) < ($1.step, $1.id) }
        exactSpikeTrain = spikes.map { ($0.time, Int32($0.id)) }.sorted { ($0.timeMs, $0.id) < ($1.timeMs, $1.id) }
        steps = Column(events.map(\.step))
        ids = Column(events.map(\.id))
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
