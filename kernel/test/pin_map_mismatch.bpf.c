// SPDX-License-Identifier: GPL-2.0
/*
 * Same name as pin_map.bpf.c's map, but 4-byte values: loading it where
 * that one is pinned must fail, naming value_size.
 */
#include "bpf_defs.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u32);
	__uint(pinning, LIBBPF_PIN_BY_NAME);
} counters SEC(".maps");
