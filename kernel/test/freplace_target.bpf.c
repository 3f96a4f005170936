// SPDX-License-Identifier: GPL-2.0
/*
 * freplace_target.bpf.c - a program with a function to replace: "syscall"
 * program run_decide returns what the global function decide() returns,
 * 1 (0 + base), until freplace.bpf.o's extension replaces decide()
 * (tests/kernel/freplace.c runs it with BPF_PROG_RUN before, during and
 * after).
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

/* What decide() adds: a global, read at run time, so that clang cannot
 * compute decide()'s result in its caller and drop the call. */
int base = 1;

/*
 * Global and not inlined: a function of its own in the JITed code and a
 * FUNC record in the program's BTF, as an extension needs (the kernel
 * refuses to replace a static one).
 */
__attribute__((noinline)) int decide(int x)
{
	return x + *(volatile int *)&base;
}

SEC("syscall")
int run_decide(void *ctx)
{
	(void)ctx;
	return decide(0);
}
