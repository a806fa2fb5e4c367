#include "CSNNKernels.h"

/* Weights of one sign (most rows): no per-synapse choice of plane. */
static inline __attribute__((always_inline)) void snn_add_row_inline(const uint32_t *target, const float *weight,
                                                                     int64_t begin, int64_t end, double *slot,
                                                                     size_t positive_plane, size_t negative_plane) {
    if (positive_plane == negative_plane) {
        double *plane = slot + positive_plane;
        for (int64_t k = begin; k < end; ++k) plane[target[k]] += (double)weight[k];
    } else {
        for (int64_t k = begin; k < end; ++k) {
            const float w = weight[k];
            slot[(w < 0.0f ? negative_plane : positive_plane) + target[k]] += (double)w;
        }
    }
}

void snn_add_row(const uint32_t *target, const float *weight, int64_t begin, int64_t end, double *slot,
                 size_t positive_plane, size_t negative_plane) {
    snn_add_row_inline(target, weight, begin, end, slot, positive_plane, negative_plane);
}

uint64_t snn_deliver_static(const snn_csr *csr, const int64_t *row_begin, const int64_t *row_end,
                            const int32_t *spike_source, const int64_t *spike_step, size_t n_spikes,
                            const snn_ring *ring) {
    uint64_t events = 0;
    double *values = ring->values;
    const uint64_t mask = ring->slot_mask;
    const size_t slot_stride = ring->slot_stride;
    const size_t pos = (size_t)ring->positive_plane * ring->plane_stride;
    const size_t neg = (size_t)ring->negative_plane * ring->plane_stride;
    for (size_t j = 0; j < n_spikes; ++j) {
        const int64_t begin = row_begin[spike_source[j]];
        const int64_t end = row_end[spike_source[j]];
        const uint64_t step = (uint64_t)spike_step[j];
        events += (uint64_t)(end - begin);
        if (csr->delay == NULL) {
            double *slot = values + ((step + csr->uniform_delay) & mask) * slot_stride;
            snn_add_row_inline(csr->target, csr->weight, begin, end, slot, pos, neg);
        } else {
            for (int64_t k = begin; k < end; ++k) {
                const float w = csr->weight[k];
                double *slot = values + ((step + csr->delay[k]) & mask) * slot_stride;
                slot[(w < 0.0f ? neg : pos) + csr->target[k]] += (double)w;
            }
        }
    }
    return events;
}
