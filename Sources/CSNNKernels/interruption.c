/* A process-wide request to stop the run in progress, set from a signal handler. Only a volatile sig_atomic_t may
 * be written there (C11 7.14.1.1), which is why this lives in C: Swift code must not run inside a handler. */
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include "CSNNKernels.h"

static volatile sig_atomic_t stop_signal = 0;

static void on_stop_signal(int sig) {
    stop_signal = sig;
    /* A second signal of the same kind kills at once, for a run that does not stop. */
    signal(sig, SIG_DFL);
}

int snn_stop_requested(void) { return stop_signal; }

void snn_request_stop(int sig) { stop_signal = sig; }

int snn_install_stop_handlers(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART; /* writes of outputs in progress go on rather than fail with EINTR */
    if (sigaction(SIGINT, &action, NULL) != 0) return -1;
    if (sigaction(SIGTERM, &action, NULL) != 0) return -1;
    /* A process started from a thread that blocks them (a libdispatch worker's child, say) inherits the block,
     * and the signals would then never arrive. */
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    return pthread_sigmask(SIG_UNBLOCK, &stop_signals, NULL) == 0 ? 0 : -1;
}
