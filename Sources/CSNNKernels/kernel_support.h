#ifndef SNN_KERNEL_SUPPORT_H
#define SNN_KERNEL_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

#include "CSNNKernels.h"

/* What the neuron kernels (update_*.c) share: clones, blocking, the spike condition and the current input. */

/* Sanitizer runtimes are not ready when the dynamic loader runs an ifunc resolver, so sanitized builds keep
   only the default version. */
#if defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define SNN_NO_CLONES 1
#endif
#endif
#if defined(SNN_NO_CLONES) || !defined(__x86_64__)
#define SNN_CLONES
#else
#define SNN_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#endif

#define SNN_BLOCK 256
#define SNN_INLINE static inline __attribute__((always_inline))

/* What firing does to neuron i: V <- reset (the neuron's own, from resets, where the model keeps one per neuron:
   Izhikevich's c); the refractory counter, if the model has one, to refractory_steps; the recovery variable, if
   it has one (Izhikevich's u), up by the neuron's recovery_jumps (d). */
SNN_INLINE void snn_fire(const snn_spike_rule *rule, double *restrict v, int32_t *restrict refractory,
                         const double *restrict resets, double *restrict recovery,
                         const double *restrict recovery_jumps, int64_t i) {
    v[i] = resets ? resets[i] : rule->reset;
    if (refractory) refractory[i] = rule->refractory_steps;
    if (recovery) recovery[i] += recovery_jumps[i];
}

/* The spike condition over one block: most blocks have no neuron at threshold, so groups of 8 are tested with a
   vectorised reduction first. Neurons that were refractory sit at V_reset < V_th, so they cannot fire here.
   refractory, resets and recovery are NULL at the call sites of models without them (constants after inlining). */
SNN_INLINE size_t snn_fire_block(const snn_spike_rule *rule, double *restrict v, int32_t *restrict refractory,
                                 const double *restrict resets, double *restrict recovery,
                                 const double *restrict recovery_jumps, int64_t begin, int64_t end,
                                 int32_t *restrict fired) {
    const double threshold = rule->threshold;
    size_t count = 0;
    int64_t i = begin;
    for (; i + 8 <= end; i += 8) {
        int any = 0;
        for (int j = 0; j < 8; ++j) any |= v[i + j] >= threshold;
        if (!any) continue;
        for (int j = 0; j < 8; ++j) {
            if (v[i + j] >= threshold) {
                snn_fire(rule, v, refractory, resets, recovery, recovery_jumps, i + j);
                fired[count++] = (int32_t)(i + j);
            }
        }
    }
    for (; i < end; ++i) {
        if (v[i] >= threshold) {
            snn_fire(rule, v, refractory, resets, recovery, recovery_jumps, i);
            fired[count++] = (int32_t)i;
        }
    }
    return count;
}

/* The body of every model's step: its integration loop block by block (each branch passes has_currents as a
   constant, so each gets its own loop), each block followed by the spike condition (snn_fire_block's refractory,
   resets, recovery and recovery_jumps). */
#define SNN_STEP_BLOCKS(integrate, refractory, resets, recovery, recovery_jumps, ...)                  \
    size_t count = 0;                                                                                 \
    for (int64_t block = begin; block < end; block += SNN_BLOCK) {                                    \
        const int64_t block_end = end - block < SNN_BLOCK ? end : block + SNN_BLOCK;                  \
        if (currents) integrate(__VA_ARGS__, block, block_end, 1);                                    \
        else integrate(__VA_ARGS__, block, block_end, 0);                                             \
        count += snn_fire_block(rule, v, refractory, resets, recovery, recovery_jumps, block, block_end, \
                                fired + count);                                                       \
    }                                                                                                 \
    return count

/* I_stim of neuron i, and the generator current that replaces it for the next step. With has_currents == 0 (a
   constant at every call site, so each case gets its own loop) no current reaches the population and I_stim is
   0: neither is touched. */
SNN_INLINE double snn_stimulus(const double *restrict i_stim, int64_t i, int has_currents) {
    return has_currents ? i_stim[i] : 0;
}

SNN_INLINE void snn_take_current(double *restrict i_stim, double *restrict currents, int64_t i, int has_currents) {
    if (!has_currents) return;
    i_stim[i] = currents[i];
    currents[i] = 0;
}

#endif
