#include "CSNNKernels.h"

#include <string.h>

static inline int is_nonfinite(const double *x) {
    uint64_t bits;
    memcpy(&bits, x, sizeof bits);
    return (bits & 0x7ff0000000000000ULL) == 0x7ff0000000000000ULL;
}

/* A double is NaN or ±inf exactly when its 11 exponent bits are all ones. The scan tests every 32-bit word of a
   block for that pattern in its top bits, which 32-bit vector compares do on any x86-64 (no 64-bit compare
   needed): the high word of a non-finite double always matches, a low word only by chance (about 1 in 2048),
   and only a block with a match is searched double by double. */
int64_t snn_first_nonfinite(const double *values, int64_t count) {
    const unsigned char *bytes = (const unsigned char *)values;
    const int64_t block = 64;
    for (int64_t start = 0; start < count; start += block) {
        const int64_t end = start + block < count ? start + block : count;
        uint32_t match = 0;
        for (int64_t w = 2 * start; w < 2 * end; w++) {
            uint32_t word;
            memcpy(&word, bytes + 4 * w, sizeof word);
            match |= (word & 0x7ff00000u) == 0x7ff00000u;
        }
        if (match) {
            for (int64_t i = start; i < end; i++) {
                if (is_nonfinite(&values[i])) return i;
            }
        }
    }
    return -1;
}
