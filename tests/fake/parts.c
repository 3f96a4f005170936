// SPDX-License-Identifier: GPL-2.0
/*
 * parts.c - a tool that links only some parts of the loader (parts.h)
 * refuses, at open and before any kernel call, an object that needs a
 * part it lacks, naming the program or map and the part; with every
 * part (bb_object_open()) the same objects open.  And the CO-RE part's message
 * for a verifier that reached a poisoned relocation.
 */
#include "loader/load/obj_core.h"
#include "loader/object/object.h"
#include "loader/core/parts.h"
#include "loader/attach/tracepoint.h"
#include "tests/fake/fake_kernel.h"
#include "tests/tap.h"

/* What procmon links: tracepoints only. */
static const struct loader_parts tp_only = {
	.tool = "tp-only",
	.attach = { [ATTACH_TRACEPOINT] = tracepoint_attach },
};

/* Every part but CO-RE and BTF targets; every part but .kconfig. */
static struct loader_parts all_but_core, all_but_kconfig;

struct want {
	const char *obj;
	const struct loader_parts *parts;
	const char *says;	/* NULL: opens */
	const char *names;	/* the program or map named */
};

static void try_open(const struct want *w)
{
	const char *path = fake_obj_path(w->obj);
	struct bb_object *obj = NULL;
	struct bb_err err = { 0 };
	int ret;

	fake_reset();
	ret = obj_open_with(&obj, path, w->parts, &err);
	if (!w->says) {
		if (!is_int(ret, 0, "%s with %s: opens", w->obj, w->parts->tool))
			diag("%s", err.msg);
	} else {
		is_int(ret, -ENOTSUP, "%s with %s: -ENOTSUP", w->obj,
		       w->parts->tool);
		like(err.msg, w->says, "%s: says '%s': %s", w->obj, w->says,
		     err.msg);
		like(err.msg, w->names, "%s: names '%s'", w->obj, w->names);
		like(err.msg, w->parts->tool, "%s: names the tool", w->obj);
		ok(!obj, "%s: no object is returned", w->obj);
	}
	is_int(fk.nr_cmds, 0, "%s: no bpf() call made", w->obj);
	ok(!fk.nr_real_open, "%s: every file closed", w->obj);
	bb_object_close(obj);
}

static void refused_messages(void)
{
	static const struct want wants[] = {
		{ "procmon.bpf.o", &tp_only, NULL, NULL },
		{ "procmon_events.bpf.o", &tp_only, NULL, NULL },
		{ "test/kprobe.bpf.o", &tp_only, "kprobe/do_unlinkat",
		  "program 'kprobe_unlinkat'" },
		{ "test/raw_tp.bpf.o", &tp_only, "raw_tp/", "program '" },
		{ "test/tp_btf.bpf.o", &all_but_core, "a kernel BTF target",
		  "program '" },
		{ "test/core.bpf.o", &all_but_core, "CO-RE relocations",
		  "program '" },
		{ "test/core.bpf.o", &all_but_kconfig, ".kconfig values",
		  "map '.kconfig'" },
		{ "test/globals.bpf.o", &tp_only, "global data", "map '" },
		{ "test/map_in_map.bpf.o", &tp_only, "maps of maps",
		  "map 'outer" },
		{ "test/struct_ops_cc.bpf.o", &tp_only, "needs struct_ops",
		  "section '.struct_ops'" },
	};
	size_t i;

	for (i = 0; i < sizeof(wants) / sizeof(wants[0]); i++) {
		struct want w = wants[i];

		try_open(&w);
		w.parts = &loader_parts_all;
		w.says = NULL;
		try_open(&w);
	}
}

static void poisoned_message(void)
{
	struct prog_spec spec = { .name = "p", .nr_cores = 1 };
	struct bb_prog p = { .spec = &spec, .nr_poisoned = 2 };
	struct bb_err err = { 0 };
	int ret;

	strcpy(p.poisoned, "struct inet_sock.freebind");
	bb_errf(&err, -EINVAL, "bpf(BPF_PROG_LOAD): refused");
	err.detail = strdup("0: (85) call unknown#195896080\n");
	ret = prog_core_refused(&p, -EINVAL, &err);
	is_int(ret, -EINVAL, "poisoned: the errno is kept");
	like(err.msg, "2 CO-RE relocation(s) found no match", "poisoned: counted: %s", err.msg);
	like(err.msg, "struct inet_sock.freebind", "poisoned: the first named");
	like(err.msg, "bpf(BPF_PROG_LOAD): refused", "poisoned: the load's message stays");
	free(err.detail);

	bb_errf(&err, -EINVAL, "bpf(BPF_PROG_LOAD): refused");
	err.detail = strdup("R1 invalid mem access 'scalar'\n");
	prog_core_refused(&p, -EINVAL, &err);
	is_str(err.msg, "bpf(BPF_PROG_LOAD): refused",
	       "not reached by the verifier: message unchanged");
	free(err.detail);

	p.nr_poisoned = 0;
	err.detail = strdup("0: (85) call unknown#195896080\n");
	prog_core_refused(&p, -EINVAL, &err);
	is_str(err.msg, "bpf(BPF_PROG_LOAD): refused",
	       "nothing poisoned: message unchanged");
	free(err.detail);
}

int main(void)
{
	if (access(fake_obj_path("test/core.bpf.o"), R_OK))
		return skip_all("build/test/*.bpf.o not built (run make)");
	all_but_core = loader_parts_all;
	all_but_core.tool = "all-but-core";
	all_but_core.btf_target_find = NULL;
	all_but_core.core_relocate = NULL;
	all_but_kconfig = loader_parts_all;
	all_but_kconfig.tool = "all-but-kconfig";
	all_but_kconfig.kconfig_fill = NULL;
	fake_install();
	refused_messages();
	poisoned_message();
	fake_reset();
	return done_testing();
}
