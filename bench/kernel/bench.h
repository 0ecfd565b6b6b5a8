/* SPDX-License-Identifier: GPL-2.0 */
/*
 * srcu_config_bench: what the C side (bench_main.c) and the C++ side
 * (bench_cxx.cpp) share. Included from C, with the kernel headers, and
 * from C++, without them: it names no kernel type.
 */
#ifndef SRCU_CONFIG_BENCH_H
#define SRCU_CONFIG_BENCH_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The small object the configuration-read variants reach through an
 * SRCU-protected pointer, standing for one generation of a configuration.
 */
struct bench_config {
	unsigned long long generation;
	unsigned long long value;
	unsigned long long size;
};

/* The C++ domain, writer lock and protected pointer; 0 or -errno. */
int bench_cxx_init(void);
void bench_cxx_exit(void);

/*
 * Reader loops: @loops read-side critical sections each, back to back.
 * Every loop returns a value derived from what it read, so that nothing
 * in it is dead code (the others return 0).
 */
unsigned long bench_cxx_guard_loop(unsigned long loops);
unsigned long bench_cxx_guard_barrier_inside_loop(unsigned long loops);
unsigned long bench_cxx_config_read_loop(unsigned long loops);

/*
 * SRCU-fast readers: defined only where the kernel has them, which C++
 * knows as SRCU_CXX_HAVE_FAST_READERS and C as BENCH_HAVE_FAST, the same
 * probe (core/srcu_cxx.mk and core/kernel/layout.c).
 */
unsigned long bench_cxx_fast_guard_loop(unsigned long loops);
unsigned long bench_cxx_module_fast_guard_loop(unsigned long loops);
unsigned long bench_cxx_fast_config_read_loop(unsigned long loops);

#ifndef __cplusplus
#if SRCU_CXX_HAVE_SRCU_FAST && defined(CONFIG_TREE_SRCU)
#define BENCH_HAVE_FAST 1
#else
#define BENCH_HAVE_FAST 0
#endif
#endif

#ifdef __cplusplus
}
#endif

#endif
