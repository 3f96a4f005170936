// SPDX-License-Identifier: GPL-2.0
/*
 * tracepoint_attach.c - the perf calls that hang a program on a tracepoint.
 *
 * tracefs is a temp dir we write (ids 4242 and 4343); the fake kernel
 * records perf_event_open's attr and the ioctls that follow.
 */
#include "loader/object/object.h"
#include "loader/attach/tracepoint.h"
#include "tests/fake/fake_kernel.h"
#include "tests/tap.h"

#define EXEC_ID 4242
#define EXIT_ID 4343

static const char *path;

static struct bb_object *open_and_load(void)
{
	struct bb_err err = { 0 };
	struct bb_object *obj = NULL;

	if (bb_object_open(&obj, path, &err) || bb_object_load(obj, &err)) {
		ok(0, "open and load: %s", err.msg);
		free(err.detail);
		bb_object_close(obj);
		return NULL;
	}
	return obj;
}

static void check_event(int i, uint32_t id, const char *what)
{
	const struct fake_perf_rec *p = &fk.perfs[i];

	is_int(p->attr.type, PERF_TYPE_TRACEPOINT, "%s: PERF_TYPE_TRACEPOINT", what);
	is_int(p->attr.config, id, "%s: config is the tracefs id %u", what, id);
	is_int(p->attr.size, sizeof(struct perf_event_attr), "%s: attr.size", what);
	is_int(p->attr.sample_period, 1, "%s: sample_period 1", what);
	/* Enabled from the start: no PERF_EVENT_IOC_ENABLE follows. */
	is_int(p->attr.disabled, 0, "%s: not disabled", what);
	is_int(p->pid, -1, "%s: pid -1 (any process)", what);
	ok(p->cpu >= 0, "%s: a cpu (%ld), since pid is -1", what, p->cpu);
	is_int(p->group_fd, -1, "%s: no group", what);
	ok(p->flags & PERF_FLAG_FD_CLOEXEC, "%s: PERF_FLAG_FD_CLOEXEC", what);
}

static void attach_sequence(void)
{
	struct bb_err err = { 0 };
	struct bb_object *obj;
	struct bb_prog *exec, *exit_;
	int ret;

	fake_reset();
	obj = open_and_load();
	if (!obj)
		return;
	exec = bb_object_find_prog(obj, "handle_exec");
	exit_ = bb_object_find_prog(obj, "handle_exit");
	fk.nr_paths = 0;
	ret = bb_object_attach(obj, &err);
	if (!is_int(ret, 0, "bb_object_attach"))
		diag("%s", err.msg);
	ok(fake_opened("/sys/kernel/tracing/events/sched/sched_process_exec/id"),
	   "read the id at /sys/kernel/tracing first");
	ok(fake_opened("/sys/kernel/tracing/events/sched/sched_process_exec/id"),
	   "read the exec tracepoint's id file");
	ok(!fake_opened("/sys/kernel/debug/tracing/events"),
	   "did not need the debugfs location");
	if (!is_int(fk.nr_perfs, 2, "two perf_event_open") ||
	    !is_int(fk.nr_ioctls, 2, "two ioctls: SET_BPF each")) {
		bb_object_close(obj);
		return;
	}
	check_event(0, EXEC_ID, "exec event");
	check_event(1, EXIT_ID, "exit event");

	is_int(fk.ioctls[0].fd, fk.perfs[0].ret, "ioctl 1 on the exec event");
	is_int(fk.ioctls[0].req, PERF_EVENT_IOC_SET_BPF, "ioctl 1: SET_BPF");
	is_int(fk.ioctls[0].arg, exec->fd, "ioctl 1: with handle_exec's fd");
	is_int(fk.ioctls[1].fd, fk.perfs[1].ret, "ioctl 2 on the exit event");
	is_int(fk.ioctls[1].req, PERF_EVENT_IOC_SET_BPF, "ioctl 2: SET_BPF");
	is_int(fk.ioctls[1].arg, exit_->fd, "ioctl 2: with handle_exit's fd");
	is_int(exec->attach_fd, fk.perfs[0].ret, "handle_exec keeps its event fd");
	is_int(exit_->attach_fd, fk.perfs[1].ret, "handle_exit keeps its event fd");
	is_int(fk.bad_fd_uses, 0, "every ioctl on a live fd");

	bb_object_close(obj);
	is_int(fake_open_fds(), 0, "bb_object_close closed maps, programs, events");
	/* Events go before the programs they hold. */
	ok(fk.nr_closes >= 2 && fk.closes[0] == fk.perfs[0].ret,
	   "the exec event is closed before its program");
	is_int(fk.nr_real_open, 0, "tracefs files closed");
}

static void debugfs_fallback(void)
{
	struct bb_err err = { 0 };
	uint32_t id = 0;
	int ret;

	fake_reset();
	fk.tracefs = TRACEFS_DEBUG_ONLY;
	ret = tracepoint_id("sched", "sched_process_exit", &id, &err);
	is_int(ret, 0, "debugfs only: tracepoint_id works");
	is_int(id, EXIT_ID, "debugfs only: the right id");
	ok(fake_opened("/sys/kernel/debug/tracing/events/sched/sched_process_exit/id"),
	   "debugfs only: read from /sys/kernel/debug/tracing");
	is_int(fk.nr_real_open, 0, "debugfs only: files closed");
}

