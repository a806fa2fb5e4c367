#include "CSNNKernels.h"

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
        if (csr->delay == NULL && pos == neg) {
            /* Weights of one sign (most projections): no per-synapse choice of plane. */
            double *plane = values + ((step + csr->uniform_delay) & mask) * slot_stride + pos;
            for (int64_t k = begin; k < end; ++k) plane[csr->target[k]] += (double)csr->weight[k];
        } else if (csr->delay == NULL) {
            double *slot = values + ((step + csr->uniform_delay) & mask) * slot_stride;
            for (int64_t k = begin; k < end; ++k) {
                const float w = csr->weight[k];
                slot[(w < 0.0f ? neg : pos) + csr->target[k]] += (double)w;
            }
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
