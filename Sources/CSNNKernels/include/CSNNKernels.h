#ifndef CSNNKERNELS_H
#define CSNNKERNELS_H

#include <stddef.h>
#include <stdint.h>

/* Hot loops of SwiftSNN over raw structure-of-arrays / CSR pointers owned by Swift. Internal to the package:
   no stable API. Kernels never allocate. */

/* One projection's synapses, rows by source (see SynapseTable.swift); which synapses form a row is passed to
   the kernel separately. delay == NULL means every synapse has uniform_delay steps. */
typedef struct {
    const uint32_t *target;
    const float *weight;
    const uint16_t *delay;
    uint16_t uniform_delay;
} snn_csr;

/* The target population's input ring: slot s, plane p, neuron i lives at
   ring[(s & slot_mask) * slot_stride + p * plane_stride + i]. */
typedef struct {
    double *values;
    uint64_t slot_mask;
    size_t slot_stride;
    size_t plane_stride;
    int32_t positive_plane;  /* plane for weights >= 0 */
    int32_t negative_plane;  /* plane for weights < 0; equal to positive_plane when all weights go to one plane */
} snn_ring;

/* Adds the synapses of each spike (source spike_source[j], emitted in step spike_step[j]) to the ring slot of
   step spike_step[j] + delay, taking from row s only the synapses row_begin[s] .. row_end[s] - 1 (the sub-row
   of one thread's target range, or the whole row). Spikes are processed in the given
   order and each row in storage order, so every target's sum is formed in the same order on every run, whatever
   the split. Returns the number of synaptic events. */
uint64_t snn_deliver_static(const snn_csr *csr, const int64_t *row_begin, const int64_t *row_end,
                            const int32_t *spike_source, const int64_t *spike_step, size_t n_spikes,
                            const snn_ring *ring);

/* Adds synapses begin .. end - 1 of a row to one ring slot (slot[plane + target] += weight, plane
   positive_plane for weights >= 0, negative_plane for weights < 0), in storage order: static delivery with a
   uniform delay, and the input of a plastic row once the rule has updated its weights. */
void snn_add_row(const uint32_t *target, const float *weight, int64_t begin, int64_t end, double *slot,
                 size_t positive_plane, size_t negative_plane);

/* Constants of one population's LIF model for a step (derived in the Swift model's init; names as there). */
typedef struct {
    double resting, membrane_decay, current_gain, constant_current;
} snn_iaf_psc_delta;

typedef struct {
    double resting, membrane_decay, current_gain, constant_current;
    double excitatory_decay, inhibitory_decay, excitatory_gain, inhibitory_gain;
} snn_iaf_psc_exp;

/* lower_bound is V_min [mV]; *_rise_gain and *_gain carry dI and I of the port to V, *_lag dI to I, *_jump a
   weight to dI. */
typedef struct {
    double resting, membrane_decay, current_gain, constant_current, lower_bound;
    double excitatory_decay, inhibitory_decay, excitatory_lag, inhibitory_lag, excitatory_jump, inhibitory_jump;
    double excitatory_rise_gain, inhibitory_rise_gain, excitatory_gain, inhibitory_gain;
} snn_iaf_psc_alpha;

typedef struct {
    double leak, resting, constant_current, excitatory_reversal, inhibitory_reversal, inverse_capacitance;
    double h, excitatory_half_decay, inhibitory_half_decay;
} snn_iaf_cond_exp;

/* membrane is iaf_cond_exp's RK4 step over one of `substeps` sub-steps (its h = dt/substeps); *_decay is e^{−h/τ}
   of a port over a sub-step, *_jump e/τ (a weight to dg). */
typedef struct {
    snn_iaf_cond_exp membrane;
    double excitatory_decay, inhibitory_decay, excitatory_jump, inhibitory_jump;
    int32_t substeps;
} snn_iaf_cond_alpha;

/* mat2_psc_exp (Kobayashi et al. 2009): resting is E_L, omega the resting threshold relative to E_L, fast_* and
   slow_* the decay over a step and the jump at a spike of the threshold components θ₁ (τ_1, alpha_1) and
   θ₂ (τ_2, alpha_2) [mV]; the other names as in snn_iaf_psc_exp. */
