#include "CSNNKernels.h"

/* The OpenMP runtime's C entry points, declared here rather than by including omp.h: Debian's libomp-dev puts
   omp.h where the Swift toolchain's clang does not look, and calling GOMP_parallel (GCC's OpenMP ABI, exported by
   LLVM's libomp too) needs no -fopenmp, so the package has no unsafe build flags and works as a dependency.
   See ../shared/design/SWIFT_NOTES.md section 2. */
int omp_get_max_threads(void);
int omp_get_thread_num(void);
int omp_get_num_threads(void);
void GOMP_parallel(void (*fn)(void *), void *data, unsigned num_threads, unsigned flags);

int snn_default_thread_count(void) { return omp_get_max_threads(); }

struct snn_job {
    snn_task task;
    void *context;
    int part_count;
};

static void snn_team_body(void *data) {
    const struct snn_job *job = data;
    const int thread = omp_get_thread_num();
    const int threads = omp_get_num_threads();
    for (int part = thread; part < job->part_count; part += threads) {
        job->task(job->context, part, job->part_count);
    }
}

void snn_parallel(int part_count, snn_task task, void *context) {
    if (part_count <= 1) {
        task(context, 0, 1);
        return;
    }
    struct snn_job job = {task, context, part_count};
    GOMP_parallel(snn_team_body, &job, (unsigned)part_count, 0);
}
