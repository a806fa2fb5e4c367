import Foundation
import Testing
@testable import SwiftSNN

/// The LIF models' C integration loops (vectorised, with an avx2 clone) against straightforward scalar Swift
/// written from the equations in each model's documentation, on random states, inputs and refractory counters.
/// Both must round every operation the same way (no fused multiply-add), so the bits must agree: otherwise
/// results would depend on the processor. The kernels also take (read and zero) the step's input and report the
/// neurons that fired.
@Suite struct IntegrationKernelReferenceTests {
    static let count = 103  // not a multiple of the vector width, so the loops' tails run too

    struct RandomStep {
        var state: [Double]
        var refractory: [Int32]
        var input: [Double]
        var fired: [Int32] = []
    }

    static func randomStep(variables: Int, planes: Int, seed: UInt64) -> RandomStep {
        var rng = RandomStream(seed: seed, purpose: .initialState, 7)
        let state = (0..<(variables * count)).map { i in i < count ? -75 + 25 * rng.nextUniform() : 300 * (rng.nextUniform() - 0.5) }
        let refractory = (0..<count).map { _ in rng.nextUniform() < 0.3 ? Int32(rng.nextInt(below: 20)) : 0 }
        let input = (0..<(planes * count)).map { _ in rng.nextUniform() < 0.5 ? 0 : 100 * (rng.nextUniform() - 0.5) }
        return RandomStep(state: state, refractory: refractory, input: input)
    }

    /// Runs `model` on a copy of `step` over all neurons with input planes `livePlanes` live; returns the new
    /// state, counters, what is left of the input and the neurons that fired.
    static func run<M: NeuronModel>(_ model: M, _ step: RandomStep, livePlanes: UInt32 = ~0) -> RandomStep {
        var out = step
        var fired = [Int32](repeating: -1, count: count)
        let n = out.state.withUnsafeMutableBufferPointer { s in
            out.refractory.withUnsafeMutableBufferPointer { r in
                out.input.withUnsafeMutableBufferPointer { input in
                    fired.withUnsafeMutableBufferPointer { f in
                        model.update(state: s.baseAddress!, refractory: r.baseAddress!, count: count, range: 0..<count,
                                     input: StepInput(values: input.baseAddress!, livePlanes: livePlanes),
                                     fired: f.baseAddress!)
                    }
                }
            }
        }
        out.fired = Array(fired[..<n])
        return out
    }

    /// Applies the spike condition to one neuron of the reference; appends it to `fired` if it fires.
    static func fire(_ v: inout Double, _ r: inout Int32, threshold: Double, reset: Double, refractorySteps: Int32,
                     neuron: Int, fired: inout [Int32]) {
        if v >= threshold {
            v = reset
            r = refractorySteps
            fired.append(Int32(neuron))
        }
    }

    @Test func iafPscExpKernelMatchesScalarReference() throws {
        let dt = 0.1, tauM = 10.0, c = 250.0, tauEx = 2.0, tauIn = 5.0, eL = -70.0, iE = 120.0
        let model = try IafPscExp(ParameterValues(defaultsOf: IafPscExp.parameters,
                                                  overriding: ["tau_syn_in": tauIn, "I_e": iE]), dtMs: dt)
        let step = Self.randomStep(variables: 4, planes: 3, seed: 1)
        let got = Self.run(model, step)
        let n = Self.count
        let p22 = exp(-dt / tauM), p20 = -tauM / c * expm1(-dt / tauM)
        let p11ex = exp(-dt / tauEx), p11in = exp(-dt / tauIn)
        let p21ex = Propagators.currentToVoltage(dt, tauSyn: tauEx, tauM: tauM, capacitance: c)
        let p21in = Propagators.currentToVoltage(dt, tauSyn: tauIn, tauM: tauM, capacitance: c)
        var fired: [Int32] = []
        for i in 0..<n {
            var v = step.state[i], r = step.refractory[i]
            var iEx = step.state[n + i], iIn = step.state[2 * n + i]
            let iStim = step.state[3 * n + i]
            if r == 0 {
                v = eL + ((v - eL) * p22 + (iE + iStim) * p20 + iEx * p21ex + iIn * p21in)
            } else {
                r -= 1
            }
            iEx = iEx * p11ex + step.input[i]
            iIn = iIn * p11in + step.input[n + i]
            Self.fire(&v, &r, threshold: -55, reset: -70, refractorySteps: 20, neuron: i, fired: &fired)
            #expect(got.state[i].bitPattern == v.bitPattern, "V_m of neuron \(i)")
            #expect(got.state[n + i].bitPattern == iEx.bitPattern && got.state[2 * n + i].bitPattern == iIn.bitPattern)
            #expect(got.state[3 * n + i] == step.input[2 * n + i] && got.refractory[i] == r)
        }
        #expect(got.fired == fired, "neurons that fired")
        #expect(got.input.allSatisfy { $0 == 0 }, "the kernel leaves the step's input zeroed")
    }

