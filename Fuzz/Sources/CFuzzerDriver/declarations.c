/* The declaration in include/ is the whole target: libFuzzer (-sanitize=fuzzer) defines the function. */
