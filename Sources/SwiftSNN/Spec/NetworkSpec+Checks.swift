extension NetworkSpec {
    /// Checks what the spec alone can tell: ranges of settings and sizes, names (non-empty, unique, file-name
    /// safe for recorders), schedules and binding factors. Errors name the place as its JSON path. Decoding runs
    /// this; so does lowering, for specs built in Swift. References between parts (population names, model
    /// parameters, index ranges, files) are checked when the spec is lowered (`NetworkBuilder`).
    public func check() throws {
        try require(simulation.durationMs, .nonNegative, "simulation.duration_ms")
        if let dt = simulation.dtMs {
            try require(dt, .positive, "simulation.dt_ms")
            guard SimulationSpec.dtRangeMs.contains(dt) else {
                throw ConfigError(path: "simulation.dt_ms", problem: "must be in [\(formatNumber(SimulationSpec.dtRangeMs.lowerBound)), \(formatNumber(SimulationSpec.dtRangeMs.upperBound))] ms, got \(formatNumber(dt))")
            }
        }
        let grid = simulation.grid
        let durationSteps = try grid.checkedSteps(simulation.durationMs, path: "simulation.duration_ms")
        if simulation.durationMs > 0 && durationSteps == 0 {
            throw ConfigError(path: "simulation.duration_ms", problem: "is under half a step of dt (\(formatNumber(grid.dtMs)) ms), so no step would be simulated, got \(formatNumber(simulation.durationMs))")
        }
        if let threads = simulation.threads, threads < 0 {
            throw ConfigError(path: "simulation.threads", problem: "must be >= 0, got \(threads)")
        }
        for (i, p) in populations.enumerated() {
            let path = "populations[\(i)]"
            guard !p.name.isEmpty else { throw ConfigError(path: "\(path).name", problem: "must not be empty") }
            guard p.size >= 1 else { throw ConfigError(path: "\(path).size", problem: "must be >= 1, got \(p.size)") }
            guard p.size <= Int(Int32.max) else { throw ConfigError(path: "\(path).size", problem: "must be < 2^31, got \(p.size)") }
            try checkBindings(p.params, path: "\(path).params")
        }
        for (i, p) in projections.enumerated() {
            if let plasticity = p.plasticity { try checkBindings(plasticity.params, path: "projections[\(i)].plasticity.params") }
            if let delays = p.delayPlasticity { try checkBindings(delays.params, path: "projections[\(i)].delay_plasticity.params") }
        }
        for (i, m) in modulators.enumerated() {
            let path = "modulators[\(i)]"
            guard !m.name.isEmpty else { throw ConfigError(path: "\(path).name", problem: "must not be empty") }
            switch m.kind {
            case .volumeTransmitter(_, let tau, _, _):
                try require(tau, .positive, "\(path).tau_ms")
            case .schedule(let times, let values):
                for (j, t) in times.enumerated() {
                    try require(t, .nonNegative, "\(path).times_ms[\(j)]")
                    _ = try grid.checkedSteps(t, path: "\(path).times_ms[\(j)]")
                }
                guard times.count == values.count else {
                    throw ConfigError(path: "\(path).values", problem: "must have one value per entry of times_ms (\(times.count)), got \(values.count)")
                }
                if let j = times.indices.dropFirst().first(where: { times[$0] <= times[$0 - 1] }) {
                    throw ConfigError(path: "\(path).times_ms[\(j)]", problem: "times must increase, got \(formatNumber(times[j])) after \(formatNumber(times[j - 1]))")
                }
            case .external:
                break
            case .astrocyteIntegrator(let astrocyte):
                try require(astrocyte.tauMs, .positive, "\(path).tau_ms")
                try checkSchedule(astrocyte.bias, path: "\(path).bias")
                guard !astrocyte.inputs.isEmpty else {
                    throw ConfigError(path: "\(path).inputs", problem: "must list at least one population to listen to")
                }
                for (k, input) in astrocyte.inputs.enumerated() {
                    try checkSchedule(input.weight, path: "\(path).inputs[\(k)].weight")
                }
                if let fade = astrocyte.fade {
                    try require(fade.factor, .positive, "\(path).fade.factor")
                    if let everyMs = fade.everyMs { try checkPeriod(everyMs, path: "\(path).fade.every_ms") }
                }
                if let density = astrocyte.density, !(density > 0 && density <= 1) {
                    throw ConfigError(path: "\(path).density", problem: "must be in (0, 1], got \(formatNumber(density))")
                }
            case .populationMean:
                if m.initial != nil {
                    throw ConfigError(path: "\(path).initial", problem: "not allowed for population_mean modulators: they start at the mean of the initial state")
                }
            case .custom:
                break
            }
        }
        for (i, r) in recorders.enumerated() {
            let path = "recorders[\(i)]"
            guard !r.name.isEmpty, r.name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw ConfigError(path: "\(path).name", problem: "must be a non-empty file-name-safe name (letters, digits, _ and -), got '\(r.name)'")
            }
            switch r.kind {
            case .spikes: break
            case .state(_, let variables, _, let interval):
                guard !variables.isEmpty else { throw ConfigError(path: "\(path).variables", problem: "must name at least one variable") }
                try checkInterval(interval, path: "\(path).interval_ms")
            case .weights(let projection, let interval), .delays(let projection, let interval):
                guard projection >= 0 else { throw ConfigError(path: "\(path).projection", problem: "must be >= 0, got \(projection)") }
                try checkInterval(interval, path: "\(path).interval_ms")
            case .modulators(_, let interval):
                try checkInterval(interval, path: "\(path).interval_ms")
            case .custom:
                break
            }
        }
        try checkUniqueNames()
    }

    private func require(_ x: Double, _ constraint: ParameterSpec.Constraint, _ path: String) throws {
        if let problem = constraint.violation(x) { throw ConfigError(path: path, problem: problem) }
    }

    /// A sampling interval (default `RecorderSpec.defaultIntervalMs`) is a whole number of steps, at least one.
    private func checkInterval(_ intervalMs: Double?, path: String) throws {
        let ms = intervalMs ?? RecorderSpec.defaultIntervalMs, grid = simulation.grid
        try require(ms, .positive, path)
        guard grid.isMultiple(ms), try grid.checkedSteps(ms, path: path) >= 1 else {
            throw ConfigError(path: path, problem: "must be a multiple of dt (\(formatNumber(grid.dtMs)) ms), got \(formatNumber(ms))")
        }
    }

    /// How often a schedule changes: positive, and a step count the grid can hold.
    private func checkPeriod(_ ms: Double, path: String) throws {
        try require(ms, .positive, path)
        _ = try simulation.grid.checkedSteps(ms, path: path)
    }

    private func checkBindings(_ params: [String: ParameterValue], path: String) throws {
        for key in params.keys.sorted() {
            guard case .bound(.schedule(let initial, let factor, let everyMs)) = params[key]! else { continue }
            try checkSchedule(.geometric(initial: initial, factor: factor, everyMs: everyMs), path: "\(path).\(key)")
        }
    }

    private func checkSchedule(_ schedule: ScheduledNumber, path: String) throws {
        switch schedule {
        case .constant(let x):
            try require(x, .any, path)
        case let .geometric(initial, factor, everyMs):
            try require(initial, .any, "\(path).initial")
            try require(factor, .positive, "\(path).factor")
            if let everyMs { try checkPeriod(everyMs, path: "\(path).every_ms") }
        }
    }

    private func checkUniqueNames() throws {
        var seen = Set<String>()
        for (i, p) in populations.enumerated() where !seen.insert(p.name).inserted {
            throw ConfigError(path: "populations[\(i)].name", problem: "duplicate population name '\(p.name)'")
        }
        seen = []
        for (i, l) in layouts.enumerated() where l.name.isEmpty || !seen.insert(l.name).inserted {
            throw ConfigError(path: "layouts[\(i)].name", problem: l.name.isEmpty ? "must not be empty" : "duplicate layout name '\(l.name)'")
        }
        seen = []
        for (i, m) in modulators.enumerated() where !seen.insert(m.name).inserted {
            throw ConfigError(path: "modulators[\(i)].name", problem: "duplicate modulator name '\(m.name)'")
        }
        seen = []
        // Every file the recorders write must be distinct, beside summary.json and the files of --save-weights,
        // --save-delays and --save-synapses, so that no output silently replaces another.
        var writers: [String: Int] = [:]
        for (i, r) in recorders.enumerated() {
            let path = "recorders[\(i)].name"
            guard r.name != "summary" else { throw ConfigError(path: path, problem: "'summary' is reserved for summary.json") }
            guard seen.insert(r.name).inserted else {
                throw ConfigError(path: path, problem: "duplicate recorder name '\(r.name)'")
            }
            if let saved = RecorderSpec.savedFilePrefixes.first(where: { r.name.hasPrefix($0) && r.name.dropFirst($0.count).allSatisfy(\.isNumber) }) {
                throw ConfigError(path: path, problem: "'\(saved)<i>' names are reserved for the files snn writes with --save-weights, --save-delays and --save-synapses")
            }
            for file in r.fileNames {
                guard file.utf8.count <= 255 else {
                    throw ConfigError(path: path, problem: "makes a file name of \(file.utf8.count) bytes (\(file.prefix(20))…); at most 255")
                }
                if let other = writers[file] {
                    throw ConfigError(path: path, problem: "writes \(file), as recorder '\(recorders[other].name)' (recorders[\(other)]) does; rename one")
                }
                writers[file] = i
            }
        }
    }
}