typedef struct {
    double resting, membrane_decay, current_gain, constant_current;
    double excitatory_decay, inhibitory_decay, excitatory_gain, inhibitory_gain;
    double omega, fast_decay, slow_decay, fast_jump, slow_jump;
    int32_t refractory_steps;
} snn_mat2_psc_exp;

/* h is dt [ms]; consistent_integration 0 selects Izhikevich's published scheme. a, b, c, d are per neuron
   (columns passed to snn_step_izhikevich). */
typedef struct {
    double constant_current, lower_bound, h;
    int32_t consistent_integration;
} snn_izhikevich;

/* The AdEx models (aeif_cond_exp, conductance 1; aeif_psc_exp, conductance 0), parameters in NEST's units [pF, nS,
   mV, ms, pA]: peak is V_peak (the bound on V in the equations), spike_at the potential that makes a spike
   (V_peak, or V_th when slope_factor = Delta_T is 0), tolerance gsl_error_tol, step the clock step dt. */
typedef struct {
    double capacitance, leak, resting, slope_factor, threshold, peak, spike_at, reset;
    double a, b, tau_w, excitatory_reversal, inhibitory_reversal, tau_ex, tau_in, constant_current;
    double tolerance, step;
    int32_t refractory_steps, conductance;
} snn_aeif;

/* The spike condition: V >= threshold -> spike, V <- reset, refractory for refractory_steps (the LIF family;
   izhikevich has no refractory period and adds d to u instead). */
typedef struct {
    double threshold, reset;
    int32_t refractory_steps;
} snn_spike_rule;

/* One step of each model over neurons begin .. end - 1, in one pass over memory: subthreshold update, refractory
   countdown, this step's input (read and set back to zero, as NEST's ring buffers do, so the slot is ready for a
   later step), then the spike condition. Writes the indices of the neurons that fired to fired (room for
   end - begin entries), ascending, and returns their number. currents == NULL means no current input reaches
   the population and I_stim is 0: neither is touched. */
size_t snn_step_iaf_psc_delta(const snn_iaf_psc_delta *p, const snn_spike_rule *rule, double *v, double *i_stim,
                              int32_t *refractory, double *jumps, double *currents, int64_t begin, int64_t end,
                              int32_t *fired);
size_t snn_step_iaf_psc_exp(const snn_iaf_psc_exp *p, const snn_spike_rule *rule, double *v, double *i_ex,
                            double *i_in, double *i_stim, int32_t *refractory, double *in_ex, double *in_in,
                            double *currents, int64_t begin, int64_t end, int32_t *fired);
size_t snn_step_iaf_psc_alpha(const snn_iaf_psc_alpha *p, const snn_spike_rule *rule, double *v, double *i_ex,
                              double *i_in, double *di_ex, double *di_in, double *i_stim, int32_t *refractory,
                              double *in_ex, double *in_in, double *currents, int64_t begin, int64_t end,
                              int32_t *fired);
size_t snn_step_iaf_cond_exp(const snn_iaf_cond_exp *p, const snn_spike_rule *rule, double *v, double *g_ex,
                             double *g_in, double *i_stim, int32_t *refractory, double *in_ex, double *in_in,
                             double *currents, int64_t begin, int64_t end, int32_t *fired);
size_t snn_step_iaf_cond_alpha(const snn_iaf_cond_alpha *p, const snn_spike_rule *rule, double *v, double *g_ex,
                               double *dg_ex, double *g_in, double *dg_in, double *i_stim, int32_t *refractory,
                               double *in_ex, double *in_in, double *currents, int64_t begin, int64_t end,
                               int32_t *fired);
