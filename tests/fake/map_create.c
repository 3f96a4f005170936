// SPDX-License-Identifier: GPL-2.0
/*
 * map_create.c - bb_object_load() creates procmon's maps in .maps order, with
 * the attributes the source declares, before loading any program.
 */
#include "loader/object/object.h"
#include "tests/fake/fake_kernel.h"
#include "tests/tap.h"

static void check_map(int i, const char *name, uint32_t type, uint32_t key,
		      uint32_t value, uint32_t max)
{
	const struct fake_map_rec *m = &fk.maps[i];

	is_str(m->name, name, "map #%d is '%s'", i, name);
	is_int(m->type, type, "%s: map_type", name);
	is_int(m->key_size, key, "%s: key_size", name);
	is_int(m->value_size, value, "%s: value_size", name);
	is_int(m->max_entries, max, "%s: max_entries", name);
	is_int(m->map_flags, 0, "%s: map_flags", name);
	ok(m->tail_zero, "%s: attr bytes past btf_value_type_id are zero (CHECK_ATTR)",
	   name);
	/* fd FAKE_FD_BASE is the object's BTF, loaded first. */
	is_int(m->fd, FAKE_FD_BASE + 1 + i, "%s: got fd %d", name, FAKE_FD_BASE + 1 + i);
}

int main(void)
{
	const char *path = fake_obj_path("procmon.bpf.o");
	struct bb_err err = { 0 };
	struct bb_object *obj = NULL;
	int ret, i;

	if (access(path, R_OK))
		return skip_all("build/procmon.bpf.o not built (run make)");
	fake_install();

	ret = bb_object_open(&obj, path, &err);
	if (!is_int(ret, 0, "bb_object_open %s", path)) {
		diag("%s", err.msg);
		return done_testing();
	}
	is_int(fk.nr_cmds, 0, "bb_object_open makes no bpf() call");

	ret = bb_object_load(obj, &err);
	if (!is_int(ret, 0, "bb_object_load with the fake kernel"))
		diag("%s", err.msg);

	/* Maps, in .maps order, then one BPF_PROG_LOAD per program. */
	is_int(fk.nr_maps, 3, "three BPF_MAP_CREATE");
	check_map(0, "process_map", BPF_MAP_TYPE_HASH, 4, 40, 10240);
	check_map(1, "procmon_stats", BPF_MAP_TYPE_ARRAY, 4, 8, 1);
	check_map(2, "task_offsets", BPF_MAP_TYPE_ARRAY, 4, 8, 1);
	is_int(fk.nr_cmds, 6, "six bpf() calls in all");
	is_int(fk.cmds[0], BPF_BTF_LOAD, "call 1: BPF_BTF_LOAD (the object's BTF)");
	is_int(fk.cmds[1], BPF_MAP_CREATE, "call 2: BPF_MAP_CREATE");
	is_int(fk.cmds[2], BPF_MAP_CREATE, "call 3: BPF_MAP_CREATE");
	is_int(fk.cmds[3], BPF_MAP_CREATE, "call 4: BPF_MAP_CREATE");
	is_int(fk.cmds[4], BPF_PROG_LOAD, "call 5: BPF_PROG_LOAD");
	is_int(fk.cmds[5], BPF_PROG_LOAD, "call 6: BPF_PROG_LOAD");
	is_int(fk.bad_attr_size, 0, "every bpf() passes sizeof(union bpf_attr)");

	is_int(obj->btf_fd, 100, "the object's BTF owns fd 100");
	is_int(bb_object_find_map(obj, "process_map")->fd, 101, "process_map owns fd 101");
	is_int(bb_object_find_map(obj, "procmon_stats")->fd, 102, "procmon_stats owns fd 102");
	is_int(bb_object_find_map(obj, "task_offsets")->fd, 103, "task_offsets owns fd 103");

	/* The programs: type from "tp/", license, name, no log first time. */
	is_int(fk.nr_progs, 2, "two programs loaded");
	for (i = 0; i < fk.nr_progs && i < 2; i++) {
		const struct fake_prog_rec *p = &fk.progs[i];
		const struct prog_spec *s = &obj->spec.progs[i];

		is_str(p->name, s->name, "prog %d: name", i);
		is_int(p->prog_type, BPF_PROG_TYPE_TRACEPOINT,
		       "%s: BPF_PROG_TYPE_TRACEPOINT", s->name);
		is_str(p->license, "GPL", "%s: license GPL", s->name);
		is_int(p->insn_cnt, s->nr_insns, "%s: insn_cnt", s->name);
		is_int(p->log_level, 0, "%s: first load has no log", s->name);
		ok(!p->log_buf && p->log_size == 0, "%s: no log buffer",
		   s->name);
		is_int(obj->progs[i].fd, 104 + i, "%s: owns fd %d", s->name,
		       104 + i);
	}
	is_str(fk.progs[0].name, "handle_exec", "first program is handle_exec");
	is_str(fk.progs[1].name, "handle_exit", "second is handle_exit");

	bb_object_close(obj);
	is_int(fake_open_fds(), 0, "bb_object_close closed every fake fd");
	is_int(fk.nr_closes, 6, "six closes");
	/* Programs before the maps they use, the BTF they all name last. */
	is_int(fk.closes[0], 104, "handle_exec closed first");
	is_int(fk.closes[1], 105, "then handle_exit");
	is_int(fk.closes[2], 101, "then process_map");
	is_int(fk.closes[3], 102, "then procmon_stats");
	is_int(fk.closes[4], 103, "then task_offsets");
	is_int(fk.closes[5], 100, "then the BTF");
	is_int(fk.double_closes, 0, "no fd closed twice");
	is_int(fk.nr_real_open, 0, "the object file was closed");
	is_int(fk.real_leaked_unknown, 0, "no close of an unknown fd");
	is_int(fk.unexpected, 0, "no unexpected syscall (last: %ld)",
	       fk.unexpected_nr);
	fake_reset();
	return done_testing();
}
