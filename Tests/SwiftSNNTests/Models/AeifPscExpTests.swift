import Testing
@testable import SwiftSNN

/// `aeif_psc_exp` against NEST 3.10 (models/nest/aeif_psc_exp_*.csv), with AeifCondExpTests' runs and
/// comparison (spike steps NEST's; V_m and w to the files' 15 digits). The membrane, adaptation and integrator are
/// aeif_cond_exp's, tested there; these check the current synapses and their signs.
@Suite struct AeifPscExpTests {
    /// Reference: aeif_psc_exp_input_spikes, I_e = 400 pA, t_ref 2 ms, 20 nA excitatory kicks every 50 ms from
    /// 100 ms (τ_syn_ex 0.2 ms: ~14 mV each): 6 spikes.
    @Test func excitatoryCurrentSpikesMatchNest() throws {
        try AeifCondExpTests.expectMatchesNest(
            AeifCondExpTests.run(["I_e": 400, "t_ref": 2], model: AeifPscExp.name, input: (AeifCondExpTests.inputSpikes, 20000)),
            "aeif_psc_exp_input_spikes")
    }

    /// Reference: aeif_psc_exp_ipsp, I_e = 700 pA with −500 pA spikes (I_syn_in += 500 pA) every 50 ms from
    /// 100 ms: 8 spikes, where the current alone makes 9.
    @Test func inhibitoryCurrentSpikesMatchNest() throws {
        try AeifCondExpTests.expectMatchesNest(
            AeifCondExpTests.run(["I_e": 700], model: AeifPscExp.name, input: (AeifCondExpTests.inputSpikes, -500)),
            "aeif_psc_exp_ipsp")
    }
}
