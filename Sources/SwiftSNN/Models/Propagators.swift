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

    /// Response of V after one step to an alpha current's derivative D0 (I(t) = D0·t·e^{−t/τ_s}, NEST's dI), per
    /// pA/ms: e^{−h/τ_m}/(C r²) · (1 − e^{−x}(1 + x)), r = 1/τ_s − 1/τ_m, x = r h. Below |x| = 0.01 the bracket
    /// (≈ x²/2) cancels in floating point, so there it is its series Σ_{n≥2} (−1)ⁿ (n − 1) xⁿ/n!, to n = 8
    /// (the next term is below 1e-18 of the sum); at x = 0 it is NEST's singular case h²/(2C)·e^{−h/τ_m}.
    static func alphaToVoltage(_ h: Double, tauSyn: Double, tauM: Double, capacitance: Double) -> Double {
        let rate = 1 / tauSyn - 1 / tauM, x = rate * h
        guard abs(x) < 0.01 else {
            return exp(-h / tauM) * (-expm1(-x) - x * exp(-x)) / (capacitance * rate * rate)
        }
        // Σ (−1)ⁿ (n − 1) xⁿ/n! = x²·Σ_{n≥2} (−1)ⁿ (n − 1) x^{n−2}/n!, by Horner from n = 8 down.
        var series = 0.0, factorial = 40320.0
        for n in stride(from: 8, through: 2, by: -1) {
            series = series * x + (n % 2 == 0 ? 1 : -1) * Double(n - 1) / factorial
            factorial /= Double(n)
        }
        return exp(-h / tauM) * h * h * series / capacitance
    }
}
