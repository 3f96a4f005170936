/* SPDX-License-Identifier: GPL-2.0 */
/* cpus.h - how many CPUs the kernel may ever bring up. */
#ifndef BAREBPF_CPUS_H
#define BAREBPF_CPUS_H

#include <stdint.h>

#include "../elf/err.h"

#define CPUS_POSSIBLE_PATH "/sys/devices/system/cpu/possible"

/*
 * The number of possible CPUs: the highest id in @CPUS_POSSIBLE_PATH
 * ("0-3" or "0,2-5") plus one.  A perf event array has one slot per CPU.
 */
int cpus_possible(uint32_t *nr, struct bb_err *err);

/* The same, from the text of that file; pure, for tests. */
int cpus_parse(const char *text, uint32_t *nr);

#endif