    /// NEST iaf_psc_alpha's update, statement by statement, with the propagators written out.
    @Test func iafPscAlphaKernelMatchesScalarReference() throws {
        let dt = 0.1, tauM = 10.0, c = 250.0, tauEx = 2.0, tauIn = 5.0, eL = -70.0, iE = 120.0, vMin = -73.0
        let model = try IafPscAlpha(ParameterValues(defaultsOf: IafPscAlpha.parameters,
                                                    overriding: ["tau_syn_in": tauIn, "I_e": iE, "V_min": vMin]), dtMs: dt)
        let step = Self.randomStep(variables: 6, planes: 3, seed: 7)
        let got = Self.run(model, step)
        let n = Self.count
        let p33 = exp(-dt / tauM), p30 = -tauM / c * expm1(-dt / tauM)
        func propagators(_ tau: Double) -> (decay: Double, lag: Double, jump: Double, rise: Double, gain: Double) {
            let r = 1 / tau - 1 / tauM
            let rise = Propagators.alphaToVoltage(dt, tauSyn: tau, tauM: tauM, capacitance: c)
            let textbook = exp(-dt / tauM) * (1 - exp(-r * dt) * (1 + r * dt)) / (c * r * r)
            // The textbook form loses ~4ε/x² of its value to cancellation (x = r·dt, 0.01 for τ = 5 ms).
            #expect(abs(rise - textbook) <= 8 * .ulpOfOne / (r * dt * r * dt) * textbook, "dI to V propagator for tau \(tau)")
            return (exp(-dt / tau), dt * exp(-dt / tau), M_E / tau, rise,
                    Propagators.currentToVoltage(dt, tauSyn: tau, tauM: tauM, capacitance: c))
        }
        let ex = propagators(tauEx), inh = propagators(tauIn)
        var fired: [Int32] = [], clamped = 0
        for i in 0..<n {
            var v = step.state[i], r = step.refractory[i]
            var iEx = step.state[n + i], iIn = step.state[2 * n + i]
            var dEx = step.state[3 * n + i], dIn = step.state[4 * n + i]
            let iStim = step.state[5 * n + i]
            if r == 0 {
                v = eL + ((v - eL) * p33 + (iE + iStim) * p30 + dEx * ex.rise + iEx * ex.gain + dIn * inh.rise
                          + iIn * inh.gain)
                if v < vMin { v = vMin; clamped += 1 }
            } else {
                r -= 1
            }
            iEx = dEx * ex.lag + iEx * ex.decay
            iIn = dIn * inh.lag + iIn * inh.decay
            dEx = dEx * ex.decay + step.input[i] * ex.jump
            dIn = dIn * inh.decay + step.input[n + i] * inh.jump
            Self.fire(&v, &r, threshold: -55, reset: -70, refractorySteps: 20, neuron: i, fired: &fired)
            #expect(got.state[i].bitPattern == v.bitPattern, "V_m of neuron \(i)")
            #expect(got.state[n + i].bitPattern == iEx.bitPattern && got.state[2 * n + i].bitPattern == iIn.bitPattern)
            #expect(got.state[3 * n + i].bitPattern == dEx.bitPattern && got.state[4 * n + i].bitPattern == dIn.bitPattern)
            #expect(got.state[5 * n + i] == step.input[2 * n + i] && got.refractory[i] == r)
        }
        #expect(clamped > 0, "the random step should take some neurons below V_min")
        #expect(got.fired == fired, "neurons that fired")
        #expect(got.input.allSatisfy { $0 == 0 }, "the kernel leaves the step's input zeroed")
    }

    /// A random izhikevich step whose neurons have their own a, b, c, d (state variables 3 to 6), each in the
    /// range of Izhikevich's (2003) heterogeneous network.
    static func izhikevichStep(seed: UInt64) -> RandomStep {
        var step = randomStep(variables: 7, planes: 2, seed: seed)
        var rng = RandomStream(seed: seed, purpose: .initialState, 8)
        for i in 0..<count {
            let r = rng.nextUniform()
            for (v, x) in [0.02 + 0.08 * r, 0.25 - 0.05 * r, -65 + 15 * r * r, 8 - 6 * r * r].enumerated() {
                step.state[(3 + v) * count + i] = x
            }
        }
        return step
    }

