// SPDX-License-Identifier: GPL-2.0
/*
 * load_errors.c - what the kernel answers becomes the right message.
 *
 * EPERM / E2BIG from BPF_MAP_CREATE, EINVAL from BPF_PROG_LOAD (a second
 * load fetches the verifier's log), ENOSPC while the log does not fit
 * (the buffer doubles), EPERM from BPF_PROG_LOAD (no log retry).
 */
#include <linux/capability.h>

#include "loader/object/object.h"
#include "tests/fake/fake_kernel.h"
#include "tests/tap.h"

#define LOG_MIN (64u << 10)
#define LOG_MAX (16u << 20)

static const char *path;

/* open + load under whatever the fake was told; returns bb_object_load's result. */
static int try_load(struct bb_err *err)
{
	struct bb_object *obj = NULL;
	int ret;

	memset(err, 0, sizeof(*err));
	ret = bb_object_open(&obj, path, err);
	if (ret) {
		diag("bb_object_open: %s", err->msg);
		return 1;	/* never a -errno: the test fails */
	}
	ret = bb_object_load(obj, err);
	bb_object_close(obj);
	if (fake_open_fds() || fk.double_closes || fk.nr_real_open)
		diag("leak: %d fake fds open, %d double closes, %d real fds",
		     fake_open_fds(), fk.double_closes, fk.nr_real_open);
	ok(!fake_open_fds() && !fk.double_closes && !fk.nr_real_open &&
	   !fk.unexpected, "every fd closed once after the failure");
	return ret;
}

static void map_eperm(void)
{
	struct bb_err err;
	int ret;

	fake_reset();
	fk.map_create_errno = EPERM;
	ret = try_load(&err);
	is_int(ret, -EPERM, "map EPERM: bb_object_load returns -EPERM");
	like(err.msg, "BPF_MAP_CREATE", "map EPERM: names the command");
	like(err.msg, "process_map", "map EPERM: names the map");
	like(err.msg, "Operation not permitted", "map EPERM: strerror");
	like(err.msg, "root", "map EPERM: advice mentions root");
	like(err.msg, "CAP_BPF", "map EPERM: advice mentions CAP_BPF");
	is_int(fk.nr_cmds, 2, "map EPERM: stops at the first BPF_MAP_CREATE (after BPF_BTF_LOAD)");
	ok(!err.detail, "map EPERM: no detail");
	free(err.detail);
}

static void map_e2big(void)
{
	struct bb_err err;
	int ret;

	fake_reset();
	fk.map_create_errno = E2BIG;
	ret = try_load(&err);
	is_int(ret, -E2BIG, "map E2BIG: bb_object_load returns -E2BIG");
	like(err.msg, "Argument list too long", "map E2BIG: strerror");
	like(err.msg, "BPF_MAP_CREATE", "map E2BIG: names the command");
	like(err.msg, "process_map", "map E2BIG: names the map");
	like(err.msg, "max_entries 10240", "map E2BIG: shows the attributes");
	ok(!strstr(err.msg, "CAP_BPF"), "map E2BIG: no privilege advice");
	free(err.detail);
}

static void prog_einval(void)
{
	struct bb_err err;
	int ret;

	fake_reset();
	fk.prog_load_errno = EINVAL;
	ret = try_load(&err);
	is_int(ret, -EINVAL, "prog EINVAL: bb_object_load returns -EINVAL");
	is_int(fake_count_cmd(BPF_PROG_LOAD), 2,
	       "prog EINVAL: loaded twice (the second for the log)");
	is_int(fk.progs[0].log_level, 0, "prog EINVAL: first load without log");
	is_int(fk.progs[1].log_level, 1, "prog EINVAL: second with log_level 1");
	ok(fk.progs[1].log_buf, "prog EINVAL: second has a log buffer");
	is_int(fk.progs[1].log_size, LOG_MIN, "prog EINVAL: of 64 KiB");
	ok(fk.progs[1].insn_cnt == fk.progs[0].insn_cnt &&
	   !memcmp(fk.progs[1].insns, fk.progs[0].insns,
		   fk.progs[0].insn_cnt * sizeof(struct bpf_insn)),
	   "prog EINVAL: the same relocated program both times");
	like(err.msg, "BPF_PROG_LOAD", "prog EINVAL: names the command");
	like(err.msg, "handle_exec", "prog EINVAL: names the program");
	like(err.msg, "tp/sched/sched_process_exec", "prog EINVAL: names the section");
	like(err.msg, "Invalid argument", "prog EINVAL: strerror");
	like(err.msg, "the verifier", "prog EINVAL: announces the verifier's log");
	is_str(err.detail, FAKE_DEFAULT_LOG, "prog EINVAL: detail is the log");
	free(err.detail);
}

