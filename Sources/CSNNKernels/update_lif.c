#include <math.h>

#include "CSNNKernels.h"
#include "kernel_support.h"

/* One step of the LIF family over neurons begin .. end - 1 (see the model files for equations and references).
   Each step walks the neurons in blocks small enough for L1: the integration loop of a block (which also takes
   and clears the block's input) is followed by the threshold test of the same block, so state streams from L2
   once per step. The integration loops have no branches and read the constants from a local copy (loads
   through the parameter pointer keep clang from vectorising), so they vectorise; the best clone is picked at
   load time (x86-64-v4 = AVX-512: 8 lanes and 32 vector registers, so the interleaved RK4 of iaf_cond_exp does
   not spill; COBA ran 1.6x faster than with the AVX2 clone). Contraction into fused multiply-adds is off, so every element is
   rounded exactly as the scalar Swift expression would be and results do not depend on the processor; where a
   kernel wants fused multiply-adds it calls fma(), which every clone computes with one rounding (the x86-64-v3
   and v4 clones with the instruction, the baseline one in libm). */
#pragma clang fp contract(off)

SNN_INLINE void snn_integrate_iaf_psc_delta(const snn_iaf_psc_delta *p, double *restrict v, double *restrict i_stim,
                                            int32_t *restrict refractory, double *restrict jumps,
                                            double *restrict currents, int64_t begin, int64_t end, int has_currents) {
    const snn_iaf_psc_delta k = *p;
    for (int64_t i = begin; i < end; ++i) {
        const int free = refractory[i] == 0;
        const double integrated = k.resting + (k.current_gain * (snn_stimulus(i_stim, i, has_currents) + k.constant_current)
                                                + k.membrane_decay * (v[i] - k.resting) + jumps[i]);
        v[i] = free ? integrated : v[i];
        refractory[i] = free ? 0 : refractory[i] - 1;
        jumps[i] = 0;
        snn_take_current(i_stim, currents, i, has_currents);
    }
}

SNN_CLONES
size_t snn_step_iaf_psc_delta(const snn_iaf_psc_delta *p, const snn_spike_rule *rule, double *restrict v,
                              double *restrict i_stim, int32_t *restrict refractory, double *restrict jumps,
                              double *restrict currents, int64_t begin, int64_t end, int32_t *restrict fired) {
    SNN_STEP_BLOCKS(snn_integrate_iaf_psc_delta, refractory, NULL, NULL, NULL, p, v, i_stim, refractory, jumps, currents);
}

SNN_INLINE void snn_integrate_iaf_psc_exp(const snn_iaf_psc_exp *p, double *restrict v, double *restrict i_ex,
                                          double *restrict i_in, double *restrict i_stim,
                                          int32_t *restrict refractory, double *restrict in_ex,
                                          double *restrict in_in, double *restrict currents, int64_t begin,
                                          int64_t end, int has_currents) {
    const snn_iaf_psc_exp k = *p;
    for (int64_t i = begin; i < end; ++i) {
        const int free = refractory[i] == 0;
        const double y = v[i] - k.resting;
        const double integrated = k.resting + (y * k.membrane_decay
                                                + (k.constant_current + snn_stimulus(i_stim, i, has_currents)) * k.current_gain
                                                + i_ex[i] * k.excitatory_gain + i_in[i] * k.inhibitory_gain);
        v[i] = free ? integrated : v[i];
        refractory[i] = free ? 0 : refractory[i] - 1;
        i_ex[i] = i_ex[i] * k.excitatory_decay + in_ex[i];
        i_in[i] = i_in[i] * k.inhibitory_decay + in_in[i];
        in_ex[i] = 0;
        in_in[i] = 0;
        snn_take_current(i_stim, currents, i, has_currents);
    }
}

SNN_CLONES
size_t snn_step_iaf_psc_exp(const snn_iaf_psc_exp *p, const snn_spike_rule *rule, double *restrict v,
                            double *restrict i_ex, double *restrict i_in, double *restrict i_stim,
                            int32_t *restrict refractory, double *restrict in_ex, double *restrict in_in,
                            double *restrict currents, int64_t begin, int64_t end, int32_t *restrict fired) {
    SNN_STEP_BLOCKS(snn_integrate_iaf_psc_exp, refractory, NULL, NULL, NULL, p, v, i_ex, i_in, i_stim, refractory, in_ex, in_in,
                    currents);
}

/* The alpha current of each port is the pair (dI, I) of NEST iaf_psc_alpha: dI' = −dI/τ, I' = dI − I/τ, a spike
   adding e/τ·w to dI, so that I peaks at w one τ later. V takes both, and the step order is iaf_psc_exp's. */
