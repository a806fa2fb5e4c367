#include <float.h>
#include <math.h>

#include "CSNNKernels.h"
#include "kernel_support.h"

/* One step of aeif_cond_exp / aeif_psc_exp over neurons begin .. end - 1 (equations and reference in
   AeifCondExp.swift). Each neuron is integrated over the step by its own adaptive Runge-Kutta-Fehlberg 4(5)
   steps, with the error control and step-size rule of GSL's gsl_odeiv_evolve_apply + gsl_odeiv_control_yp_new,
   which NEST uses: a trial step of size h is accepted when every component's error estimate is at most
   1.1 D_i, D_i = tol (1 + |h y'_i|), and the next h is scaled by 0.9 (D/err)^(1/5) on failure (at least 0.2x) or
   0.9 (D/err)^(1/6) when the error is below D/2 (at most 5x). After each accepted sub-step the spike condition is
   tested, so a spike resets V and raises w at the sub-step V reached V_peak, not at the end of the clock step;
   the proposed h carries over to the next clock step. The exponential cannot blow up inside a trial step because
   V is bounded by V_peak in the derivatives, which is what keeps the integration stable at the spike. The neurons
   are not vectorised: each takes its own number of sub-steps. */
#pragma clang fp contract(off)

enum { AEIF_V, AEIF_W, AEIF_EX, AEIF_IN, AEIF_DIM };

/* Right-hand side in NEST's order of operations; refractory neurons see V = V_reset and do not move V. */
static void aeif_derivatives(const snn_aeif *k, int refractory, double stimulus, const double y[AEIF_DIM],
                             double f[AEIF_DIM]) {
    const double v = refractory ? k->reset : (k->peak < y[AEIF_V] ? k->peak : y[AEIF_V]);
    const double spike_current =
        k->slope_factor == 0 ? 0 : k->leak * k->slope_factor * exp((v - k->threshold) / k->slope_factor);
    /* Subtracted from the membrane current: g (V - E) for conductances, -I_ex and +I_in for currents. */
    const double excitatory = k->conductance ? y[AEIF_EX] * (v - k->excitatory_reversal) : -y[AEIF_EX];
    const double inhibitory = k->conductance ? y[AEIF_IN] * (v - k->inhibitory_reversal) : y[AEIF_IN];
    f[AEIF_V] = refractory ? 0
                           : (-k->leak * (v - k->resting) + spike_current - excitatory - inhibitory - y[AEIF_W]
                              + k->constant_current + stimulus) / k->capacitance;
    f[AEIF_EX] = -y[AEIF_EX] / k->tau_ex;
    f[AEIF_IN] = -y[AEIF_IN] / k->tau_in;
    f[AEIF_W] = (k->a * (v - k->resting) - y[AEIF_W]) / k->tau_w;
}

/* One Fehlberg step of size h from y (slope k1 there): y <- the 5th-order solution, error <- its difference
   from the 4th-order one, slope <- the derivative at the new y. */
static void aeif_fehlberg(const snn_aeif *k, int refractory, double stimulus, double h, double y[AEIF_DIM],
                          const double k1[AEIF_DIM], double error[AEIF_DIM], double slope[AEIF_DIM]) {
    double k2[AEIF_DIM], k3[AEIF_DIM], k4[AEIF_DIM], k5[AEIF_DIM], k6[AEIF_DIM], t[AEIF_DIM];
    for (int i = 0; i < AEIF_DIM; ++i) t[i] = y[i] + 0.25 * h * k1[i];
    aeif_derivatives(k, refractory, stimulus, t, k2);
    for (int i = 0; i < AEIF_DIM; ++i) t[i] = y[i] + h * (3.0 / 32.0 * k1[i] + 9.0 / 32.0 * k2[i]);
    aeif_derivatives(k, refractory, stimulus, t, k3);
    for (int i = 0; i < AEIF_DIM; ++i)
        t[i] = y[i] + h * (1932.0 / 2197.0 * k1[i] - 7200.0 / 2197.0 * k2[i] + 7296.0 / 2197.0 * k3[i]);
    aeif_derivatives(k, refractory, stimulus, t, k4);
    for (int i = 0; i < AEIF_DIM; ++i)
        t[i] = y[i] + h * (439.0 / 216.0 * k1[i] - 8.0 * k2[i] + 3680.0 / 513.0 * k3[i] - 845.0 / 4104.0 * k4[i]);
    aeif_derivatives(k, refractory, stimulus, t, k5);
    for (int i = 0; i < AEIF_DIM; ++i)
        t[i] = y[i] + h * (-8.0 / 27.0 * k1[i] + 2.0 * k2[i] - 3544.0 / 2565.0 * k3[i] + 1859.0 / 4104.0 * k4[i]
                           - 11.0 / 40.0 * k5[i]);
    aeif_derivatives(k, refractory, stimulus, t, k6);
    for (int i = 0; i < AEIF_DIM; ++i) {
        y[i] += h * (16.0 / 135.0 * k1[i] + 6656.0 / 12825.0 * k3[i] + 28561.0 / 56430.0 * k4[i]
                     - 9.0 / 50.0 * k5[i] + 2.0 / 55.0 * k6[i]);
        error[i] = h * (1.0 / 360.0 * k1[i] - 128.0 / 4275.0 * k3[i] - 2197.0 / 75240.0 * k4[i]
                        + 1.0 / 50.0 * k5[i] + 2.0 / 55.0 * k6[i]);
    }
    aeif_derivatives(k, refractory, stimulus, y, slope);
}

