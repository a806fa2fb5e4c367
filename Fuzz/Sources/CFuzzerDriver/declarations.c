/* The declarations in include/ are the whole target: libFuzzer and the sanitizer runtime (-sanitize=fuzzer,address)
   define the functions. */