/* A log of @len bytes ending in a line we look for. */
static char *make_log(size_t len)
{
	static const char end[] = "END OF FAKE LOG\n";
	char *s = malloc(len + 1);
	size_t i;

	for (i = 0; i < len; i++)
		s[i] = (i % 64 == 63) ? '\n' : 'a' + i % 26;
	memcpy(s + len - (sizeof(end) - 1), end, sizeof(end) - 1);
	s[len] = '\0';
	return s;
}

static void prog_enospc(void)
{
	size_t len = 200000;	/* fits in 256 KiB, not in 128 KiB */
	char *log = make_log(len);
	struct bb_err err;
	int ret;

	fake_reset();
	fk.prog_load_errno = EACCES;
	fk.log_text = log;
	ret = try_load(&err);
	is_int(ret, -EACCES, "ENOSPC: the first load's errno is reported");
	is_int(fk.nr_progs, 4, "ENOSPC: 1 load + 3 log loads");
	is_int(fk.progs[1].log_size, LOG_MIN, "ENOSPC: log 64 KiB ...");
	is_int(fk.progs[1].ret, -ENOSPC, "ENOSPC: ... too small");
	is_int(fk.progs[2].log_size, 2 * LOG_MIN, "ENOSPC: then 128 KiB ...");
	is_int(fk.progs[2].ret, -ENOSPC, "ENOSPC: ... too small");
	is_int(fk.progs[3].log_size, 4 * LOG_MIN, "ENOSPC: then 256 KiB");
	is_int(fk.progs[3].ret, -EACCES, "ENOSPC: which fits");
	ok(err.detail && strlen(err.detail) == len,
	   "ENOSPC: detail is the whole log (%zu bytes)",
	   err.detail ? strlen(err.detail) : 0);
	is_str(err.detail, log, "ENOSPC: detail equals the log");
	like(err.msg, "Permission denied", "ENOSPC: message has EACCES");
	ok(!strstr(err.msg, "CAP_BPF"),
	   "ENOSPC: EACCES from the verifier gets no privilege advice");
	like(err.msg, "the verifier", "ENOSPC: announces the verifier's log");
	free(err.detail);

	/* A log that never fits: the buffer stops growing at 16 MiB. */
	fake_reset();
	fk.prog_load_errno = EINVAL;
	fk.log_text = NULL;
	free(log);
	log = make_log(LOG_MAX + 100);
	fk.log_text = log;
	ret = try_load(&err);
	is_int(ret, -EINVAL, "huge log: bb_object_load returns -EINVAL");
	is_int(fk.nr_progs, 1 + 9, "huge log: 64 KiB .. 16 MiB is 9 log loads");
	is_int(fk.progs[fk.nr_progs - 1].log_size, LOG_MAX,
	       "huge log: last buffer is 16 MiB");
	ok(err.detail && strlen(err.detail) == LOG_MAX - 1,
	   "huge log: the truncated log is still reported");
	free(err.detail);
	free(log);
	fk.log_text = NULL;
}

static void prog_eperm(void)
{
	struct bb_err err;
	int ret;

	fake_reset();
	fk.prog_load_errno = EPERM;
	ret = try_load(&err);
	is_int(ret, -EPERM, "prog EPERM: bb_object_load returns -EPERM");
	is_int(fake_count_cmd(BPF_PROG_LOAD), 1, "prog EPERM: no log retry");
	like(err.msg, "BPF_PROG_LOAD", "prog EPERM: names the command");
	like(err.msg, "handle_exec", "prog EPERM: names the program");
	like(err.msg, "Operation not permitted", "prog EPERM: strerror");
	like(err.msg, "CAP_BPF", "prog EPERM: advice");
	ok(!strstr(err.msg, "verifier"), "prog EPERM: no verifier mention");
	ok(!err.detail, "prog EPERM: no detail");
	free(err.detail);
}

