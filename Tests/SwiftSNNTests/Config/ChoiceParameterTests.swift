import Foundation
import Testing
@testable import SwiftSNN

/// Parameters that are one of several names (`ParameterSpec.Constraint.oneOf`): given in JSON as strings, written back
/// as strings, the same from the typed `Parameters`, and listed in `snn models` and the schema with their names.
@Suite struct ChoiceParameterTests {
    static let json = #"""
    {"simulation": {"duration_ms": 5},
     "populations": [{"name": "n", "size": 2, "model": "snntorch_synaptic", "params": {"alpha": 0.5, "beta": 0.9, "threshold": 1, "reset_mechanism": "zero", "reset_delay": "true"}},
                     {"name": "j", "size": 1, "model": "spikingjelly_lif", "params": {"decay_input": "false", "reset_mode": "soft"}}]}
    """#

    @Test func typedParametersGiveTheSpecOfTheJSON() throws {
        let spec = try NetworkSpec(json: Self.json)
        #expect(spec.populations[0] == PopulationSpec(name: "n", size: 2, SnnTorchSynaptic.Parameters(alpha: 0.5, resetMechanism: .zero)))
        #expect(spec.populations[0].params["reset_mechanism"] == .text("zero"))
        #expect(spec.populations[1].params["decay_input"] == .text("false"))
        #expect(PopulationSpec(name: "j", size: 1, SpikingJellyLIF.Parameters(decayInput: false, resetMode: .soft)).params["reset_mode"] == .text("soft"))
    }

    @Test func aChoiceIsWrittenBackAsItsName() throws {
        let spec = try NetworkSpec(json: Self.json)
        #expect(spec.jsonText.contains(#""reset_mechanism": "zero""#))
        #expect(try NetworkSpec(json: spec.jsonText) == spec)
    }

    @Test func theCheckedValuesHoldTheChoiceAndItsDefault() throws {
        let given = try ParameterValues([:], named: ["reset_mechanism": "none"], specs: SnnTorchLeaky.parameters, path: "p")
        #expect(given.choice("reset_mechanism", in: SnnTorchLeaky.parameters) == SnnTorchLeaky.ResetMechanism.none)
        let defaults = try ParameterValues(defaultsOf: SnnTorchLeaky.parameters)
        #expect(defaults.choice("reset_mechanism", in: SnnTorchLeaky.parameters) == SnnTorchLeaky.ResetMechanism.subtract)
        #expect(SnnTorchLeaky.Parameters().resetMechanism == .subtract)
    }

    /// Setting a parameter from code keeps the choices; setting a choice to a number is refused.
    @Test func settingAParameterKeepsTheChoices() throws {
        let values = try ParameterValues([:], named: ["reset_mechanism": "zero"], specs: SnnTorchLeaky.parameters, path: "p")
        let changed = try values.setting("beta", to: 0.25, specs: SnnTorchLeaky.parameters)
        #expect(changed["beta"] == 0.25)
        #expect(changed.choice("reset_mechanism", in: SnnTorchLeaky.parameters) == SnnTorchLeaky.ResetMechanism.zero)
        #expect(throws: ConfigError(path: "p.reset_mechanism", problem: "must be one of 'subtract', 'zero', 'none' (a string), got the number 1")) {
            try values.setting("reset_mechanism", to: 1, specs: SnnTorchLeaky.parameters)
        }
    }

    @Test func modelsAndSchemaListTheNames() throws {
        let row = ModelCatalog().text.split(separator: "\n").first { $0.contains("reset_mechanism") }
        #expect(row.map { $0.contains("default subtract") && $0.hasSuffix("subtract | zero | none") } == true)
        let schema = ConfigSchema.schema(registry: .builtIn, plasticityRules: .builtIn)
        guard case .object(let root) = schema, case .object(let defs) = root["$defs"], case .object(let params) = defs["snntorch_leaky.params"],
              case .object(let properties) = params["properties"] else {
            Issue.record("no snntorch_leaky.params in the schema")
            return
        }
        #expect(properties["reset_mechanism"] == .object(["type": "string", "enum": ["subtract", "zero", "none"], "default": "subtract",
                                                          "description": "What a spike does to U in the next step"]))
    }
}