SNN_INLINE void snn_integrate_iaf_psc_alpha(const snn_iaf_psc_alpha *p, double *restrict v, double *restrict i_ex,
                                            double *restrict i_in, double *restrict di_ex, double *restrict di_in,
                                            double *restrict i_stim, int32_t *restrict refractory,
                                            double *restrict in_ex, double *restrict in_in,
                                            double *restrict currents, int64_t begin, int64_t end, int has_currents) {
    const snn_iaf_psc_alpha k = *p;
    for (int64_t i = begin; i < end; ++i) {
        const int free = refractory[i] == 0;
        const double y = v[i] - k.resting;
        const double integrated = k.resting + (y * k.membrane_decay
                                                + (k.constant_current + snn_stimulus(i_stim, i, has_currents)) * k.current_gain
                                                + di_ex[i] * k.excitatory_rise_gain + i_ex[i] * k.excitatory_gain
                                                + di_in[i] * k.inhibitory_rise_gain + i_in[i] * k.inhibitory_gain);
        const double bounded = integrated < k.lower_bound ? k.lower_bound : integrated;
        v[i] = free ? bounded : v[i];
        refractory[i] = free ? 0 : refractory[i] - 1;
        i_ex[i] = di_ex[i] * k.excitatory_lag + i_ex[i] * k.excitatory_decay;
        i_in[i] = di_in[i] * k.inhibitory_lag + i_in[i] * k.inhibitory_decay;
        di_ex[i] = di_ex[i] * k.excitatory_decay + in_ex[i] * k.excitatory_jump;
        di_in[i] = di_in[i] * k.inhibitory_decay + in_in[i] * k.inhibitory_jump;
        in_ex[i] = 0;
        in_in[i] = 0;
        snn_take_current(i_stim, currents, i, has_currents);
    }
}

SNN_CLONES
size_t snn_step_iaf_psc_alpha(const snn_iaf_psc_alpha *p, const snn_spike_rule *rule, double *restrict v,
                              double *restrict i_ex, double *restrict i_in, double *restrict di_ex,
                              double *restrict di_in, double *restrict i_stim, int32_t *restrict refractory,
                              double *restrict in_ex, double *restrict in_in, double *restrict currents,
                              int64_t begin, int64_t end, int32_t *restrict fired) {
    SNN_STEP_BLOCKS(snn_integrate_iaf_psc_alpha, refractory, NULL, NULL, NULL, p, v, i_ex, i_in, di_ex, di_in, i_stim,
                    refractory, in_ex, in_in, currents);
}

/* C_m dV/dt = I + g_L (E_L − V) + g_ex (E_ex − V) + g_in (E_in − V) is linear in V: dV/dt = a V + b with
   a = −(g_L + g_ex + g_in)/C_m and b = (I + g_L E_L + g_ex E_ex + g_in E_in)/C_m. Given a and b at t, t + h/2 and
   t + h (the conductances there are exact), each classical RK4 stage is one fused multiply-add: 35 operations
   per neuron instead of 60 for the textbook form, the same RK4 step up to rounding. */
SNN_INLINE void snn_cond_exp_slope(const snn_iaf_cond_exp *p, double g_ex, double g_in, double drive, double *a,
                                   double *b) {
    *a = (p->leak + g_ex + g_in) * -p->inverse_capacitance;
    *b = fma(g_in, p->inhibitory_reversal, fma(g_ex, p->excitatory_reversal, drive)) * p->inverse_capacitance;
}

/* One RK4 step of V from v0 with the conductances at t, t + h/2 and t + h (exact for both conductance models). */
SNN_INLINE double snn_cond_rk4(const snn_iaf_cond_exp *k, double drive, double v0, double ge0, double gi0,
                               double ge_mid, double gi_mid, double ge1, double gi1) {
    double a0, b0, a_mid, b_mid, a1, b1;
    snn_cond_exp_slope(k, ge0, gi0, drive, &a0, &b0);
    snn_cond_exp_slope(k, ge_mid, gi_mid, drive, &a_mid, &b_mid);
    snn_cond_exp_slope(k, ge1, gi1, drive, &a1, &b1);
    const double k1 = fma(a0, v0, b0);
    const double k2 = fma(a_mid, fma(0.5 * k->h, k1, v0), b_mid);
    const double k3 = fma(a_mid, fma(0.5 * k->h, k2, v0), b_mid);
    const double k4 = fma(a1, fma(k->h, k3, v0), b1);
    return fma(k->h / 6, fma(2, k2 + k3, k1 + k4), v0);
}

SNN_INLINE void snn_integrate_iaf_cond_exp(const snn_iaf_cond_exp *p, double reset, double *restrict v,
                                           double *restrict g_ex, double *restrict g_in, double *restrict i_stim,
                                           int32_t *restrict refractory, double *restrict in_ex,
                                           double *restrict in_in, double *restrict currents, int64_t begin,
                                           int64_t end, int has_currents) {
    const snn_iaf_cond_exp k = *p;
    const double leak_drive = fma(k.leak, k.resting, k.constant_current);
    /* RK4 is a chain of dependent steps: interleaving several vectors hides its latency. */
#pragma clang loop interleave_count(4)
    for (int64_t i = begin; i < end; ++i) {
        const double ge0 = g_ex[i], gi0 = g_in[i];
        const double ge_mid = ge0 * k.excitatory_half_decay, gi_mid = gi0 * k.inhibitory_half_decay;
        const double ge1 = ge_mid * k.excitatory_half_decay, gi1 = gi_mid * k.inhibitory_half_decay;
        const double drive = leak_drive + snn_stimulus(i_stim, i, has_currents);
        const double integrated = snn_cond_rk4(&k, drive, v[i], ge0, gi0, ge_mid, gi_mid, ge1, gi1);
        const int free = refractory[i] == 0;
        v[i] = free ? integrated : reset;
        refractory[i] = free ? 0 : refractory[i] - 1;
        g_ex[i] = ge1 + in_ex[i];
        g_in[i] = gi1 - in_in[i];
        in_ex[i] = 0;
        in_in[i] = 0;
        snn_take_current(i_stim, currents, i, has_currents);
    }
}

