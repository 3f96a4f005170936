/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cpus.h - which CPUs exist and which are running.
 *
 * The kernel lists them in sysfs as ranges: "0-3,5,8-11".  "possible" is
 * every CPU this boot could ever bring up (per-CPU maps have one slot per
 * possible CPU); "online" is those running now (a perf buffer needs one
 * ring per online CPU).  The numbers need not be contiguous.
 */
#ifndef BAREBPF_CPUS_H
#define BAREBPF_CPUS_H

#include <stdint.h>

#include "elf/base/err.h"

#define CPUS_ONLINE_PATH "/sys/devices/system/cpu/online"
#define CPUS_POSSIBLE_PATH "/sys/devices/system/cpu/possible"

/* Enough for any machine Linux supports today (NR_CPUS max is 8192). */
#define CPUS_MAX 8192

/*
 * Parse a CPU list such as "0-3,5\n" into @cpus (ascending, no repeats
 * assumed from the kernel, but checked); *@nr gets the count.  Pure: no
 * system call.  -EINVAL on a malformed list or a CPU >= @max.
 */
int cpus_parse(const char *text, uint32_t *cpus, uint32_t max, uint32_t *nr,
	       struct bb_err *err);

/* Read and parse @path (one of the paths above) into a malloc'd array. */
int cpus_read(const char *path, uint32_t **cpus, uint32_t *nr,
	      struct bb_err *err);

/* The number of possible CPUs: highest possible CPU + 1. */
int cpus_possible_count(uint32_t *count, struct bb_err *err);

#endif
