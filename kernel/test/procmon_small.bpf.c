// SPDX-License-Identifier: GPL-2.0
/*
 * procmon_small.bpf.c - procmon's BPF side with a table of 32 entries,
 * so that tests/kernel/exec_storm.c can fill it with a few processes and
 * check that the execs that did not fit are counted (procmon_stats).
 */
#define PROCMON_MAX_PROCS 32
#include "../procmon.bpf.c"
