// SPDX-License-Identifier: GPL-2.0
/* A map pinned by name: tests/kernel/pin.c reuses it across loads. */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} counters SEC(".maps");
