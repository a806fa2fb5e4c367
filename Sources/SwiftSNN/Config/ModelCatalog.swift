/// The text of `snn models`: every neuron model, input and connection rule, with parameters, units and defaults,
/// generated from the same tables that validate configs.
public struct ModelCatalog: Sendable {
    /// The models and inputs listed.
    public var registry: ModelRegistry
    /// The rules listed.
    public var plasticityRules: PlasticityRegistry

    /// A catalogue of the given models and rules.
    public init(registry: ModelRegistry = .builtIn, plasticityRules: PlasticityRegistry = .builtIn) {
        self.registry = registry
        self.plasticityRules = plasticityRules
    }

    /// What `snn models` prints.
    public var text: String {
        var lines = ["Neuron models (\"model\" of a population):"]
        for model in registry.models.sorted(by: { $0.name < $1.name }) {
            lines.append("  \(model.name): \(model.summary)")
            lines += model.parameters.map(Self.row)
            let perNeuron = model.perNeuronParameters
            if !perNeuron.isEmpty {
                lines.append("    per neuron (recordable as state too): \(perNeuron.joined(separator: ", ")) (a number, {\"uniform\": ...}, {\"array\": ...}, {\"file\": ...} or {\"expression\": \"-65 + 15*r^2\"})")
            }
            lines.append("    state variables: " + model.stateVariables.filter { !perNeuron.contains($0.name) }
                            .map { "\($0.name) [\($0.unit)]" }.joined(separator: ", "))
        }
        lines.append("")
        lines.append("Inputs (\"model\" of a population):")
        for input in registry.inputs.sorted(by: { $0.name < $1.name }) {
            lines.append("  \(input.name): \(input.summary)")
            switch input.name {
            case PoissonGenerator.name: lines += PoissonGenerator.parameters.map(Self.row)
            case DCGenerator.name: lines += DCGenerator.parameters.map(Self.row)
            case SpikeGenerator.name:
                lines.append("    spike_times  [ms]  times for every neuron, or one list per neuron")
                lines.append("    spike_weights [1]  with spike_times, a factor on the synapse weight per spike (same shape)")
                lines.append("    file               .npy with fields t, id (as spike recorders write) or plain times")
            case BernoulliInput.name:
                lines.append("    p            [1]   a probability, or one per neuron (array, {\"array\": [...]}, {\"file\": ...})")
            default: break
            }
        }
        lines.append("")
        lines.append("Plasticity rules (\"plasticity\": {\"rule\": ..., \"params\": {...}, \"pairing\": \"all_to_all\" | \"nearest\"}):")
        for rule in plasticityRules.tables {
            lines.append("  \(rule.name): \(rule.summary)")
            lines += rule.parameters.map(Self.row)
        }
        lines.append("  A rule or neuron parameter may follow a modulator, {\"modulator\": name, \"scale\": s}, or a schedule,")
        lines.append("  {\"initial\": x, \"factor\": f, \"every_ms\": t} (not those that set weight bounds, trace time constants or periods;")
        lines.append("  neuron parameters in the clock engine only).")
        lines.append("")
        lines.append("Delay rules (\"delay_plasticity\": {\"rule\": ..., \"params\": {...}}, beside or without \"plasticity\"; both engines):")
        for rule in plasticityRules.delayRuleTables {
            lines.append("  \(rule.name): \(rule.summary)")
            lines += rule.parameters.map(Self.row)
        }
        lines.append("")
        lines.append("Modulators (\"modulators\": [{\"name\": ..., \"type\": ...}], read by bound rule and neuron parameters):")
        lines.append("  volume_transmitter (population, tau_ms, increment = 1, baseline = 0): trace of a population's spikes")
        lines.append("  schedule (times_ms, values): piecewise constant in time")
        lines.append("  external (initial = 0): set from Swift with Simulation.setModulator between runs")
        lines.append("  astrocyte_integrator (tau_ms, bias, inputs: [{population, weight}], density = 1): NALSM's astrocyte,")
        lines.append("    A += (dt/tau)(bias - A) + sum_k (weight_k/tau)·spikes_k; bias and weights may be schedules")
        lines.append("  population_mean (population, variable): mean of a state variable after each step (astrocytes' Ca_astro)")
        for modulator in registry.modulators { lines.append("  \(modulator.name): registered from Swift") }
        lines.append("")
        lines.append("Connection rules (\"connectivity\": {\"rule\": ...}); all take allow_autapses, allow_multapses (default true):")
        for rule in Connectivity.ruleNames {
            let keys = Connectivity.ruleKeys[rule]!
            lines.append("  \(rule)" + (keys.isEmpty ? "" : " (\(keys.joined(separator: ", ")))"))
        }
        lines.append("")
        lines.append("Values (initial, weight, delay_ms): a number, {\"uniform\": [low, high]}, {\"normal\": [mean, sd], \"min\": a, \"max\": b},")
        lines.append("  {\"choice\": [a, b]}, {\"array\": [...]} or {\"file\": \"values.npy\"}")
        return lines.joined(separator: "\n")
    }

    private static func row(_ spec: ParameterSpec) -> String {
        // Padded, never cut: a long unit or default (V_min's −1.8e308, NEST's −∞) must not read as another.
        func pad(_ text: String, _ width: Int) -> String {
            text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
        }
        let unit = spec.choices == nil ? "[\(spec.unit)]" : "", summary = spec.choices.map { "\(spec.summary): \($0.joined(separator: " | "))" }
        return "    \(pad(spec.key, 12)) \(pad(unit, 6)) default \(pad(spec.defaultText, 8)) \(summary ?? spec.summary)"
    }
}