/* Advances y from *t towards end by one accepted sub-step (GSL's evolve_apply: a step that would pass end is cut
   to end; a failed trial is redone from the same y with the smaller h, unless h no longer shrinks or no longer
   moves t) and leaves in *h the size proposed for the next sub-step. slope holds dy/dt at y if have_slope, and
   dy/dt at the new y on return: GSL evaluates it again at the start of the next sub-step, from the same y,
   refractoriness and current, to the same bits, so it is reused unless the spike condition changed y. */
static void aeif_substep(const snn_aeif *k, int refractory, double stimulus, double *t, double end, double *h,
                         double y[AEIF_DIM], double slope[AEIF_DIM], int have_slope) {
    const double t0 = *t;
    double start[AEIF_DIM], k1[AEIF_DIM], error[AEIF_DIM];
    for (int i = 0; i < AEIF_DIM; ++i) start[i] = y[i];
    if (have_slope) {
        for (int i = 0; i < AEIF_DIM; ++i) k1[i] = slope[i];
    } else {
        aeif_derivatives(k, refractory, stimulus, y, k1);
    }
    double trial = *h;
    for (;;) {
        const int last = trial > end - t0;
        if (last) trial = end - t0;
        aeif_fehlberg(k, refractory, stimulus, trial, y, k1, error, slope);
        *t = last ? end : t0 + trial;
        double worst = DBL_MIN;
        for (int i = 0; i < AEIF_DIM; ++i) {
            const double ratio = fabs(error[i]) / fabs(k->tolerance * fabs(trial * slope[i]) + k->tolerance);
            worst = ratio > worst ? ratio : worst;
        }
        double next = trial;
        if (worst > 1.1) {
            double r = 0.9 / pow(worst, 1.0 / 5.0);
            next = trial * (r < 0.2 ? 0.2 : r);
            if (fabs(next) < fabs(trial) && *t + next != *t) {
                for (int i = 0; i < AEIF_DIM; ++i) y[i] = start[i];
                trial = next;
                continue;
            }
            next = trial;
        } else if (worst < 0.5) {
            double r = 0.9 / pow(worst, 1.0 / 6.0);
            next = trial * (r > 5.0 ? 5.0 : (r < 1.0 ? 1.0 : r));
        }
        *h = next;
        return;
    }
}

/* NEST's update of one neuron over one clock step; returns whether it fired (two crossings in one step, possible
   only with t_ref 0 and an enormous drive, both reset V and add b to w, as in NEST, and make one spike). */
static int aeif_step_neuron(const snn_aeif *k, double y[AEIF_DIM], double stimulus, double *h, int32_t *refractory) {
    int fired = 0, have_slope = 0;
    double t = 0, slope[AEIF_DIM];
    /* integration_step is state a config may set: a step that is not positive would never reach the end. */
    if (!(*h > 0)) *h = k->step;
    while (t < k->step) {
        aeif_substep(k, *refractory > 0, stimulus, &t, k->step, h, y, slope, have_slope);
        have_slope = 1;
        if (*refractory > 0) {
            have_slope = y[AEIF_V] == k->reset;
            y[AEIF_V] = k->reset;
        } else if (y[AEIF_V] >= k->spike_at) {
            have_slope = 0;
            y[AEIF_V] = k->reset;
            y[AEIF_W] += k->b;
            /* One more than t_ref's steps, as the count-down below also runs in the step of the spike. */
            *refractory = k->refractory_steps > 0 ? k->refractory_steps + 1 : 0;
            fired = 1;
        }
    }
    if (*refractory > 0) --*refractory;
    return fired;
}

SNN_INLINE size_t snn_step_aeif_range(const snn_aeif *p, double *restrict v, double *restrict w,
                                      double *restrict syn_ex, double *restrict syn_in, double *restrict i_stim,
                                      double *restrict h, int32_t *restrict refractory, double *restrict in_ex,
                                      double *restrict in_in, double *restrict currents, int64_t begin, int64_t end,
                                      int32_t *restrict fired, int has_currents) {
    size_t count = 0;
    for (int64_t i = begin; i < end; ++i) {
        double y[AEIF_DIM] = {v[i], w[i], syn_ex[i], syn_in[i]};
        if (aeif_step_neuron(p, y, snn_stimulus(i_stim, i, has_currents), &h[i], &refractory[i]))
            fired[count++] = (int32_t)i;
        v[i] = y[AEIF_V];
        w[i] = y[AEIF_W];
        syn_ex[i] = y[AEIF_EX] + in_ex[i];
        syn_in[i] = y[AEIF_IN] - in_in[i]; /* the plane holds the (negative) weights */
        in_ex[i] = 0;
        in_in[i] = 0;
        snn_take_current(i_stim, currents, i, has_currents);
    }
    return count;
}

size_t snn_step_aeif(const snn_aeif *p, double *restrict v, double *restrict w, double *restrict syn_ex,
                     double *restrict syn_in, double *restrict i_stim, double *restrict h,
                     int32_t *restrict refractory, double *restrict in_ex, double *restrict in_in,
                     double *restrict currents, int64_t begin, int64_t end, int32_t *restrict fired) {
    if (currents)
        return snn_step_aeif_range(p, v, w, syn_ex, syn_in, i_stim, h, refractory, in_ex, in_in, currents, begin,
                                   end, fired, 1);
    return snn_step_aeif_range(p, v, w, syn_ex, syn_in, i_stim, h, refractory, in_ex, in_in, currents, begin, end,
                               fired, 0);
}