SNN_CLONES
size_t snn_step_iaf_cond_exp(const snn_iaf_cond_exp *p, const snn_spike_rule *rule, double *restrict v,
                             double *restrict g_ex, double *restrict g_in, double *restrict i_stim,
                             int32_t *restrict refractory, double *restrict in_ex, double *restrict in_in,
                             double *restrict currents, int64_t begin, int64_t end, int32_t *restrict fired) {
    SNN_STEP_BLOCKS(snn_integrate_iaf_cond_exp, refractory, NULL, NULL, NULL, p, rule->reset, v, g_ex, g_in, i_stim,
                    refractory, in_ex, in_in, currents);
}

/* Each alpha conductance is the pair (dg, g) of NEST iaf_cond_alpha: dg' = −dg/τ, g' = dg − g/τ, so over s
   dg(s) = dg₀ e^{−s/τ} and g(s) = (g₀ + s dg₀) e^{−s/τ} exactly; a spike adds e/τ·|w| to dg, so that g peaks at
   |w| one τ later. V takes iaf_cond_exp's RK4 step with these conductances on each of `substeps` sub-steps of the
   block in turn (a loop over the block per sub-step, so each vectorises), then the step order is iaf_cond_exp's:
   refractoriness, this step's input. */
SNN_INLINE void snn_integrate_iaf_cond_alpha(const snn_iaf_cond_alpha *p, double reset, double *restrict v,
                                             double *restrict g_ex, double *restrict dg_ex, double *restrict g_in,
                                             double *restrict dg_in, double *restrict i_stim,
                                             int32_t *restrict refractory, double *restrict in_ex,
                                             double *restrict in_in, double *restrict currents, int64_t begin,
                                             int64_t end, int has_currents) {
    const snn_iaf_cond_alpha k = *p;
    const double half_h = 0.5 * k.membrane.h;
    const double leak_drive = fma(k.membrane.leak, k.membrane.resting, k.membrane.constant_current);
    for (int32_t s = 0; s < k.substeps; ++s) {
#pragma clang loop interleave_count(4)
        for (int64_t i = begin; i < end; ++i) {
            const double ge0 = g_ex[i], gi0 = g_in[i], dge0 = dg_ex[i], dgi0 = dg_in[i];
            const double ge_mid = (ge0 + half_h * dge0) * k.membrane.excitatory_half_decay;
            const double gi_mid = (gi0 + half_h * dgi0) * k.membrane.inhibitory_half_decay;
            const double ge1 = (ge0 + k.membrane.h * dge0) * k.excitatory_decay;
            const double gi1 = (gi0 + k.membrane.h * dgi0) * k.inhibitory_decay;
            const double drive = leak_drive + snn_stimulus(i_stim, i, has_currents);
            v[i] = snn_cond_rk4(&k.membrane, drive, v[i], ge0, gi0, ge_mid, gi_mid, ge1, gi1);
            g_ex[i] = ge1;
            g_in[i] = gi1;
            dg_ex[i] = dge0 * k.excitatory_decay;
            dg_in[i] = dgi0 * k.inhibitory_decay;
        }
    }
    for (int64_t i = begin; i < end; ++i) {
        const int free = refractory[i] == 0;
        v[i] = free ? v[i] : reset;
        refractory[i] = free ? 0 : refractory[i] - 1;
        dg_ex[i] += in_ex[i] * k.excitatory_jump;
        dg_in[i] -= in_in[i] * k.inhibitory_jump;
        in_ex[i] = 0;
        in_in[i] = 0;
        snn_take_current(i_stim, currents, i, has_currents);
    }
}

SNN_CLONES
size_t snn_step_iaf_cond_alpha(const snn_iaf_cond_alpha *p, const snn_spike_rule *rule, double *restrict v,
                               double *restrict g_ex, double *restrict dg_ex, double *restrict g_in,
                               double *restrict dg_in, double *restrict i_stim, int32_t *restrict refractory,
                               double *restrict in_ex, double *restrict in_in, double *restrict currents,
                               int64_t begin, int64_t end, int32_t *restrict fired) {
    SNN_STEP_BLOCKS(snn_integrate_iaf_cond_alpha, refractory, NULL, NULL, NULL, p, rule->reset, v, g_ex, dg_ex, g_in, dg_in,
                    i_stim, refractory, in_ex, in_in, currents);
}