/*
 * EPERM although we have the capabilities (root, as for fentry on a
 * kernel in lockdown): no "run as root", the kernel refused.  Without
 * them (fk.caps 0, the other cases): the privilege advice.
 */
static void eperm_with_caps(void)
{
	struct bb_err err;

	fake_reset();
	fk.prog_load_errno = EPERM;
	fk.caps = 1ull << CAP_BPF | 1ull << CAP_PERFMON;
	try_load(&err);
	ok(!strstr(err.msg, "run as root") && !strstr(err.msg, "grant"),
	   "prog EPERM with CAP_BPF+CAP_PERFMON: no privilege advice: %s", err.msg);
	like(err.msg, "the kernel refused it anyway", "  but says the kernel refused");
	free(err.detail);
	fake_reset();
	fk.map_create_errno = EPERM;
	fk.caps = 1ull << CAP_SYS_ADMIN;
	try_load(&err);
	ok(!strstr(err.msg, "run as root"), "map EPERM with CAP_SYS_ADMIN: no privilege advice");
	free(err.detail);
	fake_reset();
	fk.prog_load_errno = EPERM;
	fk.caps = 1ull << CAP_BPF;	/* not CAP_PERFMON */
	try_load(&err);
	like(err.msg, "run as root, or grant CAP_BPF", "prog EPERM with CAP_BPF only: the advice");
	free(err.detail);
}

/*
 * EMFILE or ENOMEM is not the verifier's no: no second load for a log,
 * no "the verifier rejected it" (a low `ulimit -n` used to show the log
 * of a program the verifier accepted under that heading).
 */
static void prog_not_verifier(int e)
{
	struct bb_err err;
	int ret;

	fake_reset();
	fk.prog_load_errno = e;
	ret = try_load(&err);
	is_int(ret, -e, "prog %s: bb_object_load returns it", strerror(e));
	is_int(fake_count_cmd(BPF_PROG_LOAD), 1, "prog %s: no log retry", strerror(e));
	like(err.msg, strerror(e), "prog %s: strerror in the message", strerror(e));
	ok(!strstr(err.msg, "verifier"), "prog %s: no verifier mention: %s",
	   strerror(e), err.msg);
	ok(!err.detail, "prog %s: no log as detail", strerror(e));
	free(err.detail);
}

/* The log load is accepted (a flaky rejection): its fd is closed. */
static void prog_log_load_accepted(void)
{
	struct bb_err err;
	int ret;

	fake_reset();
	fk.fail_nth = 5;	/* BTF, 3 maps, the first BPF_PROG_LOAD */
	fk.fail_nth_errno = EINVAL;
	ret = try_load(&err);
	is_int(ret, -EINVAL, "accepted log load: still an error");
	is_int(fk.progs[1].log_level, 1, "accepted log load: it had a log");
	ok(fk.progs[1].ret >= FAKE_FD_BASE && !fk.fds[fk.progs[1].ret - FAKE_FD_BASE].open,
	   "accepted log load: its fd %d was closed", fk.progs[1].ret);
	like(err.msg, "handle_exec", "accepted log load: names the program");
	ok(!strstr(err.msg, "verifier rejected"),
	   "accepted log load: not presented as a verifier rejection");
	free(err.detail);
}

int main(void)
{
	path = fake_obj_path("procmon.bpf.o");
	if (access(path, R_OK))
		return skip_all("build/procmon.bpf.o not built (run make)");
	fake_install();
	map_eperm();
	map_e2big();
	prog_einval();
	prog_enospc();
	prog_eperm();
	eperm_with_caps();
	prog_not_verifier(EMFILE);
	prog_not_verifier(ENOMEM);
	prog_log_load_accepted();
	fake_reset();
	return done_testing();
}
