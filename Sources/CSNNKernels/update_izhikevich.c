#include "CSNNKernels.h"
#include "kernel_support.h"

/* One step of izhikevich over neurons begin .. end - 1 (equations, scheme and reference in Izhikevich.swift), in
   blocks as the LIF family's steps are (update_lif.c says why, and why contraction is off). Each expression is
   NEST izhikevich's, operation for operation, so the rounding is NEST's too. */
#pragma clang fp contract(off)

SNN_INLINE double snn_izhikevich_slope(double v, double u, double stimulus, double constant_current) {
    return 0.04 * v * v + 5.0 * v + 140.0 - u + stimulus + constant_current;
}

SNN_INLINE void snn_integrate_izhikevich(const snn_izhikevich *p, double *restrict v, double *restrict u,
                                         double *restrict i_stim, const double *restrict a,
                                         const double *restrict b, double *restrict jumps,
                                         double *restrict currents, int64_t begin, int64_t end, int has_currents,
                                         int consistent) {
    const snn_izhikevich k = *p;
    for (int64_t i = begin; i < end; ++i) {
        const double v0 = v[i], u0 = u[i], stimulus = snn_stimulus(i_stim, i, has_currents);
        double v1, u1;
        if (consistent) {
            v1 = v0 + (k.h * snn_izhikevich_slope(v0, u0, stimulus, k.constant_current) + jumps[i]);
            u1 = u0 + k.h * a[i] * (b[i] * v0 - u0);
        } else {
            const double half_h = k.h * 0.5;
            v1 = v0 + half_h * (snn_izhikevich_slope(v0, u0, stimulus, k.constant_current) + jumps[i]);
            v1 = v1 + half_h * (snn_izhikevich_slope(v1, u0, stimulus, k.constant_current) + jumps[i]);
            u1 = u0 + k.h * a[i] * (b[i] * v1 - u0);
        }
        v[i] = v1 < k.lower_bound ? k.lower_bound : v1;
        u[i] = u1;
        jumps[i] = 0;
        snn_take_current(i_stim, currents, i, has_currents);
    }
}

/* The two schemes, each with its own loops. */
SNN_INLINE void snn_integrate_izhikevich_euler(const snn_izhikevich *p, double *restrict v, double *restrict u,
                                               double *restrict i_stim, const double *restrict a,
                                               const double *restrict b, double *restrict jumps,
                                               double *restrict currents, int64_t begin, int64_t end,
                                               int has_currents) {
    snn_integrate_izhikevich(p, v, u, i_stim, a, b, jumps, currents, begin, end, has_currents, 1);
}

SNN_INLINE void snn_integrate_izhikevich_published(const snn_izhikevich *p, double *restrict v, double *restrict u,
                                                   double *restrict i_stim, const double *restrict a,
                                                   const double *restrict b, double *restrict jumps,
                                                   double *restrict currents, int64_t begin, int64_t end,
                                                   int has_currents) {
    snn_integrate_izhikevich(p, v, u, i_stim, a, b, jumps, currents, begin, end, has_currents, 0);
}

SNN_CLONES
size_t snn_step_izhikevich(const snn_izhikevich *p, const snn_spike_rule *rule, double *restrict v,
                           double *restrict u, double *restrict i_stim, const double *restrict a,
                           const double *restrict b, const double *restrict c, const double *restrict d,
                           double *restrict jumps, double *restrict currents, int64_t begin, int64_t end,
                           int32_t *restrict fired) {
    if (p->consistent_integration) {
        SNN_STEP_BLOCKS(snn_integrate_izhikevich_euler, NULL, c, u, d, p, v, u, i_stim, a, b, jumps, currents);
    } else {
        SNN_STEP_BLOCKS(snn_integrate_izhikevich_published, NULL, c, u, d, p, v, u, i_stim, a, b, jumps, currents);
    }
}
