#include "CSNNKernels.h"
#include "kernel_support.h"

/* One step of the discrete-time LIF neurons of deep-SNN libraries (snnTorch, SpikingJelly, Lava; equations,
   update order and sources in the Swift model files). Their parameters are per step, so the step is the
   library's time step whatever dt is. Each expression is evaluated in the library's order and without fused
   multiply-adds, so a trace equals the library's evaluated in double precision. The integration loop of a block
   writes each neuron's spike (0 or 1) to the block's free part of fired, and a compaction turns the flags into
   indices in place: the reset rules differ (snnTorch resets a step late, from the previous membrane), so
   snn_fire_block's test-then-reset does not fit. */
#pragma clang fp contract(off)

/* Turns flags[0 ..< end - begin] into the indices (begin + j) of the set ones, in place; returns how many. */
SNN_INLINE size_t snn_compact_spikes(int32_t *flags, int64_t begin, int64_t end) {
    size_t count = 0;
    for (int64_t j = 0; j < end - begin; ++j) {
        if (flags[j]) flags[count++] = (int32_t)(begin + j);
    }
    return count;
}

/* I[t] of neuron i: the step's synaptic input plus, when a generator reaches the population, its current; both
   taken (read and cleared). */
SNN_INLINE double snn_take_input(double *restrict in, double *restrict currents, int64_t i, int has_currents) {
    double x = in[i];
    in[i] = 0;
    if (has_currents) {
        x += currents[i];
        currents[i] = 0;
    }
    return x;
}

#define SNN_DISCRETE_BLOCKS(integrate, ...)                                  \
    size_t count = 0;                                                        \
    for (int64_t b = begin; b < end; b += SNN_BLOCK) {                       \
        const int64_t e = end - b < SNN_BLOCK ? end : b + SNN_BLOCK;         \
        int32_t *flags = fired + count;                                      \
        if (currents) integrate(__VA_ARGS__, b, e, flags, 1);                \
        else integrate(__VA_ARGS__, b, e, flags, 0);                         \
        count += snn_compact_spikes(flags, b, e);                            \
    }                                                                        \
    return count

/* snnTorch's reset_delay=False: the spike of this step also resets at once, by do_reset = S − R (so a membrane
   reset by R in the state function is not reset twice; S = 0 with R = 1 adds θ back, as snnTorch does). */
SNN_INLINE double snn_snntorch_reset_now(const snn_snntorch *k, double mem, double r, int spike) {
    if (k->reset_delay) return mem;
    const double do_reset = spike - r;
    return k->mechanism == SNN_SNNTORCH_SUBTRACT ? mem - do_reset * k->threshold
         : k->mechanism == SNN_SNNTORCH_ZERO     ? mem - do_reset * mem
                                                 : mem;
}

/* snnTorch Leaky: R from the previous membrane; zero reset clears mem before the decay. */
SNN_INLINE void snn_integrate_snntorch_leaky(const snn_snntorch *p, double *restrict mem, double *restrict in,
                                             double *restrict currents, int64_t begin, int64_t end,
                                             int32_t *restrict flags, int has_currents) {
    const snn_snntorch k = *p;
    for (int64_t i = begin; i < end; ++i) {
        const double x = snn_take_input(in, currents, i, has_currents);
        const double r = mem[i] > k.threshold ? 1.0 : 0.0;
        const double kept = k.mechanism == SNN_SNNTORCH_ZERO ? (1 - r) * mem[i] : mem[i];
        const double base = k.beta * kept + x;
        const double m = k.mechanism == SNN_SNNTORCH_SUBTRACT ? base - r * k.threshold : base;
        const int spike = m > k.threshold;
        mem[i] = snn_snntorch_reset_now(&k, m, r, spike);
        flags[i - begin] = spike;
    }
}

SNN_CLONES
size_t snn_step_snntorch_leaky(const snn_snntorch *p, double *restrict mem, double *restrict in,
                               double *restrict currents, int64_t begin, int64_t end, int32_t *fired) {
    SNN_DISCRETE_BLOCKS(snn_integrate_snntorch_leaky, p, mem, in, currents);
}

