// SPDX-License-Identifier: GPL-2.0
/*
 * freplace.bpf.c - extensions (BPF_PROG_TYPE_EXT): decide_two replaces
 * freplace_target.bpf.o's decide() with one that returns 2, whatever it
 * is given; not_there names a function that program does not have (the
 * loader must say so).  An extension has the prototype of the function
 * it replaces.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

SEC("freplace/decide")
int decide_two(int x)
{
	(void)x;
	return 2;
}

SEC("freplace/no_such_func")
int not_there(int x)
{
	return x;
}
