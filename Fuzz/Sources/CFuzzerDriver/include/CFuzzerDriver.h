#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

/* libFuzzer's entry point for programs with their own main (compiler-rt FuzzerInterface.h): runs the fuzzer with
 * the command-line flags in argv, calling `test` on every input. SwiftPM gives an executable target a main of its
 * own, so the targets call this from it, with their LLVMFuzzerTestOneInput. */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*test)(const uint8_t *data, size_t size));

/* LeakSanitizer's interface (compiler-rt sanitizer/lsan_interface.h): allocations made between disable and
 * enable are never reported as leaks. */
void __lsan_disable(void);
void __lsan_enable(void);

#endif