    /// NEST izhikevich's update, statement by statement, in both schemes, each neuron with its own a, b, c, d.
    @Test(arguments: [1.0, 0.0])
    func izhikevichKernelMatchesScalarReference(consistentIntegration: Double) throws {
        let dt = 0.1, iE = 5.0, vMin = -74.0, threshold = 30.0
        let model = try Izhikevich(ParameterValues(defaultsOf: Izhikevich.parameters,
                                                   overriding: ["I_e": iE, "V_min": vMin,
                                                                "consistent_integration": consistentIntegration]), dtMs: dt)
        var step = Self.izhikevichStep(seed: 9)
        let n = Self.count
        for i in 0..<n { step.state[i] = -80 + 115 * Double(i) / Double(n) }  // from below V_min to above V_th
        let got = Self.run(model, step)
        func slope(_ v: Double, _ u: Double, _ stimulus: Double) -> Double {
            0.04 * v * v + 5.0 * v + 140.0 - u + stimulus + iE
        }
        var fired: [Int32] = [], clamped = 0
        for i in 0..<n {
            var v = step.state[i], u = step.state[n + i]
            let stimulus = step.state[2 * n + i], jump = step.input[i]
            let (a, b, c, d) = (step.state[3 * n + i], step.state[4 * n + i], step.state[5 * n + i], step.state[6 * n + i])
            if consistentIntegration == 1 {
                let (v0, u0) = (v, u)
                v += dt * slope(v0, u0, stimulus) + jump
                u += dt * a * (b * v0 - u0)
            } else {
                v += dt * 0.5 * (slope(v, u, stimulus) + jump)
                v += dt * 0.5 * (slope(v, u, stimulus) + jump)
                u += dt * a * (b * v - u)
            }
            if v < vMin { v = vMin; clamped += 1 }
            if v >= threshold {
                v = c
                u += d
                fired.append(Int32(i))
            }
            #expect(got.state[i].bitPattern == v.bitPattern, "V_m of neuron \(i)")
            #expect(got.state[n + i].bitPattern == u.bitPattern, "U_m of neuron \(i)")
            #expect(got.state[2 * n + i] == step.input[n + i])
            #expect((3..<7).allSatisfy { got.state[$0 * n + i] == step.state[$0 * n + i] }, "a, b, c, d stay")
        }
        #expect(clamped > 0 && !fired.isEmpty, "the random step should clamp some neurons and fire others")
        #expect(got.fired == fired, "neurons that fired")
        #expect(got.refractory == step.refractory, "izhikevich has no refractory period")
        #expect(got.input.allSatisfy { $0 == 0 }, "the kernel leaves the step's input zeroed")
    }

    @Test func iafPscDeltaKernelMatchesScalarReference() throws {
        let dt = 0.1, tauM = 10.0, c = 250.0, eL = -70.0, iE = 80.0
        let model = try IafPscDelta(ParameterValues(defaultsOf: IafPscDelta.parameters, overriding: ["I_e": iE]), dtMs: dt)
        let step = Self.randomStep(variables: 2, planes: 2, seed: 2)
        let got = Self.run(model, step)
        let n = Self.count
        let p33 = exp(-dt / tauM), p30 = -tauM / c * expm1(-dt / tauM)
        var fired: [Int32] = []
        for i in 0..<n {
            var v = step.state[i], r = step.refractory[i]
            if r == 0 {
                v = eL + (p30 * (step.state[n + i] + iE) + p33 * (v - eL) + step.input[i])
            } else {
                r -= 1
            }
            Self.fire(&v, &r, threshold: -55, reset: -70, refractorySteps: 20, neuron: i, fired: &fired)
            #expect(got.state[i].bitPattern == v.bitPattern, "V_m of neuron \(i)")
            #expect(got.state[n + i] == step.input[n + i] && got.refractory[i] == r)
        }
        #expect(got.fired == fired, "neurons that fired")
        #expect(got.input.allSatisfy { $0 == 0 }, "the kernel leaves the step's input zeroed")
    }

