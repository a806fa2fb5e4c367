import Foundation

/// Calcium astrocyte of the tripartite synapse (NEST `astrocyte_lr_1994`): the Li–Rinzel (1994) reduction of
/// the De Young–Keizer IP3 receptor model, with IP3 relaxing to a baseline and driven by presynaptic spikes
/// (Nadkarni & Jung 2003). Concentrations in µM, time in ms:
///
///     dIP3/dt   = (IP3_0 − IP3) / τ_IP3
///     dCa/dt    = J_channel − J_pump + J_leak + J_noise
///     dh/dt     = α_h (1 − h) − β_h h
///     J_channel = r_ER·rate_IP3R·m∞³·n∞³·h³·(Ca_ER − Ca),  m∞ = IP3/(IP3 + Kd_IP3_1),  n∞ = Ca/(Ca + Kd_act)
///     J_pump    = rate_SERCA·Ca² / (Km_SERCA² + Ca²),      J_leak = r_ER·rate_L·(Ca_ER − Ca)
///     Ca_ER     = (Ca_tot − Ca) / r_ER,                     r_ER = ratio_ER_cyt
///     α_h       = k_IP3R·Kd_inh·(IP3 + Kd_IP3_1)/(IP3 + Kd_IP3_2),  β_h = k_IP3R·Ca
///
/// with Ca clipped to [0, Ca_tot] inside the rates. Step order as NEST's: integrate over the step, clip Ca to
/// [0, Ca_tot], add delta_IP3·Σw of the step's arriving spikes to IP3 (weights must be ≥ 0), then take the step's
/// generator input as J_noise for the next step (NEST: a CurrentEvent's weight × amplitude, in µM/ms).
///
/// Scheme: classical 4th-order Runge–Kutta on substeps of at most 0.1 ms. NEST uses GSL's adaptive RKF45 bounded
/// by the step, whose error here is far below its 1e-3 tolerance: the fastest rate is rate_IP3R ≈ 0.006/ms, so
/// (h/τ)⁵ ≈ 1e-13 per step. Checked against NEST 3.10 traces (models/nest/astrocyte_lr_1994_*.csv).
/// The astrocyte never spikes; projections of `"type": "sic"` carry its slow inward current (`signal`).
public struct AstrocyteLR1994: NeuronModel {
    public static let name = "astrocyte_lr_1994"
    public static let summary = "Li–Rinzel calcium astrocyte driven by presynaptic spikes through IP3, RK4 (NEST astrocyte_lr_1994)"
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("Ca_tot", unit: "µM", default: 2.0, .positive, "Total free calcium concentration (cytosolic volume)"),
        ParameterSpec("IP3_0", unit: "µM", default: 0.16, .nonNegative, "Baseline IP3 concentration"),
        ParameterSpec("Kd_IP3_1", unit: "µM", default: 0.13, .positive, "First IP3R dissociation constant of IP3"),
        ParameterSpec("Kd_IP3_2", unit: "µM", default: 0.9434, .positive, "Second IP3R dissociation constant of IP3"),
        ParameterSpec("Kd_act", unit: "µM", default: 0.08234, .positive, "IP3R dissociation constant of calcium (activation)"),
        ParameterSpec("Kd_inh", unit: "µM", default: 1.049, .nonNegative, "IP3R dissociation constant of calcium (inhibition)"),
        ParameterSpec("Km_SERCA", unit: "µM", default: 0.1, .positive, "Activation constant of the SERCA pump"),
        ParameterSpec("SIC_scale", unit: "1", default: 1.0, .positive, "Scale of the slow inward current"),
        ParameterSpec("SIC_th", unit: "µM", default: 0.19669, .nonNegative, "Calcium threshold of the slow inward current"),
        ParameterSpec("delta_IP3", unit: "µM", default: 0.0002, .nonNegative, "IP3 added per unit of spike weight"),
        ParameterSpec("k_IP3R", unit: "1/(µM·ms)", default: 0.0002, .nonNegative, "IP3R binding rate of calcium inhibition"),
        ParameterSpec("rate_IP3R", unit: "1/ms", default: 0.006, .nonNegative, "Maximum rate of calcium release via IP3R"),
        ParameterSpec("rate_L", unit: "1/ms", default: 0.00011, .nonNegative, "Rate of calcium leak from the ER"),
        ParameterSpec("rate_SERCA", unit: "µM/ms", default: 0.0009, .nonNegative, "Maximum rate of calcium uptake by SERCA"),
        ParameterSpec("ratio_ER_cyt", unit: "1", default: 0.185, .positive, "Ratio of ER to cytosol volume"),
        ParameterSpec("tau_IP3", unit: "ms", default: 7142.0, .positive, "Time constant of IP3's relaxation to IP3_0"),
    ]
    public static let stateVariables = [
        StateVariableSpec("IP3", unit: "µM", "IP3 concentration"),
        StateVariableSpec("Ca_astro", unit: "µM", "Cytosolic calcium concentration"),
        StateVariableSpec("h_IP3R", unit: "1", "Fraction of IP3 receptors not inactivated by calcium"),
        StateVariableSpec("J_noise", unit: "µM/ms", "Input from current generators, applied in the next step"),
    ]
    public static let ports = InputPorts(planes: 2, excitatory: 0, inhibitory: 0, current: 1, acceptsNegativeWeights: false)
    public static let stimulusVariable: Int? = 3

    let caTotal, ip3Baseline, kdIP3First, kdIP3Second, kdActivation, kdInhibition, kmSERCA: Double
    let sicScale, sicThreshold, deltaIP3, kIP3R, rateIP3R, rateLeak, rateSERCA, ratioERCytosol, tauIP3Ms: Double
    let substeps: Int
    let substepMs: Double

    public init(_ p: ParameterValues, dtMs: Double) throws {
        caTotal = p["Ca_tot"]; ip3Baseline = p["IP3_0"]; kdIP3First = p["Kd_IP3_1"]; kdIP3Second = p["Kd_IP3_2"]
        kdActivation = p["Kd_act"]; kdInhibition = p["Kd_inh"]; kmSERCA = p["Km_SERCA"]
        sicScale = p["SIC_scale"]; sicThreshold = p["SIC_th"]; deltaIP3 = p["delta_IP3"]; kIP3R = p["k_IP3R"]
        rateIP3R = p["rate_IP3R"]; rateLeak = p["rate_L"]; rateSERCA = p["rate_SERCA"]
        ratioERCytosol = p["ratio_ER_cyt"]; tauIP3Ms = p["tau_IP3"]
        // At most 10⁵ substeps: specs keep dt within `SimulationSpec.dtRangeMs`.
        substeps = max(1, Int((dtMs / 0.1 - 1e-9).rounded(.up)))
        substepMs = dtMs / Double(substeps)
    }

    public func defaultInitialValue(of variable: Int) -> Double { [ip3Baseline, 0.073, 0.793, 0][variable] }

    /// (dIP3/dt, dCa/dt, dh/dt) at the given state.
    @inline(__always)
    func derivatives(ip3: Double, ca rawCa: Double, h: Double, noise: Double) -> (Double, Double, Double) {
        let ca = max(0, min(rawCa, caTotal))
        let alpha = kIP3R * kdInhibition * (ip3 + kdIP3First) / (ip3 + kdIP3Second)
        let pump = rateSERCA * ca * ca / (kmSERCA * kmSERCA + ca * ca)
        let m = ip3 / (ip3 + kdIP3First), n = ca / (ca + kdActivation)
        let caER = (caTotal - ca) / ratioERCytosol
        let leak = ratioERCytosol * rateLeak * (caER - ca)
        let channel = ratioERCytosol * rateIP3R * (m * m * m) * (n * n * n) * (h * h * h) * (caER - ca)
        return ((ip3Baseline - ip3) / tauIP3Ms, channel - pump + leak + noise, alpha * (1 - h) - kIP3R * ca * h)
    }

    public func update(state: UnsafeMutablePointer<Double>, refractory: UnsafeMutablePointer<Int32>, count: Int,
                       range: Range<Int>, input: StepInput, fired: UnsafeMutablePointer<Int32>) -> Int {
        let ip3s = state, cas = state + count, hs = state + 2 * count, noises = state + 3 * count
        let spikes = input.livePlane(Self.ports.excitatory, count: count)
        let currents = input.livePlane(Self.ports.current, count: count)
        let dt = substepMs
        for i in range {
            var ip3 = ip3s[i], ca = cas[i], h = hs[i]
            let noise = noises[i]
            for _ in 0..<substeps {
                let k1 = derivatives(ip3: ip3, ca: ca, h: h, noise: noise)
                let k2 = derivatives(ip3: ip3 + 0.5 * dt * k1.0, ca: ca + 0.5 * dt * k1.1, h: h + 0.5 * dt * k1.2, noise: noise)
                let k3 = derivatives(ip3: ip3 + 0.5 * dt * k2.0, ca: ca + 0.5 * dt * k2.1, h: h + 0.5 * dt * k2.2, noise: noise)
                let k4 = derivatives(ip3: ip3 + dt * k3.0, ca: ca + dt * k3.1, h: h + dt * k3.2, noise: noise)
                ip3 += dt / 6 * (k1.0 + 2 * k2.0 + 2 * k3.0 + k4.0)
                ca += dt / 6 * (k1.1 + 2 * k2.1 + 2 * k3.1 + k4.1)
                h += dt / 6 * (k1.2 + 2 * k2.2 + 2 * k3.2 + k4.2)
            }
            cas[i] = max(0, min(ca, caTotal))
            hs[i] = h
            ip3s[i] = ip3
            if let spikes {
                ip3s[i] += deltaIP3 * spikes[i]
                spikes[i] = 0
            }
            if let currents {
                noises[i] = currents[i]
                currents[i] = 0
            } else {
                noises[i] = 0
            }
        }
        return 0
    }
}

extension AstrocyteLR1994: SignalEmitting {
    /// The slow inward current (Nadkarni & Jung 2003, as NEST computes it after each step): SIC_scale·ln(y) for
    /// y = (Ca_astro − SIC_th)·1000 > 1, i.e. calcium more than 1 nM above threshold, else 0.
    public func signal(state: UnsafePointer<Double>, count: Int, neuron: Int) -> Double {
        let y = (state[count + neuron] - sicThreshold) * 1000
        return y > 1 ? sicScale * log(y) : 0
    }
}
