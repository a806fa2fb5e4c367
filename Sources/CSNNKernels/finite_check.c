#include "CSNNKernels.h"

#include <string.h>

/* A double is NaN or ±inf exactly when its 11 exponent bits are all ones. OR-ing a block's masked exponents
   lets the compiler vectorise the scan; only a block that has one is searched element by element. */
int64_t snn_first_nonfinite(const double *values, int64_t count) {
    const uint64_t exponent = 0x7ff0000000000000ULL;
    const int64_t block = 64;
    for (int64_t start = 0; start < count; start += block) {
        const int64_t end = start + block < count ? start + block : count;
        uint64_t bad = 0;
        for (int64_t i = start; i < end; i++) {
            uint64_t bits;
            memcpy(&bits, &values[i], sizeof bits);
            bad |= ((bits & exponent) == exponent);
        }
        if (bad) {
            for (int64_t i = start; i < end; i++) {
                uint64_t bits;
                memcpy(&bits, &values[i], sizeof bits);
                if ((bits & exponent) == exponent) return i;
            }
        }
    }
    return -1;
}
