#include "CSNNKernels.h"

/* Declared here rather than by including omp.h: Debian's libomp-dev puts omp.h where the Swift toolchain's clang
   does not look (see ../shared/design/SWIFT_NOTES.md). The runtime library (libomp5) is linked by Package.swift. */
int omp_get_max_threads(void);

int snn_default_thread_count(void) { return omp_get_max_threads(); }