/* snnTorch Synaptic: syn never resets; zero reset clears the new membrane. */
SNN_INLINE void snn_integrate_snntorch_synaptic(const snn_snntorch *p, double *restrict syn, double *restrict mem,
                                                double *restrict in, double *restrict currents, int64_t begin,
                                                int64_t end, int32_t *restrict flags, int has_currents) {
    const snn_snntorch k = *p;
    for (int64_t i = begin; i < end; ++i) {
        const double x = snn_take_input(in, currents, i, has_currents);
        const double r = mem[i] > k.threshold ? 1.0 : 0.0;
        const double s = k.alpha * syn[i] + x;
        const double base = k.beta * mem[i] + s;
        const double m = k.mechanism == SNN_SNNTORCH_SUBTRACT ? base - r * k.threshold
                       : k.mechanism == SNN_SNNTORCH_ZERO     ? base - base * r
                                                              : base;
        const int spike = m > k.threshold;
        syn[i] = s;
        mem[i] = snn_snntorch_reset_now(&k, m, r, spike);
        flags[i - begin] = spike;
    }
}

SNN_CLONES
size_t snn_step_snntorch_synaptic(const snn_snntorch *p, double *restrict syn, double *restrict mem,
                                  double *restrict in, double *restrict currents, int64_t begin, int64_t end,
                                  int32_t *fired) {
    SNN_DISCRETE_BLOCKS(snn_integrate_snntorch_synaptic, p, syn, mem, in, currents);
}

/* SpikingJelly LIFNode: charge H, spike H >= V_th, reset at once (to V_reset, or by subtracting V_th). */
SNN_INLINE void snn_integrate_spikingjelly_lif(const snn_spikingjelly_lif *p, double *restrict v,
                                               double *restrict in, double *restrict currents, int64_t begin,
                                               int64_t end, int32_t *restrict flags, int has_currents) {
    const snn_spikingjelly_lif k = *p;
    for (int64_t i = begin; i < end; ++i) {
        const double x = snn_take_input(in, currents, i, has_currents);
        const double h = k.decay_input ? v[i] + (x - (v[i] - k.reset)) / k.tau : v[i] - (v[i] - k.reset) / k.tau + x;
        const int spike = h >= k.threshold;
        v[i] = k.soft_reset ? h - (spike ? k.threshold : 0.0) : spike ? k.reset : h;
        flags[i - begin] = spike;
    }
}

SNN_CLONES
size_t snn_step_spikingjelly_lif(const snn_spikingjelly_lif *p, double *restrict v, double *restrict in,
                                 double *restrict currents, int64_t begin, int64_t end, int32_t *fired) {
    SNN_DISCRETE_BLOCKS(snn_integrate_spikingjelly_lif, p, v, in, currents);
}

/* Lava's floating-point LIF (CUBA): u, then v with the new u, spike v > vth, v <- 0. */
SNN_INLINE void snn_integrate_cuba_lif(const snn_cuba_lif *p, double *restrict u, double *restrict v,
                                       double *restrict in, double *restrict currents, int64_t begin, int64_t end,
                                       int32_t *restrict flags, int has_currents) {
    const snn_cuba_lif k = *p;
    for (int64_t i = begin; i < end; ++i) {
        const double x = snn_take_input(in, currents, i, has_currents);
        const double current = u[i] * k.current_keep + x;
        const double h = v[i] * k.voltage_keep + current + k.bias;
        const int spike = h > k.threshold;
        u[i] = current;
        v[i] = spike ? 0.0 : h;
        flags[i - begin] = spike;
    }
}

SNN_CLONES
size_t snn_step_cuba_lif(const snn_cuba_lif *p, double *restrict u, double *restrict v, double *restrict in,
                         double *restrict currents, int64_t begin, int64_t end, int32_t *fired) {
    SNN_DISCRETE_BLOCKS(snn_integrate_cuba_lif, p, u, v, in, currents);
}
