// SPDX-License-Identifier: GPL-2.0
/*
 * map_def.c - what a map's definition must say, however it was written:
 * in BTF (SEC(".maps"), maps.c) or in the legacy "maps" section
 * (struct bpf_map_def, legacy_maps.c).  Both end here, below them.
 */
#include <errno.h>

#include "elf/spec.h"

int map_def_check(struct map_spec *ms, struct bb_err *err)
{
	if (!ms->type)
		return bb_errf(err, -EINVAL, "elf: map '%s': no type given",
			       ms->name);
	/*
	 * A stack trace map's value is an array of instruction pointers;
	 * tools (libbpf-tools) size it at run time, and leave it 0 in the
	 * object.  The size they use: 127 frames (the kernel's default
	 * perf_event_max_stack) of 8 bytes.  --value-size changes it.
	 */
	if (ms->type == BPF_MAP_TYPE_STACK_TRACE && !ms->value_size)
		ms->value_size = STACK_TRACE_DEFAULT_VALUE_SIZE;
	return 0;
}
