// SPDX-License-Identifier: GPL-2.0
/*
 * cleanup.c - whichever kernel call fails, bb_object_close() leaves no fd open.
 *
 * A full bb_object_open + bb_object_load + bb_object_attach of procmon makes a fixed series
 * of bpf / perf_event_open / ioctl calls.  We fail the 1st, then the 2nd,
 * ... until a run goes through untouched, and after each check the error
 * message, that the failing step's partial work was undone, and that
 * bb_object_close() closed every fd (ours and the real files) exactly once.
 */
#include "loader/object/object.h"
#include "tests/fake/fake_kernel.h"
#include "tests/tap.h"

static const char *path;

/* Which call the Nth fallible call was: 'b'pf, 'p'erf, 'i'octl. */
static const char *nth_call_name(int n)
{
	static char buf[64];
	int i, seen = 0;

	/* Replay the order: cmds and perfs/ioctls are interleaved per prog. */
	for (i = 0; i < fk.nr_cmds; i++)
		if (++seen == n)
			return sys_bpf_cmd_name(fk.cmds[i]);
	n -= seen;
	if (n <= 0)
		return "?";
	snprintf(buf, sizeof(buf), "attach call %d", n);
	return buf;
}

/* Returns 1 when the run went through without an injected failure. */
static int run(int nth, int err_no)
{
	struct bb_err err = { 0 };
	struct bb_object *obj = NULL;
	int ret, stray, i;

	fake_reset();
	fk.tracefs = TRACEFS_FAKE;
	fk.fail_nth = nth;
	fk.fail_nth_errno = err_no;
	ret = bb_object_open(&obj, path, &err);
	if (ret) {
		ok(0, "bb_object_open: %s", err.msg);
		return 1;
	}
	ret = bb_object_load(obj, &err);
	if (!ret)
		ret = bb_object_attach(obj, &err);
	if (!fk.injected) {
		is_int(ret, 0, "no failure injected at call %d: all attached",
		       nth);
		is_int(fake_open_fds(), 8,
		       "the BTF + 3 maps + 2 programs + 2 perf events open while attached");
		bb_object_close(obj);
		is_int(fake_open_fds(), 0, "clean run: bb_object_close closed all");
		free(err.detail);
		return 1;
	}
	is_int(ret, -err_no, "fail call %d (%s) with %s: reported", nth,
	       nth_call_name(nth), strerror(err_no));
	ok(err.msg[0] != '\0', "fail call %d: message '%s'", nth, err.msg);
	/* An event is either a program's attach_fd or already closed. */
	stray = 0;
	for (i = 0; i < fk.nr_perfs; i++) {
		int fd = fk.perfs[i].ret, owned = 0;
		uint32_t p;

		for (p = 0; p < obj->spec.nr_progs; p++)
			owned |= obj->progs[p].attach_fd == fd;
		if (fd >= 0 && !owned && fk.fds[fd - FAKE_FD_BASE].open)
			stray++;
	}
	is_int(stray, 0, "fail call %d: a half-attached event is closed at once",
	       nth);
	bb_object_close(obj);
	is_int(fake_open_fds(), 0, "fail call %d: bb_object_close leaves no fake fd open",
	       nth);
	ok(!fk.double_closes && !fk.nr_real_open && !fk.real_leaked_unknown &&
	   !fk.bad_fd_uses && !fk.unexpected,
	   "fail call %d: no double close, real fd leak, bad fd or odd syscall (%d %d %d %d %d)",
	   nth, fk.double_closes, fk.nr_real_open, fk.real_leaked_unknown,
	   fk.bad_fd_uses, fk.unexpected);
	free(err.detail);
	return 0;
}

int main(void)
{
	static const int errnos[] = { EINVAL, EPERM, ENOMEM };
	int e, n, done;

	path = fake_obj_path("procmon.bpf.o");
	if (access(path, R_OK))
		return skip_all("build/procmon.bpf.o not built (run make)");
	fake_install();
	if (fake_tracefs_create() ||
	    fake_tracefs_event("sched", "sched_process_exec", 311) ||
	    fake_tracefs_event("sched", "sched_process_exit", 312)) {
		fake_tracefs_remove();
		return skip_all("cannot write a fake tracefs under /tmp");
	}
	for (e = 0; e < 3; e++) {
		done = 0;
		for (n = 1; n <= 40 && !done; n++)
			done = run(n, errnos[e]);
		ok(done, "%s: a run with no failure came after %d failing ones",
		   strerror(errnos[e]), n - 2);
		/* BTF, 3 maps, 2 loads, 2 x (perf_event_open, SET_BPF),
		 * plus one log load when a load fails with EINVAL. */
		ok(n - 2 >= 10, "%s: at least 10 calls were failed in turn",
		   strerror(errnos[e]));
	}
	fake_tracefs_remove();
	fake_reset();
	return done_testing();
}
