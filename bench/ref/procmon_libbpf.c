// SPDX-License-Identifier: GPL-2.0
/*
 * procmon_libbpf - the benchmark's reference: procmon written the way a
 * libbpf user would write it, loading the very same build/procmon.bpf.o.
 *
 *	procmon_libbpf OBJ [COUNT [INTERVAL_MS]]
 *
 * bpf_object__open_file + bpf_object__load, the two task_struct offsets
 * from the kernel's BTF (btf__load_vmlinux_btf, libbpf's way: the whole
 * BTF is parsed), bpf_program__attach for each tracepoint, then COUNT
 * tables (default 1) printed as procmon prints them, and exit.  Only for
 * bench/bench.sh: never built by `make all`, never part of barebpf.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "bench/ref/procmon_table.h"

#define MAX_LINKS 8

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return level == LIBBPF_WARN ? vfprintf(stderr, fmt, ap) : 0;
}

/* offsetof(struct task_struct, NAME) in the running kernel, or -1. */
static long member_offset(const struct btf *btf, const struct btf_type *t,
			  const char *name)
{
	const struct btf_member *m = btf_members(t);
	int i;

	for (i = 0; i < btf_vlen(t); i++, m++)
		if (!strcmp(btf__name_by_offset(btf, m->name_off), name))
			return btf_member_bit_offset(t, i) / 8;
	return -1;
}

static int set_task_offsets(struct bpf_object *obj)
{
	struct task_offsets off = { 0 };
	const struct btf_type *t;
	struct bpf_map *map;
	struct btf *btf;
	__u32 zero = 0;
	long rp, tg;
	int id, ret;

	btf = btf__load_vmlinux_btf();
	if (!btf)
		return -errno;
	id = btf__find_by_name_kind(btf, "task_struct", BTF_KIND_STRUCT);
	t = id > 0 ? btf__type_by_id(btf, id) : NULL;
	rp = t ? member_offset(btf, t, "real_parent") : -1;
	tg = t ? member_offset(btf, t, "tgid") : -1;
	btf__free(btf);
	if (rp < 0 || tg < 0)
		return -ENOENT;
	off.real_parent = rp;
	off.tgid = tg;
	map = bpf_object__find_map_by_name(obj, "task_offsets");
	if (!map)
		return -ENOENT;
	ret = bpf_map_update_elem(bpf_map__fd(map), &zero, &off, BPF_ANY);
	return ret ? -errno : 0;
}

/* One table (procmon_table.h prints it). */
static int dump(int fd, struct proc_info *rows, size_t cap)
{
	__u32 key, next, *prev = NULL;
	size_t n = 0;

	while (n < cap && !bpf_map_get_next_key(fd, prev, &next)) {
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, &rows[n]))
			continue;	/* deleted meanwhile */
		if (kill(rows[n].pid, 0) && errno == ESRCH) {
			bpf_map_delete_elem(fd, &key);
			continue;
		}
		n++;
	}
	return print_table(rows, n);
}

static int run(struct bpf_object *obj, long count, long interval_ms)
{
	struct bpf_link *links[MAX_LINKS];
	struct bpf_program *prog;
	struct proc_info *rows;
	struct bpf_map *map;
	int nlinks = 0, ret = 0, i;
	long n;

	if (bpf_object__load(obj) || set_task_offsets(obj))
		return -1;
	bpf_object__for_each_program(prog, obj) {
		if (nlinks == MAX_LINKS)
			return -1;
		links[nlinks] = bpf_program__attach(prog);
		if (!links[nlinks])
			ret = -1;
		else
			nlinks++;
	}
	map = bpf_object__find_map_by_name(obj, "process_map");
	rows = map ? calloc(bpf_map__max_entries(map), sizeof(*rows)) : NULL;
	for (n = 0; !ret && rows && n < count; n++) {
		if (interval_ms)
			usleep(interval_ms * 1000);
		ret = dump(bpf_map__fd(map), rows, bpf_map__max_entries(map));
	}
	if (!rows)
		ret = -1;
	free(rows);
	for (i = 0; i < nlinks; i++)
		bpf_link__destroy(links[i]);
	return ret;
}

int main(int argc, char **argv)
{
	struct bpf_object *obj;
	long count = argc > 2 ? atol(argv[2]) : 1;
	long interval = argc > 3 ? atol(argv[3]) : 0;
	int ret;

	if (argc < 2) {
		fprintf(stderr, "usage: procmon_libbpf OBJ [COUNT [INTERVAL_MS]]\n");
		return 2;
	}
	libbpf_set_print(quiet);
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj) {
		fprintf(stderr, "procmon_libbpf: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	ret = run(obj, count, interval);
	bpf_object__close(obj);
	if (ret)
		fprintf(stderr, "procmon_libbpf: failed\n");
	return ret ? 1 : 0;
}
