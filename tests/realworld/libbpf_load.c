// SPDX-License-Identifier: GPL-2.0
/*
 * libbpf_load - the oracle of the real-world tier: libbpf loads each
 * program of an object on its own and prints what `barebpf load --each
 * --xlated` prints (tests/realworld/run.sh turns its "NAME: id N" and
 * "NAME: refused: TEXT" into these words), so that the two outputs can
 * be compared line by line.  A test tool only: barebpf itself never links libbpf.
 *
 *   libbpf_load OBJ DEFAULT_MAX_ENTRIES
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "loader/sys/out.h"
#include "loader/load/xlated.h"

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

/* Fetched through libbpf; printed as barebpf load --xlated prints. */
static void print_xlated(const char *name, int fd)
{
	struct bpf_prog_info info;
	uint32_t len = sizeof(info), n;
	struct bpf_insn *insns;

	memset(&info, 0, sizeof(info));
	if (bpf_obj_get_info_by_fd(fd, &info, &len))
		return;
	n = info.xlated_prog_len / sizeof(*insns);
	insns = calloc(n + 1, sizeof(*insns));
	memset(&info, 0, sizeof(info));
	info.xlated_prog_len = n * sizeof(*insns);
	info.xlated_prog_insns = (uint64_t)(unsigned long)insns;
	len = sizeof(info);
	if (insns && bpf_obj_get_info_by_fd(fd, &info, &len) == 0)
		xlated_print(out_stdout, name, insns, n);
	free(insns);
}

static void load_one(const char *path, const char *only, unsigned int max)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_program *p, *mine = NULL;
	struct bpf_map *m;
	int ret;

	if (!obj) {
		out_printf(out_stdout, "%s refused: open: %s\n", only, strerror(errno));
		return;
	}
	bpf_object__for_each_program(p, obj) {
		bool me = !strcmp(bpf_program__name(p), only);

		bpf_program__set_autoload(p, me);
		if (me)
			mine = p;
	}
	bpf_object__for_each_map(m, obj) {
		if (!bpf_map__max_entries(m) &&
		    bpf_map__type(m) != BPF_MAP_TYPE_PERF_EVENT_ARRAY)
			bpf_map__set_max_entries(m, max);
		/*
		 * As the tools do at run time (perf_max_stack_depth * 8), and
		 * as barebpf does by default: 127 frames of 8 bytes.
		 */
		if (bpf_map__type(m) == BPF_MAP_TYPE_STACK_TRACE &&
		    !bpf_map__value_size(m))
			bpf_map__set_value_size(m, 127 * 8);
	}
	ret = bpf_object__load(obj);
	if (ret || !mine) {
		out_printf(out_stdout, "%s refused: %s\n", only, strerror(-ret));
	} else {
		out_printf(out_stdout, "%s loaded\n", only);
		print_xlated(only, bpf_program__fd(mine));
	}
	bpf_object__close(obj);
}

int main(int argc, char **argv)
{
	struct bpf_object *obj;
	struct bpf_program *p;
	char **names = NULL;
	int n = 0, i;

	if (argc != 3) {
		fprintf(stderr, "usage: libbpf_load OBJ DEFAULT_MAX_ENTRIES\n");
		return 2;
	}
	libbpf_set_print(quiet);
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj) {
		fprintf(stderr, "%s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	bpf_object__for_each_program(p, obj) {
		names = realloc(names, (n + 1) * sizeof(*names));
		names[n++] = strdup(bpf_program__name(p));
	}
	bpf_object__close(obj);
	for (i = 0; i < n; i++) {
		load_one(argv[1], names[i], atoi(argv[2]));
		free(names[i]);
	}
	free(names);
	out_flush(out_stdout);
	return 0;
}
