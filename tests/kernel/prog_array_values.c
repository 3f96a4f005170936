// SPDX-License-Identifier: GPL-2.0
/*
 * prog_array_values.c - a PROG_ARRAY filled in C (".values = { [1] =
 * &second, [3] = &third }", issue 16): once bb_object_load() returns,
 * the kernel holds "second" in slot 1 and "third" in slot 3, and "first"
 * tail-calls its way into "second" when run (BPF_PROG_RUN).  With
 * "second" switched off, its slot stays empty and the tail call falls
 * through.
 */
#include <errno.h>

#include "tests/kernel/attach.h"

/* The id of the program in slot @key, or -errno. */
static int64_t slot_id(struct bb_object *o, uint32_t key)
{
	uint32_t id = 0;
	int ret = sys_map_lookup_elem(bb_object_find_map(o, "jumps")->fd,
				      &key, &id, 0);

	return ret ? (int64_t)ret : (int64_t)id;
}

static uint32_t prog_id(struct bb_object *o, const char *name)
{
	struct bpf_prog_info info;
	uint32_t len = sizeof(info);

	memset(&info, 0, sizeof(info));
	if (sys_obj_get_info_by_fd(bb_prog_fd(bb_object_find_prog(o, name)),
				   &info, &len))
		return 0;
	return info.id;
}

static int open_load(struct bb_object **o, const char *off)
{
	char path[PATH_MAX];
	struct bb_err err = { 0 };
	int ret;

	attach_obj_path("prog_array_values", path, sizeof(path));
	ret = bb_object_open(o, path, &err);
	if (!ret && off)
		bb_prog_set_autoload(bb_object_find_prog(*o, off), false);
	if (!ret)
		ret = bb_object_load(*o, &err);
	if (!ok(ret == 0, "prog_array_values.bpf.o loads%s%s",
		off ? " with this program off: " : "", off ? off : ""))
		diag("%s", err.msg);
	return ret;
}

static void filled(void)
{
	struct bb_object *o = NULL;
	uint32_t runs = 0;
	struct bb_err err = { 0 };

	if (open_load(&o, NULL))
		goto out;
	is_int(slot_id(o, 1), prog_id(o, "second"), "slot 1 holds 'second' (id %u)",
	       prog_id(o, "second"));
	is_int(slot_id(o, 3), prog_id(o, "third"), "slot 3 holds 'third' (id %u)",
	       prog_id(o, "third"));
	is_int(slot_id(o, 0), -ENOENT, "slot 0, not in .values, is empty");
	is_int(attach_run(o, "first"), 2, "'first' tail-calls slot 1: it returns what 'second' returns");
	bb_object_get_var(o, "second_runs", &runs, sizeof(runs), &err);
	is_int(runs, 1, "'second' ran once");
out:
	bb_object_close(o);
}

static void switched_off(void)
{
	struct bb_object *o = NULL;

	if (open_load(&o, "second"))
		goto out;
	is_int(slot_id(o, 1), -ENOENT, "slot 1 stays empty");
	is_int(slot_id(o, 3), prog_id(o, "third"), "slot 3 still holds 'third'");
	is_int(attach_run(o, "first"), 1, "'first' falls through both tail calls");
out:
	bb_object_close(o);
}

int main(void)
{
	filled();
	switched_off();
	return done_testing();
}
