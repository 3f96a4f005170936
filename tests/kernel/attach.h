/* SPDX-License-Identifier: GPL-2.0 */
/*
 * attach.h - what the attach tests share: open one of kernel/test/'s
 * attach objects (found next to the test binary, in build/test/), load
 * it, tell it our tgid, attach it, and read its counters back.
 */
#ifndef BAREBPF_TESTS_ATTACH_H
#define BAREBPF_TESTS_ATTACH_H

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "kernel/test/attach_slots.h"
#include "loader/object/object.h"
#include "loader/attach/perf_attach.h"
#include "loader/sys/sys.h"
#include "tests/tap.h"

/* build/tests/kernel/NAME.t -> build/test/OBJ.bpf.o */
static inline void attach_obj_path(const char *obj, char *out, size_t len)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	exe[n > 0 ? n : 0] = '\0';
	snprintf(out, len, "%s/../../test/%s.bpf.o", dirname(exe), obj);
}

/* Does this kernel have the kprobe PMU (kprobes without tracefs)? */
/* The running kernel's version as major * 100 + minor (6.18 -> 618). */
static inline unsigned int attach_kernel_version(void)
{
	struct utsname u;
	unsigned int major = 0, minor = 0;

	if (uname(&u) == 0)
		sscanf(u.release, "%u.%u", &major, &minor);
	return major * 100 + minor;
}

static inline int attach_have_kprobe_pmu(void)
{
	return access(PMU_SYSFS "/kprobe/type", F_OK) == 0;
}

/* BAREBPF_EXPECT_KPROBE=1 (the VM tier): a kernel without kprobes fails. */
static inline int attach_expect_kprobe(void)
{
	const char *v = getenv("BAREBPF_EXPECT_KPROBE");

	return v && !strcmp(v, "1");
}

/* BAREBPF_EXPECT_FENTRY=1 (the VM tier): refusing trampolines fails. */
static inline int attach_expect_fentry(void)
{
	const char *v = getenv("BAREBPF_EXPECT_FENTRY");

	return v && !strcmp(v, "1");
}

/* Open and load @obj; 0 or -errno with @err filled. */
static inline int attach_load(const char *obj, struct bb_object **out,
			      struct bb_err *err)
{
	static char path[PATH_MAX];
	uint32_t zero = 0, me = getpid();
	struct bb_object *o = NULL;
	int ret;

	attach_obj_path(obj, path, sizeof(path));
	ret = bb_object_open(&o, path, err);
	if (!ret)
		ret = bb_object_load(o, err);
	if (!ret)
		ret = sys_map_update_elem(bb_object_find_map(o, "self")->fd, &zero, &me, 0);
	if (ret) {
		bb_object_close(o);
		return ret;
	}
	*out = o;
	return 0;
}

static inline uint64_t attach_read(struct bb_object *o, const char *map,
				   uint32_t slot)
{
	uint64_t v = UINT64_MAX;

	sys_map_lookup_elem(bb_object_find_map(o, map)->fd, &slot, &v, 0);
	return v;
}

/* Zero both counter arrays (between two runs on one object). */
static inline void attach_reset(struct bb_object *o)
{
	uint64_t zero = 0;
	uint32_t slot;

	for (slot = 0; slot < ATTACH_SLOTS; slot++) {
		sys_map_update_elem(bb_object_find_map(o, "hits")->fd, &slot, &zero, 0);
		sys_map_update_elem(bb_object_find_map(o, "seen")->fd, &slot, &zero, 0);
	}
}

/* What program @prog of @o returned, run once with BPF_PROG_RUN, no context. */
static inline uint32_t attach_run(struct bb_object *o, const char *prog)
{
	struct bb_err err = { 0 };
	uint32_t retval = 0;

	if (bb_prog_run(bb_object_find_prog(o, prog), NULL, 0, &retval, &err))
		diag("bb_prog_run(%s): %s", prog, err.msg);
	return retval;
}

/* The bpf_link type behind @fd, or -errno if @fd is not a link. */
static inline int attach_link_type(int fd)
{
	struct bpf_link_info info;
	uint32_t len = sizeof(info);
	int ret;

	memset(&info, 0, sizeof(info));
	ret = sys_obj_get_info_by_fd(fd, &info, &len);
	return ret ? ret : (int)info.type;
}

/*
 * The whole of a kprobe test: load @obj, attach it (@what says what that
 * attaches), and call @fires to make and check the hits.  Without the
 * kprobe PMU (this host) the attach must fail with ENOENT and a message
 * holding @no_kprobes; BAREBPF_EXPECT_KPROBE=1 (the VM tier) makes a
 * kernel without kprobes a failure.
 */
static inline int attach_kprobe_test(const char *obj, const char *what,
				     const char *no_kprobes,
				     void (*fires)(struct bb_object *o))
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	int ret;

	ret = attach_load(obj, &o, &err);
	if (!ok(ret == 0, "load %s.bpf.o", obj))
		diag("%s", err.msg);
	if (ret)
		return done_testing();
	ret = bb_object_attach(o, &err);
	if (attach_have_kprobe_pmu()) {
		if (!ok(ret == 0, "attach %s", what))
			diag("%s", err.msg);
		else
			fires(o);
	} else {
		ok(!attach_expect_kprobe(), "no kprobe PMU, allowed here (BAREBPF_EXPECT_KPROBE is not 1)");
		is_int(ret, -ENOENT, "no kprobe PMU: attach fails with ENOENT");
		like(err.msg, no_kprobes, "and says so: %s", err.msg);
	}
	bb_object_close(o);
	return done_testing();
}

static inline void attach_detach(struct bb_object *o)
{
	uint32_t i;

	for (i = 0; i < o->spec.nr_progs; i++) {
		if (o->progs[i].attach_fd >= 0)
			sys_close(o->progs[i].attach_fd);
		o->progs[i].attach_fd = -1;
	}
}

#endif