static void set_bpf_fails(void)
{
	struct bb_err err = { 0 };
	struct bb_object *obj;
	int ret, perf_fd;

	fake_reset();
	fk.ioctl_fail_req = PERF_EVENT_IOC_SET_BPF;
	fk.ioctl_fail_errno = EEXIST;
	obj = open_and_load();
	if (!obj)
		return;
	ret = bb_object_attach(obj, &err);
	is_int(ret, -EEXIST, "SET_BPF fails: bb_object_attach returns its errno");
	like(err.msg, "PERF_EVENT_IOC_SET_BPF", "SET_BPF fails: names the ioctl");
	like(err.msg, "handle_exec", "SET_BPF fails: names the program");
	like(err.msg, "File exists", "SET_BPF fails: strerror");
	is_int(fk.nr_perfs, 1, "SET_BPF fails: stops at the first program");
	perf_fd = fk.perfs[0].ret;
	ok(perf_fd >= FAKE_FD_BASE && !fk.fds[perf_fd - FAKE_FD_BASE].open,
	   "SET_BPF fails: the perf event is closed right away");
	is_int(bb_object_find_prog(obj, "handle_exec")->attach_fd, -1,
	       "SET_BPF fails: the program has no attach fd");
	ok(fake_count_cmd(BPF_PROG_LOAD) == 2 && fk.nr_ioctls == 1,
	   "SET_BPF fails: no ENABLE after it");
	bb_object_close(obj);
	is_int(fake_open_fds(), 0, "SET_BPF fails: nothing left open");
	is_int(fk.double_closes, 0, "SET_BPF fails: the event closed once");
	free(err.detail);
}

static void tracefs_missing(void)
{
	struct bb_err err = { 0 };
	struct bb_object *obj;
	int ret;

	fake_reset();
	fk.tracefs = TRACEFS_MISSING;
	obj = open_and_load();
	if (!obj)
		return;
	fk.nr_paths = 0;
	ret = bb_object_attach(obj, &err);
	is_int(ret, -ENOENT, "no tracefs: -ENOENT");
	like(err.msg, "mount -t tracefs nodev /sys/kernel/tracing",
	     "no tracefs: says how to mount it");
	like(err.msg, "handle_exec", "no tracefs: names the program");
	ok(fake_opened("/sys/kernel/tracing/events") &&
	   fake_opened("/sys/kernel/debug/tracing/events"),
	   "no tracefs: looked in both places");
	is_int(fk.nr_perfs, 0, "no tracefs: no perf_event_open");
	bb_object_close(obj);
	is_int(fake_open_fds(), 0, "no tracefs: nothing left open");
	free(err.detail);
}

/*
 * tracefs is mounted but we may not read it (mode 0700, and we are not
 * root): "not mounted, mount it" would be the wrong advice.
 */
static void tracefs_forbidden(void)
{
	struct bb_err err = { 0 };
	uint32_t id = 0;
	int ret;

	fake_reset();
	fk.tracefs = TRACEFS_MISSING;
	fk.tracefs_errno = EACCES;
	ret = tracepoint_id("sched", "sched_process_exec", &id, &err);
	ok(ret < 0, "tracefs EACCES: an error");
	ok(err.msg[0] != '\0', "tracefs EACCES: with a message");
	ok(ret == -EACCES && strstr(err.msg, "Permission denied") &&
	   !strstr(err.msg, "mount -t"),
	   "tracefs EACCES: says permission denied, not 'not mounted'");
}

static void tracepoint_unknown(void)
{
	struct bb_err err = { 0 };
	uint32_t id = 0;
	int ret;

	fake_reset();
	ret = tracepoint_id("sched", "no_such_event", &id, &err);
	is_int(ret, -ENOENT, "unknown tracepoint: -ENOENT");
	like(err.msg, "sched/no_such_event", "unknown tracepoint: named");
	ok(!strstr(err.msg, "mount -t"),
	   "unknown tracepoint: not mistaken for a missing tracefs");
	is_int(fk.nr_real_open, 0, "unknown tracepoint: files closed");
}

static void id_not_a_number(void)
{
	struct bb_err err = { 0 };
	char p[512];
	uint32_t id = 0;
	FILE *f;
	int ret;

	fake_reset();
	snprintf(p, sizeof(p), "%s/events/sched/garbage", fk.tracefs_dir);
	fake_mkdirs(p);
	snprintf(p, sizeof(p), "%s/events/sched/garbage/id", fk.tracefs_dir);
	f = fopen(p, "w");
	if (f) {
		fputs("not a number\n", f);
		fclose(f);
	}
	ret = tracepoint_id("sched", "garbage", &id, &err);
	is_int(ret, -EINVAL, "garbage id file: -EINVAL");
	like(err.msg, "not a tracepoint id", "garbage id file: says so");
	is_int(fk.nr_real_open, 0, "garbage id file: closed");
}

int main(void)
{
	path = fake_obj_path("procmon.bpf.o");
	if (access(path, R_OK))
		return skip_all("build/procmon.bpf.o not built (run make)");
	fake_install();
	if (fake_tracefs_create() ||
	    fake_tracefs_event("sched", "sched_process_exec", EXEC_ID) ||
	    fake_tracefs_event("sched", "sched_process_exit", EXIT_ID)) {
		fake_tracefs_remove();
		return skip_all("cannot write a fake tracefs under /tmp");
	}
	attach_sequence();
	debugfs_fallback();
	set_bpf_fails();
	tracefs_missing();
	tracefs_forbidden();
	tracepoint_unknown();
	id_not_a_number();
	is_int(fk.unexpected, 0, "no unexpected syscall");
	fake_tracefs_remove();
	fake_reset();
	return done_testing();
}
