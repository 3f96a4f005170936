// SPDX-License-Identifier: GPL-2.0
/*
 * attach_uprobe.c - uprobe and uretprobe on a function of this very test
 * binary (uprobe//proc/self/exe:bb_uprobe_target): they see each call's
 * argument and return value.  Run twice: attached with the ioctls, then
 * with a perf link.
 */
#include "tests/kernel/attach.h"
#include "loader/attach/uprobe.h"

#define N 6

/* noinline and an asm barrier: the call must really happen, N times. */
__attribute__((noinline, used)) int bb_uprobe_target(int x)
{
	__asm__ volatile("" : "+r"(x));
	return 3 * x + 1;
}

static void run(struct bb_object *o, bool link)
{
	const char *how = link ? "perf link" : "SET_BPF+ENABLE";
	struct bb_err err = { 0 };
	int ret, i, type;

	attach_reset(o);
	obj_use_perf_link(o, link);
	ret = bb_object_attach(o, &err);
	if (!ok(ret == 0, "%s: attach uprobe and uretprobe", how))
		diag("%s", err.msg);
	type = attach_link_type(bb_object_find_prog(o, "uprobe_target")->attach_fd);
	if (link)
		is_int(type, BPF_LINK_TYPE_PERF_EVENT, "%s: the handle is a perf_event link", how);
	else
		ok(type < 0, "%s: the handle is the perf event, not a link", how);
	for (i = 0; i < N; i++)
		bb_uprobe_target(i + 10);
	is_int(attach_read(o, "hits", SLOT_ENTRY), N, "%s: uprobe ran %d times", how, N);
	is_int(attach_read(o, "hits", SLOT_RETURN), N, "%s: uretprobe ran %d times", how, N);
	is_int(attach_read(o, "seen", SLOT_ENTRY), N - 1 + 10,
	       "%s: uprobe saw the last argument in %%rdi", how);
	is_int(attach_read(o, "seen", SLOT_RETURN), 3 * (N - 1 + 10) + 1,
	       "%s: uretprobe saw the last return value in %%rax", how);
	attach_detach(o);
	bb_uprobe_target(0);
	is_int(attach_read(o, "hits", SLOT_ENTRY), N, "%s: detached, no more hits", how);
}

int main(void)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	uint64_t off = 0;
	int ret;

	ret = uprobe_offset("/proc/self/exe", UPROBE_TARGET, &off, &err);
	if (!ok(ret == 0 && off > 0, "our ELF reader finds %s in this binary at offset 0x%llx",
		UPROBE_TARGET, (unsigned long long)off))
		diag("%s", err.msg);
	ret = uprobe_offset("/proc/self/exe", "no_such_function_bb", &off, &err);
	like(err.msg, "no function 'no_such_function_bb'", "a missing symbol is a clear error (%d)", ret);

	ret = attach_load("uprobe", &o, &err);
	if (!ok(ret == 0, "load uprobe.bpf.o"))
		diag("%s", err.msg);
	if (ret)
		return done_testing();
	run(o, false);
	run(o, true);
	bb_object_close(o);
	return done_testing();
}
