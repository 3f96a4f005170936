// SPDX-License-Identifier: GPL-2.0
/*
 * map_percpu.c - the values of per-CPU maps as user space sees them.
 *
 * A BPF program sees its own CPU's value.  BPF_MAP_LOOKUP_ELEM from user
 * space copies out every possible CPU's, one after the other, each in a
 * slot of value_size rounded up to 8 bytes, and BPF_MAP_UPDATE_ELEM reads
 * as many (bpf_percpu_array_copy() and bpf_percpu_hash_copy() in
 * kernel/bpf/arraymap.c and hashtab.c, Linux 4.6; the batch calls, 5.6,
 * lay out each value the same way).  Possible CPUs, not online ones: a CPU
 * brought up later has its slot already, and the numbers may have holes.
 */
#include <errno.h>

#include "loader/maps/map.h"
#include "loader/sys/cpus.h"

int map_is_percpu(uint32_t type)
{
	return type == BPF_MAP_TYPE_PERCPU_HASH ||
	       type == BPF_MAP_TYPE_PERCPU_ARRAY ||
	       type == BPF_MAP_TYPE_LRU_PERCPU_HASH ||
	       type == BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE;
}

/*
 * The possible CPUs are fixed at boot: read once per process, not once
 * per walk (open, fstat, read, close each time).  Two threads may both
 * read them the first time; they store the same number.
 */
int bb_possible_cpus(void)
{
	static uint32_t cached;
	uint32_t n = __atomic_load_n(&cached, __ATOMIC_RELAXED);
	int ret;

	if (n)
		return n;
	ret = cpus_possible_count(&n, NULL);
	if (ret)
		return ret;
	__atomic_store_n(&cached, n, __ATOMIC_RELAXED);
	return n;
}

int map_value_bytes(const struct bb_map *map, size_t *bytes)
{
	uint32_t size = map->spec->value_size;
	int cpus;

	*bytes = size;
	if (!map_is_percpu(map->spec->type))
		return 0;
	cpus = bb_possible_cpus();
	if (cpus < 0)
		return cpus;
	*bytes = (size_t)((size + 7) & ~7u) * cpus;
	return 0;
}

long bb_map_value_bytes(const struct bb_map *map)
{
	size_t bytes;
	int ret = map_value_bytes(map, &bytes);

	return ret ? ret : (long)bytes;
}

void *bb_map_cpu_value(const struct bb_map *map, const void *value,
		       uint32_t cpu)
{
	int cpus = map_is_percpu(map->spec->type) ? bb_possible_cpus() : 1;

	if (cpus < 0 || cpu >= (uint32_t)cpus)
		return NULL;
	return (char *)value + (size_t)cpu * ((map->spec->value_size + 7) & ~7u);
}
