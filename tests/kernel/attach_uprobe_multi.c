// SPDX-License-Identifier: GPL-2.0
/*
 * attach_uprobe_multi.c - uprobe.multi and uretprobe.multi on
 * /proc/self/exe:bb_umulti_*: two functions of this test binary match,
 * one BPF link each section holds both probes, and every call of either
 * is counted.  Linux 6.6+ (this host); before (the 6.1 VM tier) the
 * kernel refuses the link with EINVAL, and the message says why.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/utsname.h>

#include "tests/kernel/attach.h"
#include "elf/exec.h"
#include "loader/sys/file.h"

#define N1 3
#define N2 4
#define LINK_TYPE_UPROBE_MULTI 12	/* enum bpf_link_type, 6.6 */

__attribute__((noinline, used)) int bb_umulti_one(int x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 100;
}

__attribute__((noinline, used)) int bb_umulti_two(int x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 200;
}

/* Does this kernel have uprobe_multi links (6.6+)? */
static int kernel_has_uprobe_multi(void)
{
	struct utsname u;
	int major = 0, minor = 0;

	uname(&u);
	sscanf(u.release, "%d.%d", &major, &minor);
	return major > 6 || (major == 6 && minor >= 6);
}

static void our_reader(void)
{
	struct bb_err err = { 0 };
	uint64_t *offs = NULL;
	uint32_t nr = 0;
	uint8_t *data;
	size_t len;

	if (!ok(file_read_all("/proc/self/exe", &data, &len, &err) == 0,
		"read /proc/self/exe")) {
		diag("%s", err.msg);
		return;
	}
	ok(exec_pattern_offsets(data, len, "bb_umulti_*", &offs, &nr, &err) == 0 &&
	   nr == 2 && offs[0] < offs[1], "our ELF reader finds 2 functions for bb_umulti_*, once each");
	free(offs);
	is_int(exec_pattern_offsets(data, len, "bb_umulti_nothing*", &offs, &nr, &err),
	       -ENOENT, "a pattern nothing matches is -ENOENT");
	like(err.msg, "no function matches 'bb_umulti_nothing*'", "and says so");
	free(data);
}

static void fires(struct bb_object *o)
{
	struct bb_prog *p = bb_object_find_prog(o, "umulti_entry");
	int i;

	is_int(attach_link_type(p->attach_fd), LINK_TYPE_UPROBE_MULTI,
	       "the handle is one uprobe_multi link");
	for (i = 0; i < N1; i++)
		bb_umulti_one(i);
	for (i = 0; i < N2; i++)
		bb_umulti_two(i + 10);
	is_int(attach_read(o, "hits", SLOT_ENTRY), N1 + N2,
	       "uprobe.multi ran for every call of both functions (%d)", N1 + N2);
	is_int(attach_read(o, "hits", SLOT_RETURN), N1 + N2,
	       "uretprobe.multi too");
	is_int(attach_read(o, "seen", SLOT_ENTRY), N2 - 1 + 10,
	       "the last argument, in %%rdi");
	is_int(attach_read(o, "seen", SLOT_RETURN), N2 - 1 + 10 + 200,
	       "the last return value, in %%rax");
	attach_detach(o);
	bb_umulti_one(0);
	is_int(attach_read(o, "hits", SLOT_ENTRY), N1 + N2, "detached: no more hits");
}

int main(void)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	int ret;

	our_reader();
	ret = attach_load("uprobe_multi", &o, &err);
	if (!ok(ret == 0, "load uprobe_multi.bpf.o"))
		diag("%s", err.msg);
	if (ret)
		return done_testing();
	ret = bb_object_attach(o, &err);
	if (kernel_has_uprobe_multi()) {
		if (!ok(ret == 0, "attach both sections, 2 offsets each"))
			diag("%s", err.msg);
		else
			fires(o);
	} else {
		is_int(ret, -EINVAL, "before 6.6: BPF_LINK_CREATE refuses with EINVAL");
		like(err.msg, "uprobe.multi needs Linux 6.6 or later",
		     "and says why: %s", err.msg);
	}
	bb_object_close(o);
	return done_testing();
}
