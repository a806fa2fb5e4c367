#include "CSNNKernels.h"

/* Integration passes of the LIF family over neurons begin .. end - 1 (the threshold pass stays in Swift, see the
   model files for equations and references). The loops have no branches and read the constants from a local
   copy (loads through the parameter pointer keep clang from vectorising), so they vectorise; the avx2 clone is
   picked at load time on processors that have it. Contraction into fused multiply-adds is off, so every element is rounded exactly as the scalar Swift
   expression would be and results do not depend on the processor. */
#pragma clang fp contract(off)

/* Sanitizer runtimes are not ready when the dynamic loader runs an ifunc resolver, so sanitized builds keep
   only the default version. */
#if defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define SNN_NO_CLONES 1
#endif
#endif
#ifdef SNN_NO_CLONES
#define SNN_CLONES
#else
#define SNN_CLONES __attribute__((target_clones("avx2", "default")))
#endif

SNN_CLONES
void snn_integrate_iaf_psc_delta(const snn_iaf_psc_delta *p, double *restrict v, double *restrict i_stim,
                                 int32_t *restrict refractory, const double *restrict jumps,
                                 const double *restrict currents, int64_t begin, int64_t end) {
    const snn_iaf_psc_delta k = *p;
    for (int64_t i = begin; i < end; ++i) {
        const int free = refractory[i] == 0;
        const double integrated = k.resting + (k.current_gain * (i_stim[i] + k.constant_current)
                                                + k.membrane_decay * (v[i] - k.resting) + jumps[i]);
        v[i] = free ? integrated : v[i];
        refractory[i] = free ? 0 : refractory[i] - 1;
        i_stim[i] = currents[i];
    }
}

SNN_CLONES
void snn_integrate_iaf_psc_exp(const snn_iaf_psc_exp *p, double *restrict v, double *restrict i_ex,
                               double *restrict i_in, double *restrict i_stim, int32_t *restrict refractory,
                               const double *restrict in_ex, const double *restrict in_in,
                               const double *restrict currents, int64_t begin, int64_t end) {
    const snn_iaf_psc_exp k = *p;
    for (int64_t i = begin; i < end; ++i) {
        const int free = refractory[i] == 0;
        const double y = v[i] - k.resting;
        const double integrated = k.resting + (y * k.membrane_decay + (k.constant_current + i_stim[i]) * k.current_gain
                                                + i_ex[i] * k.excitatory_gain + i_in[i] * k.inhibitory_gain);
        v[i] = free ? integrated : v[i];
        refractory[i] = free ? 0 : refractory[i] - 1;
        i_ex[i] = i_ex[i] * k.excitatory_decay + in_ex[i];
        i_in[i] = i_in[i] * k.inhibitory_decay + in_in[i];
        i_stim[i] = currents[i];
    }
}

static inline double snn_cond_exp_dvdt(const snn_iaf_cond_exp *p, double v, double g_ex, double g_in, double current) {
    return (-p->leak * (v - p->resting) - g_ex * (v - p->excitatory_reversal) - g_in * (v - p->inhibitory_reversal)
            + current) * p->inverse_capacitance;
}

SNN_CLONES
void snn_integrate_iaf_cond_exp(const snn_iaf_cond_exp *p, double *restrict v, double *restrict g_ex,
                                double *restrict g_in, double *restrict i_stim, int32_t *restrict refractory,
                                const double *restrict in_ex, const double *restrict in_in,
                                const double *restrict currents, int64_t begin, int64_t end) {
    const snn_iaf_cond_exp k = *p;
    const double h = k.h;
    /* RK4 is a chain of dependent steps: interleaving several vectors hides its latency. */
#pragma clang loop interleave_count(4)
    for (int64_t i = begin; i < end; ++i) {
        const double ge0 = g_ex[i], gi0 = g_in[i];
        const double ge_mid = ge0 * k.excitatory_half_decay, gi_mid = gi0 * k.inhibitory_half_decay;
        const double ge1 = ge_mid * k.excitatory_half_decay, gi1 = gi_mid * k.inhibitory_half_decay;
        const double current = k.constant_current + i_stim[i];
        const double v0 = v[i];
        const double k1 = snn_cond_exp_dvdt(&k, v0, ge0, gi0, current);
        const double k2 = snn_cond_exp_dvdt(&k, v0 + 0.5 * h * k1, ge_mid, gi_mid, current);
        const double k3 = snn_cond_exp_dvdt(&k, v0 + 0.5 * h * k2, ge_mid, gi_mid, current);
        const double k4 = snn_cond_exp_dvdt(&k, v0 + h * k3, ge1, gi1, current);
        const int free = refractory[i] == 0;
        v[i] = free ? v0 + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4) : k.reset;
        refractory[i] = free ? 0 : refractory[i] - 1;
        g_ex[i] = ge1 + in_ex[i];
        g_in[i] = gi1 - in_in[i];
        i_stim[i] = currents[i];
    }
}

SNN_CLONES
size_t snn_fire(double *restrict v, int32_t *restrict refractory, int64_t begin, int64_t end, double threshold,
                double reset, int32_t refractory_steps, int32_t *restrict fired) {
    size_t count = 0;
    int64_t i = begin;
    /* Most blocks of 8 have no neuron at threshold: test them with a vectorised reduction first. */
    for (; i + 8 <= end; i += 8) {
        int any = 0;
        for (int j = 0; j < 8; ++j) any |= v[i + j] >= threshold;
        if (!any) continue;
        for (int j = 0; j < 8; ++j) {
            if (v[i + j] >= threshold) {
                v[i + j] = reset;
                refractory[i + j] = refractory_steps;
                fired[count++] = (int32_t)(i + j);
            }
        }
    }
    for (; i < end; ++i) {
        if (v[i] >= threshold) {
            v[i] = reset;
            refractory[i] = refractory_steps;
            fired[count++] = (int32_t)i;
        }
    }
    return count;
}
