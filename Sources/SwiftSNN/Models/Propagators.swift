import Foundation

/// Exact propagators of the linear subthreshold dynamics over one step `h` (Rotter & Diesmann 1999; NEST
/// `IAFPropagator`): for dV/dt = −V/τ_m + I/C_m, dI/dt = −I/τ_s, V being relative to E_L.
enum Propagators {
    /// e^{−h/τ}: decay of V (τ = τ_m) or of a synaptic current (τ = τ_s) over one step.
    static func decay(_ h: Double, tau: Double) -> Double { exp(-h / tau) }

    /// Response of V to a constant current over one step, per pA: τ_m/C_m · (1 − e^{−h/τ_m}).
    static func constantCurrent(_ h: Double, tauM: Double, capacitance: Double) -> Double {
        -tauM / capacitance * expm1(-h / tauM)
    }

    /// Response of V after one step to a synaptic current I0 decaying with τ_s, per pA:
    /// τ_s τ_m / (C (τ_m − τ_s)) · (e^{−h/τ_m} − e^{−h/τ_s}), written with expm1 so it stays accurate when
    /// τ_s → τ_m, where it tends to h/C · e^{−h/τ} (the singular case NEST treats separately).
    static func currentToVoltage(_ h: Double, tauSyn: Double, tauM: Double, capacitance: Double) -> Double {
        let rate = 1 / tauSyn - 1 / tauM
        if abs(rate) * h < 1e-12 { return h / capacitance * exp(-h / tauM) }
        return exp(-h / tauM) * (-expm1(-h * rate)) / (capacitance * rate)
    }
}