/* threshold is the recorded V_th = E_L + ω + θ₁ + θ₂ [mV], theta_fast and theta_slow are θ₁ and θ₂. */
size_t snn_step_mat2_psc_exp(const snn_mat2_psc_exp *p, double *v, double *threshold, double *theta_fast,
                             double *theta_slow, double *i_ex, double *i_in, double *i_stim, int32_t *refractory,
                             double *in_ex, double *in_in, double *currents, int64_t begin, int64_t end,
                             int32_t *fired);
/* a, b, c, d: izhikevich's parameters per neuron; rule's threshold is V_th (its reset is c, per neuron). */
size_t snn_step_izhikevich(const snn_izhikevich *p, const snn_spike_rule *rule, double *v, double *u,
                           double *i_stim, const double *a, const double *b, const double *c, const double *d,
                           double *jumps, double *currents, int64_t begin, int64_t end, int32_t *fired);

/* h holds each neuron's proposed integration step [ms], carried from step to step as NEST's IntegrationStep_;
   syn_ex and syn_in are g_ex and g_in [nS] or I_syn_ex and I_syn_in [pA]. */
size_t snn_step_aeif(const snn_aeif *p, double *v, double *w, double *syn_ex, double *syn_in, double *i_stim,
                     double *h, int32_t *refractory, double *in_ex, double *in_in, double *currents, int64_t begin,
                     int64_t end, int32_t *fired);

/* The discrete-time LIF neurons of deep-SNN libraries (update_discrete.c), constants per step as the libraries
   define them: snnTorch's Leaky (alpha unused) and Synaptic with reset_mechanism as snnTorch numbers it and its
   reset_delay flag,
   SpikingJelly's LIFNode (soft_reset: v_reset None), Lava's floating-point LIF with current_keep = 1 - du and
   voltage_keep = 1 - dv. in is the step's synaptic input (read and cleared), currents the generator current or
   NULL; fired gets the indices of the neurons that spike, ascending. */
enum { SNN_SNNTORCH_SUBTRACT = 0, SNN_SNNTORCH_ZERO = 1, SNN_SNNTORCH_NONE = 2 };

typedef struct {
    double alpha, beta, threshold;
    int32_t mechanism, reset_delay;
} snn_snntorch;

typedef struct {
    double tau, threshold, reset;
    int32_t decay_input, soft_reset;
} snn_spikingjelly_lif;

typedef struct {
    double current_keep, voltage_keep, threshold, bias;
} snn_cuba_lif;

size_t snn_step_snntorch_leaky(const snn_snntorch *p, double *mem, double *in, double *currents, int64_t begin,
                               int64_t end, int32_t *fired);
size_t snn_step_snntorch_synaptic(const snn_snntorch *p, double *syn, double *mem, double *in, double *currents,
                                  int64_t begin, int64_t end, int32_t *fired);
size_t snn_step_spikingjelly_lif(const snn_spikingjelly_lif *p, double *v, double *in, double *currents,
                                 int64_t begin, int64_t end, int32_t *fired);
size_t snn_step_cuba_lif(const snn_cuba_lif *p, double *u, double *v, double *in, double *currents, int64_t begin,
                         int64_t end, int32_t *fired);

/* Threads the OpenMP runtime would use by default (OMP_NUM_THREADS or the number of cores). */
int snn_default_thread_count(void);

/* Runs task(context, part, part_count) for every part in 0 ..< part_count on a team of up to part_count OpenMP
   threads and returns when all are done. A part never depends on which thread runs it, so results do not depend
   on how many threads the runtime actually provides. */
typedef void (*snn_task)(void *context, int part, int part_count);
void snn_parallel(int part_count, snn_task task, void *context);

/* The index of the first NaN or ±inf among values[0 ..< count], or -1 if all are finite. */
int64_t snn_first_nonfinite(const double *values, int64_t count);

/* The signal that requested the run to stop (SIGINT, SIGTERM), a positive number for a stop requested from code,
 * or 0 when none is pending. */
int snn_stop_requested(void);
/* Requests a stop as `sig` would (0 withdraws the request). */
void snn_request_stop(int sig);
/* Makes SIGINT and SIGTERM request a stop instead of ending the process; a second one ends it. 0 on success. */
int snn_install_stop_handlers(void);

#endif