    @Test func iafCondExpKernelMatchesScalarReference() throws {
        let dt = 0.1, c = 250.0, gL = 16.6667, eL = -70.0, eEx = 0.0, eIn = -85.0, tauEx = 0.2, tauIn = 2.0, iE = 50.0
        let model = try IafCondExp(ParameterValues(defaultsOf: IafCondExp.parameters, overriding: ["I_e": iE]), dtMs: dt)
        var step = Self.randomStep(variables: 4, planes: 3, seed: 3)
        let n = Self.count
        for i in n..<(3 * n) { step.state[i] = abs(step.state[i]) }  // conductances are >= 0
        let got = Self.run(model, step)
        let halfEx = exp(-0.5 * dt / tauEx), halfIn = exp(-0.5 * dt / tauIn)
        // The kernel's form: dV/dt = a V + b is linear in V, each RK4 stage one fused multiply-add.
        func slope(_ ge: Double, _ gi: Double, _ drive: Double) -> (a: Double, b: Double) {
            ((gL + ge + gi) * -(1 / c), drive.addingProduct(ge, eEx).addingProduct(gi, eIn) * (1 / c))
        }
        // The textbook form of the same RK4 step, which the kernel must match up to rounding.
        func dVdt(_ v: Double, _ ge: Double, _ gi: Double, _ current: Double) -> Double {
            (-gL * (v - eL) - ge * (v - eEx) - gi * (v - eIn) + current) * (1 / c)
        }
        var fired: [Int32] = []
        for i in 0..<n {
            var v = step.state[i], r = step.refractory[i]
            let ge0 = step.state[n + i], gi0 = step.state[2 * n + i], iStim = step.state[3 * n + i]
            let geMid = ge0 * halfEx, giMid = gi0 * halfIn, ge1 = geMid * halfEx, gi1 = giMid * halfIn
            if r == 0 {
                let drive = iE.addingProduct(gL, eL) + iStim
                let (a0, b0) = slope(ge0, gi0, drive), (aMid, bMid) = slope(geMid, giMid, drive), (a1, b1) = slope(ge1, gi1, drive)
                let k1 = b0.addingProduct(a0, v)
                let k2 = bMid.addingProduct(aMid, v.addingProduct(0.5 * dt, k1))
                let k3 = bMid.addingProduct(aMid, v.addingProduct(0.5 * dt, k2))
                let k4 = b1.addingProduct(a1, v.addingProduct(dt, k3))
                let textbook: Double = {
                    let current = iE + iStim
                    let k1 = dVdt(v, ge0, gi0, current)
                    let k2 = dVdt(v + 0.5 * dt * k1, geMid, giMid, current)
                    let k3 = dVdt(v + 0.5 * dt * k2, geMid, giMid, current)
                    let k4 = dVdt(v + dt * k3, ge1, gi1, current)
                    return v + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
                }()
                v = v.addingProduct(dt / 6, (k1 + k4).addingProduct(2, k2 + k3))
                #expect(abs(v - textbook) <= 1e-12 * max(1, abs(v)), "neuron \(i): linear form \(v), textbook RK4 \(textbook)")
            } else {
                r -= 1
                v = -60
            }
            Self.fire(&v, &r, threshold: -55, reset: -60, refractorySteps: 20, neuron: i, fired: &fired)
            #expect(got.state[i].bitPattern == v.bitPattern, "V_m of neuron \(i)")
            #expect(got.state[n + i].bitPattern == (ge1 + step.input[i]).bitPattern)
            #expect(got.state[2 * n + i].bitPattern == (gi1 - step.input[n + i]).bitPattern)
            #expect(got.refractory[i] == r)
        }
        #expect(got.fired == fired, "neurons that fired")
        #expect(got.input.allSatisfy { $0 == 0 }, "the kernel leaves the step's input zeroed")
    }

    /// With no current generator (current plane not live) and I_stim = 0, the kernels skip the current plane and
    /// I_stim; that must change nothing but the work done.
    @Test func idleCurrentPlaneGivesTheSameStep() throws {
        func check<M: NeuronModel>(_ model: M, variables: Int, planes: Int, seed: UInt64) {
            var step = M.self == Izhikevich.self ? Self.izhikevichStep(seed: seed)
                : Self.randomStep(variables: variables, planes: planes, seed: seed)
            let n = Self.count, stimulus = M.stimulusVariable!, current = M.ports.current
            for i in 0..<n {
                step.state[stimulus * n + i] = 0
                step.input[current * n + i] = 0
            }
            let allLive = Self.run(model, step)
            let idle = Self.run(model, step, livePlanes: ~(1 << UInt32(current)))
            #expect(idle.state.map(\.bitPattern) == allLive.state.map(\.bitPattern), "\(M.name): state")
            #expect(idle.refractory == allLive.refractory && idle.fired == allLive.fired, "\(M.name): refractory, spikes")
            #expect(!idle.fired.isEmpty, "\(M.name): the random step should make some neurons fire")
        }
        check(try IafPscDelta(ParameterValues(defaultsOf: IafPscDelta.parameters), dtMs: 0.1), variables: 2, planes: 2, seed: 4)
        check(try IafPscExp(ParameterValues(defaultsOf: IafPscExp.parameters), dtMs: 0.1), variables: 4, planes: 3, seed: 5)
        check(try IafCondExp(ParameterValues(defaultsOf: IafCondExp.parameters), dtMs: 0.1), variables: 4, planes: 3, seed: 6)
        check(try IafPscAlpha(ParameterValues(defaultsOf: IafPscAlpha.parameters), dtMs: 0.1), variables: 6, planes: 3, seed: 8)
        // A threshold within the random V_m, so that some neurons fire.
        check(try Izhikevich(ParameterValues(defaultsOf: Izhikevich.parameters, overriding: ["V_th": -55]), dtMs: 0.1),
              variables: 7, planes: 2, seed: 10)
    }
}
