import ArgumentParser
import Foundation
import SwiftSNN

struct TrialsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trials",
        abstract: "Run a network as a series of independent trials, each from the state it was built with.",
        discussion: """
            Before each trial the simulation is reset (Simulation.reset): neuron state, spikes in flight, traces, \
            modulators and recorders as built; the weights learned so far are kept (--weights current, e.g. a \
            liquid's initialisation over many samples) or restored (--weights initial, e.g. feature extraction \
            from a trained liquid). With --inputs P.npy (float64, trials × neurons), trial k sets parameter p of \
            the Bernoulli input --input-population to row k: one image per trial.

            Outputs in DIR: <recorder>_counts.npy (float64, trials × neurons of the recorded population: spikes per \
            neuron and trial) for each spike recorder; every recorder's files of the first --record-trials trials \
            as <file>_trial<k>.npy; summary.json; with --save-weights the final weights as `snn run` writes them; \
            with --save-synapses the (source, target) pairs of every projection as synapses_projection<i>.npy \
            (float64, synapses × 2).
            """
    )

    @Argument(help: "The JSON network config.", completion: .file(extensions: ["json"]))
    var config: String

    @Option(name: .customLong("max-memory"), help: ArgumentHelp("Refuse networks estimated to need more memory than this (default: the memory available now).", valueName: "SIZE"))
    var maxMemory: MemoryLimit?

    @Option(name: .customLong("trial-ms"), help: "Simulated time of each trial in ms.")
    var trialMs: Double

    @Option(name: .long, help: ArgumentHelp("Per-trial input probabilities, float64 (trials × neurons).", valueName: "P.npy"))
    var inputs: String?

    @Option(name: .customLong("input-population"), help: "The bernoulli_input population that --inputs sets (default: the only one).")
    var inputPopulation: String?

    @Option(name: .long, help: "Number of trials (without --inputs; with it, its row count).")
    var trials: Int?

    @Option(name: .long, help: ArgumentHelp("Weights each trial starts with.", valueName: "current|initial"))
    var weights: String = "current"

    @Option(name: .customLong("record-trials"), help: "Write every recorder's files of this many first trials.")
    var recordTrials: Int = 0

    @Option(name: .long, help: ArgumentHelp("Output directory.", valueName: "DIR"))
    var out: String?

    @Option(name: .long, help: "Random seed (overrides simulation.seed).")
    var seed: UInt64?

    @Flag(name: .customLong("save-weights"), help: "Write the final weights of every plastic projection (as `snn run --save-weights`).")
    var saveWeights = false

    @Flag(name: .customLong("save-synapses"), help: "Write each projection's (source, target) pairs.")
    var saveSynapses = false

    func validate() throws {
        guard trialMs > 0 && trialMs.isFinite else { throw ValidationError("--trial-ms must be a finite number > 0, got \(trialMs)") }
        guard ["current", "initial"].contains(weights) else { throw ValidationError("--weights must be current or initial, got '\(weights)'") }
        if inputs == nil && trials == nil { throw ValidationError("give --inputs or --trials") }
        if let trials, trials < 1 { throw ValidationError("--trials must be >= 1, got \(trials)") }
        if recordTrials < 0 { throw ValidationError("--record-trials must be >= 0, got \(recordTrials)") }
        if out?.isEmpty == true { throw ValidationError("--out must name a directory, got an empty path") }
    }

    func run() throws {
        do {
            try Interruption.installSignalHandlers()
            var spec = try NetworkSpec.load(from: URL(fileURLWithPath: config))
            if let seed { spec.simulation.seed = seed }
            cappingThreads(of: &spec)
            guard try spec.simulation.grid.checkedSteps(trialMs, path: "--trial-ms") >= 1 else {
                throw SNNError("--trial-ms must be at least one step (\(spec.simulation.grid.dtMs) ms), got \(trialMs)")
            }
            var simulation = try Simulation(spec: spec, memoryLimit: maxMemory ?? .available())
            let directory = URL(fileURLWithPath: out ?? "out/\(spec.name)-trials")
            let (rows, input) = try inputRows(spec)
            let count = rows?.count ?? trials!
            if let rows, let trials, trials != rows.count {
                throw SNNError("--trials \(trials) but \(inputs!) has \(rows.count) rows")
            }
            let spikeRecorders = simulation.recorders.compactMap { $0 as? any SpikeRecording }
            var estimate = ResourceEstimate(spec: spec)
            estimate.parts += spikeRecorders.map { recorder in
                ResourceEstimate.Part(path: "--trials", count: Double(count) * Double(simulation.network.populations[recorder.population].count),
                                      items: "spike counts", bytesEach: 8, remedy: "--trials")
            }
            try estimate.require(within: maxMemory ?? .available())
            var counts = spikeRecorders.map { [Double](repeating: 0, count: count * simulation.network.populations[$0.population].count) }
            let start = DispatchTime.now()
            try OutputDirectory.prepare(directory)
            let lock = try OutputDirectory.lock(directory)
            defer { OutputDirectory.unlock(lock) }
            try OutputDirectory.removeEarlierRun(in: directory)
            var files: [String] = []
            func write(_ data: Data, _ name: String) throws {
                try AtomicFile.write(data, to: directory.appendingPathComponent(name))
                files.append(name)
            }
            // A stop request ends the trial in progress; the trials before it are written as usual.
            var completed = 0
            var interruption: RunInterrupted?
            for trial in 0..<count {
                if trial > 0 { try simulation.reset(weights: weights == "current" ? .current : .initial) }
                if let rows, let input { try simulation.setParameter("p", of: input, to: rows[trial]) }
                do {
                    try simulation.run(durationMs: trialMs)
                } catch let stop as RunInterrupted {
                    interruption = stop
                    break
                }
                completed += 1
                for (r, recorder) in spikeRecorders.enumerated() {
                    let n = simulation.network.populations[recorder.population].count
                    for id in try simulation.spikes(recorder.name).ids { counts[r][trial * n + Int(id)] += 1 }
                }
                if trial < recordTrials {
                    for recorder in simulation.recorders {
                        for file in recorder.files(grid: simulation.network.grid) {
                            try write(file.data, file.name.replacingOccurrences(of: ".npy", with: "_trial\(trial).npy"))
                        }
                    }
                }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            for (r, recorder) in spikeRecorders.enumerated() {
                let n = simulation.network.populations[recorder.population].count
                try write(NpyWriter.float64(Array(counts[r][..<(completed * n)]), shape: [completed, n]), "\(recorder.name)_counts.npy")
            }
            if saveWeights { files += try simulation.saveWeights(to: directory).map(\.lastPathComponent) }
            if saveSynapses {
                for i in spec.projections.indices {
                    let synapses = try simulation.synapses(ofProjection: i)
                    let pairs = zip(synapses.sources, synapses.targets).flatMap { [Double($0), Double($1)] }
                    try write(NpyWriter.float64(pairs, shape: [synapses.sources.count, 2]), "synapses_projection\(i).npy")
                }
            }
            var summary: [String: Any] = ["trials": completed, "trial_ms": trialMs, "weights": weights, "run_s": seconds,
                                          "seed": spec.simulation.effectiveSeed, "config": config, "files": files.sorted()]
            if interruption != nil { summary["interrupted"] = true }
            try AtomicFile.write(try JSONSerialization.data(withJSONObject: summary, options: [.prettyPrinted, .sortedKeys]),
                                 to: directory.appendingPathComponent("summary.json"))
            if let interruption {
                var stderr = StandardError()
                print("snn: interrupted in trial \(completed) of \(count); the \(completed) trials before it are in \(directory.path)", to: &stderr)
                throw ExitCode(128 + interruption.signal)
            }
            print("\(count) trials of \(formatMs(trialMs)) ms in \(String(format: "%.3f", seconds)) s; outputs in \(directory.path)")
        } catch let error as ConfigError {
            throw fail(error)
        } catch let error as SNNError {
            throw fail(error)
        } catch let error as MemoryLimit.Exceeded {
            throw fail(error)
        } catch let error as NumericalError {
            throw fail(error)
        }
    }

    /// The rows of --inputs and the population they set.
    private func inputRows(_ spec: NetworkSpec) throws -> ([[Double]]?, String?) {
        guard let inputs else { return (nil, nil) }
        let bernoulli = spec.populations.filter { $0.model == "bernoulli_input" }.map(\.name)
        guard let population = inputPopulation ?? (bernoulli.count == 1 ? bernoulli[0] : nil) else {
            throw SNNError("--inputs needs --input-population: the config has \(bernoulli.count) bernoulli_input populations")
        }
        let array: NpyArray
        do { array = try NpyArray.read(from: URL(fileURLWithPath: inputs)) } catch let e as NpyError { throw SNNError("\(inputs): \(e)") }
        guard array.shape.count == 2 else { throw SNNError("\(inputs): must be 2-D (trials × neurons), got shape \(array.shape)") }
        let values = try array.doubles(), width = array.shape[1]
        return ((0..<array.shape[0]).map { Array(values[($0 * width)..<(($0 + 1) * width)]) }, population)
    }

    private func formatMs(_ x: Double) -> String { x == x.rounded() && x < 1e15 ? String(Int(x)) : String(x) }
}
