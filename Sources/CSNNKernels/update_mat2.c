#include <math.h>

#include "CSNNKernels.h"
#include "kernel_support.h"

/* One step of mat2_psc_exp over neurons begin .. end - 1 (equations and reference in Mat2PscExp.swift), in NEST's
   order: V (never reset or clamped), then the currents and the two threshold components decay, this step's input
   is added, and a neuron that is not refractory fires if V − E_L ≥ ω + θ₂ + θ₁. The integration loop of a block
   is branch-free and vectorises as the LIF family's does; the threshold is per neuron, so the spike test is its
   own loop. Contraction is off for the reason given in update_lif.c. */
#pragma clang fp contract(off)

SNN_INLINE void snn_integrate_mat2(const snn_mat2_psc_exp *p, double *restrict v, double *restrict theta_fast,
                                   double *restrict theta_slow, double *restrict i_ex, double *restrict i_in,
                                   double *restrict i_stim, double *restrict in_ex, double *restrict in_in,
                                   double *restrict currents, int64_t begin, int64_t end, int has_currents) {
    const snn_mat2_psc_exp k = *p;
    for (int64_t i = begin; i < end; ++i) {
        const double y = v[i] - k.resting;
        v[i] = k.resting + (y * k.membrane_decay
                            + (k.constant_current + snn_stimulus(i_stim, i, has_currents)) * k.current_gain
                            + i_ex[i] * k.excitatory_gain + i_in[i] * k.inhibitory_gain);
        i_ex[i] = i_ex[i] * k.excitatory_decay + in_ex[i];
        i_in[i] = i_in[i] * k.inhibitory_decay + in_in[i];
        theta_fast[i] *= k.fast_decay;
        theta_slow[i] *= k.slow_decay;
        in_ex[i] = 0;
        in_in[i] = 0;
        snn_take_current(i_stim, currents, i, has_currents);
    }
}

/* NEST's refractory count: a neuron that fired is not tested for refractory_steps steps, counting down. */
SNN_INLINE size_t snn_fire_mat2(const snn_mat2_psc_exp *p, const double *restrict v, double *restrict threshold,
                                double *restrict theta_fast, double *restrict theta_slow,
                                int32_t *restrict refractory, int64_t begin, int64_t end, int32_t *restrict fired) {
    size_t count = 0;
    for (int64_t i = begin; i < end; ++i) {
        if (refractory[i] != 0) {
            --refractory[i];
        } else if (v[i] - p->resting >= p->omega + theta_slow[i] + theta_fast[i]) {
            refractory[i] = p->refractory_steps;
            theta_fast[i] += p->fast_jump;
            theta_slow[i] += p->slow_jump;
            fired[count++] = (int32_t)i;
        }
        threshold[i] = p->resting + p->omega + theta_fast[i] + theta_slow[i];
    }
    return count;
}

SNN_CLONES
size_t snn_step_mat2_psc_exp(const snn_mat2_psc_exp *p, double *restrict v, double *restrict threshold,
                             double *restrict theta_fast, double *restrict theta_slow, double *restrict i_ex,
                             double *restrict i_in, double *restrict i_stim, int32_t *restrict refractory,
                             double *restrict in_ex, double *restrict in_in, double *restrict currents,
                             int64_t begin, int64_t end, int32_t *restrict fired) {
    size_t count = 0;
    for (int64_t b = begin; b < end; b += SNN_BLOCK) {
        const int64_t e = end - b < SNN_BLOCK ? end : b + SNN_BLOCK;
        if (currents) snn_integrate_mat2(p, v, theta_fast, theta_slow, i_ex, i_in, i_stim, in_ex, in_in, currents, b, e, 1);
        else snn_integrate_mat2(p, v, theta_fast, theta_slow, i_ex, i_in, i_stim, in_ex, in_in, currents, b, e, 0);
        count += snn_fire_mat2(p, v, threshold, theta_fast, theta_slow, refractory, b, e, fired + count);
    }
    return count;
}
