/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fake_kernel.h - a pretend kernel for the fake-syscall tests (no root).
 *
 * fake_install() points sys_call at fake_call(), which:
 *  - answers bpf(2) itself: records every command, hands out fds 100,
 *    101, ... for maps, programs and perf events, copies what
 *    BPF_PROG_LOAD was given, writes a fake verifier log (answering
 *    ENOSPC while the buffer is too small, like the kernel), simulates one
 *    small hash map, and fails calls on request;
 *  - answers perf_event_open(2) and the perf ioctls, recording them;
 *  - records close(2) of its fds (a second close is an error);
 *  - passes file syscalls (openat, read, fstat, readlinkat, close of
 *    other fds) to the real kernel so real objects under build/ load,
 *    except paths under /sys/kernel/tracing and /sys/kernel/debug/tracing,
 *    which go to a temporary directory we write (or fail with ENOENT).
 *
 * Anything else is counted in fk.unexpected and answered -ENOSYS.
 * Header only: each test is one .c file, built on its own.
 */
#ifndef BAREBPF_TESTS_FAKE_KERNEL_H
#define BAREBPF_TESTS_FAKE_KERNEL_H

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "loader/sys/sys.h"

#define FAKE_FD_BASE 100
#define FAKE_MAX_FDS 256
#define FAKE_MAX_CALLS 512
#define FAKE_MAX_REAL 64
#define FAKE_MAX_PATHS 64
#define FAKE_MAX_KEYS 64

enum fake_kind { FK_NONE, FK_MAP, FK_PROG, FK_PERF, FK_BTF };

struct fake_fd {
	enum fake_kind kind;
	bool open;
	int closes;
};

struct fake_map_rec {
	char name[BPF_OBJ_NAME_LEN];
	uint32_t type, key_size, value_size, max_entries, map_flags;
	bool tail_zero;		/* every attr byte after btf_value_type_id is 0 */
	int fd;			/* what we answered (fd or -errno) */
};

struct fake_prog_rec {
	char name[BPF_OBJ_NAME_LEN];
	char license[32];
	uint32_t prog_type, expected_attach_type, kern_version;
	uint32_t insn_cnt;
	struct bpf_insn *insns;	/* copy of what we were given */
	uint32_t log_level, log_size;
	bool log_buf;
	int ret;
};

struct fake_perf_rec {
	struct perf_event_attr attr;
	long pid, cpu, group_fd, flags;
	int ret;
};

struct fake_ioctl_rec {
	int fd;
	unsigned long req;
	unsigned long arg;
	int ret;
};

enum fake_tracefs {
	TRACEFS_FAKE,		/* /sys/kernel/tracing is our temp dir */
	TRACEFS_DEBUG_ONLY,	/* only /sys/kernel/debug/tracing is */
	TRACEFS_MISSING,	/* neither is mounted */
};

/* One simulated hash map of u32 -> u64, reached through fk.hash_fd. */
struct fake_hash {
	uint32_t keys[FAKE_MAX_KEYS];
	uint64_t values[FAKE_MAX_KEYS];
	bool live[FAKE_MAX_KEYS];
	int nr;
	/* Delete this key right after GET_NEXT_KEY returns it (-1: none). */
	int64_t delete_after_next;
	/* LOOKUP of this key answers ENOENT, as if deleted meanwhile. */
	int64_t lookup_enoent;
	/* GET_NEXT_KEY always answers the first key: a walk that never ends. */
	bool endless;
	int next_calls, lookups;
};

struct fake {
	/* Every bpf command, in order. */
	int cmds[FAKE_MAX_CALLS];
	int nr_cmds;
	int nr_btf_loads;	/* BPF_BTF_LOAD calls (the object's BTF) */
	int bad_attr_size;	/* bpf() calls whose size was not sizeof(attr) */

	struct fake_map_rec maps[16];
	int nr_maps;
	struct fake_prog_rec progs[64];
	int nr_progs;
	struct fake_perf_rec perfs[16];
	int nr_perfs;
	struct fake_ioctl_rec ioctls[32];
	int nr_ioctls;

	struct fake_fd fds[FAKE_MAX_FDS];
	int next_fd;		/* index into fds: fd - FAKE_FD_BASE */
	int double_closes;	/* close of one of our fds already closed */
	int bad_fd_uses;	/* ioctl/SET_BPF on a closed or wrong fd */
	int closes[FAKE_MAX_CALLS];	/* our fds, in the order closed */
	int nr_closes;

	/* Real fds opened by passing openat through, and closed. */
	int real_open[FAKE_MAX_REAL];
	int nr_real_open;
	int real_leaked_unknown;	/* close of a real fd we never opened */

	char paths[FAKE_MAX_PATHS][256];	/* every openat path, in order */
	int nr_paths;

	int unexpected;		/* syscalls we don't model */
	long unexpected_nr;

	/* Failure injection. */
	int map_create_errno;	/* every BPF_MAP_CREATE fails with it */
	int prog_load_errno;	/* every BPF_PROG_LOAD fails with it */
	int fail_nth;		/* the Nth bpf/perf/ioctl call fails ... */
	int fail_nth_errno;	/* ... with this errno */
	int fallible_calls;	/* bpf/perf/ioctl calls so far */
	int injected;		/* how many failures fail_nth caused */
	unsigned long ioctl_fail_req;	/* this perf ioctl fails ... */
	int ioctl_fail_errno;		/* ... with this */

	/* capget(2)'s effective set, bit N for capability N (0: none). */
	uint64_t caps;

	/* Verifier log written when log_level > 0 (NULL: a default). */
	const char *log_text;

	enum fake_tracefs tracefs;
	int tracefs_errno;	/* what a tracefs we don't have answers (0: ENOENT) */
	char tracefs_dir[64];	/* temp dir standing in for tracefs */

	struct fake_hash hash;
	int hash_fd;		/* -1: no simulated hash map */
};

static struct fake fk __attribute__((unused));

#define FAKE_DEFAULT_LOG \
	"0: (85) call bpf_get_current_pid_tgid#14\n" \
	"1: (bf) r7 = r0\n" \
	"fake: R1 type=scalar expected=map_ptr\n" \
	"processed 2 insns (limit 1000000)\n"

static inline bool fake_is_ours(long fd)
{
	return fd >= FAKE_FD_BASE && fd < FAKE_FD_BASE + fk.next_fd &&
	       fk.fds[fd - FAKE_FD_BASE].kind != FK_NONE;
}

static inline int fake_new_fd(enum fake_kind kind)
{
	int i = fk.next_fd++;

	if (i >= FAKE_MAX_FDS)
		return -EMFILE;
	fk.fds[i].kind = kind;
	fk.fds[i].open = true;
	return FAKE_FD_BASE + i;
}

static inline bool fake_fd_is(long fd, enum fake_kind kind)
{
	return fake_is_ours(fd) && fk.fds[fd - FAKE_FD_BASE].kind == kind &&
	       fk.fds[fd - FAKE_FD_BASE].open;
}

/* Count a bpf/perf/ioctl call; true if it is the one to fail. */
static inline bool fake_fail_now(void)
{
	if (++fk.fallible_calls != fk.fail_nth)
		return false;
	fk.injected++;
	return true;
}

static inline bool fake_bytes_zero(const void *p, size_t len)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i])
			return false;
	return true;
}

static inline long fake_map_create(union bpf_attr *attr)
{
	struct fake_map_rec *m = &fk.maps[fk.nr_maps < 16 ? fk.nr_maps++ : 15];
	/* Past the last field we set: btf_value_type_id (the BTF ids). */
	size_t tail = offsetof(union bpf_attr, btf_value_type_id) + sizeof(uint32_t);

	memset(m, 0, sizeof(*m));
	memcpy(m->name, attr->map_name, BPF_OBJ_NAME_LEN);
	m->name[BPF_OBJ_NAME_LEN - 1] = '\0';
	m->type = attr->map_type;
	m->key_size = attr->key_size;
	m->value_size = attr->value_size;
	m->max_entries = attr->max_entries;
	m->map_flags = attr->map_flags;
	m->tail_zero = fake_bytes_zero((uint8_t *)attr + tail,
				       sizeof(*attr) - tail);
	if (fake_fail_now())
		m->fd = -fk.fail_nth_errno;
	else if (fk.map_create_errno)
		m->fd = -fk.map_create_errno;
	else
		m->fd = fake_new_fd(FK_MAP);
	return m->fd;
}

/* Like the kernel: a log that does not fit is cut and answered ENOSPC. */
static inline int fake_write_log(union bpf_attr *attr)
{
	const char *text = fk.log_text ? fk.log_text : FAKE_DEFAULT_LOG;
	size_t len = strlen(text);
	char *buf = (char *)(unsigned long)attr->log_buf;

	if (!attr->log_level || !buf || !attr->log_size)
		return 0;
	if (len + 1 > attr->log_size) {
		memcpy(buf, text, attr->log_size - 1);
		buf[attr->log_size - 1] = '\0';
		return -ENOSPC;
	}
	memcpy(buf, text, len + 1);
	return 0;
}

static inline long fake_prog_load(union bpf_attr *attr)
{
	struct fake_prog_rec *p = &fk.progs[fk.nr_progs < 64 ? fk.nr_progs++ : 63];
	const char *lic = (const char *)(unsigned long)attr->license;
	size_t size = (size_t)attr->insn_cnt * sizeof(struct bpf_insn);
	int log_ret;

	free(p->insns);
	memset(p, 0, sizeof(*p));
	memcpy(p->name, attr->prog_name, BPF_OBJ_NAME_LEN);
	p->name[BPF_OBJ_NAME_LEN - 1] = '\0';
	if (lic)
		snprintf(p->license, sizeof(p->license), "%s", lic);
	p->prog_type = attr->prog_type;
	p->expected_attach_type = attr->expected_attach_type;
	p->kern_version = attr->kern_version;
	p->insn_cnt = attr->insn_cnt;
	p->insns = malloc(size ? size : 1);
	if (p->insns && size)
		memcpy(p->insns, (void *)(unsigned long)attr->insns, size);
	p->log_level = attr->log_level;
	p->log_size = attr->log_size;
	p->log_buf = attr->log_buf != 0;
	if (fake_fail_now()) {
		p->ret = -fk.fail_nth_errno;
		return p->ret;
	}
	log_ret = fk.prog_load_errno ? fake_write_log(attr) : 0;
	if (log_ret)
		p->ret = log_ret;
	else if (fk.prog_load_errno)
		p->ret = -fk.prog_load_errno;
	else
		p->ret = fake_new_fd(FK_PROG);
	return p->ret;
}

static inline int fake_hash_find(uint32_t key, bool live_only)
{
	int i;

	for (i = 0; i < fk.hash.nr; i++)
		if (fk.hash.keys[i] == key && (!live_only || fk.hash.live[i]))
			return i;
	return -1;
}

static inline int fake_hash_first_from(int i)
{
	for (; i < fk.hash.nr; i++)
		if (fk.hash.live[i])
			return i;
	return -1;
}

/*
 * Like a kernel hash map: NULL or a key no longer there starts over from
 * the first key (htab_map_get_next_key), otherwise the one after it.
 */
static inline long fake_hash_next(union bpf_attr *attr)
{
	const uint32_t *key = (const uint32_t *)(unsigned long)attr->key;
	uint32_t *next = (uint32_t *)(unsigned long)attr->next_key;
	int i, n;

	fk.hash.next_calls++;
	if (fk.hash.endless) {
		i = fake_hash_first_from(0);
	} else {
		i = key ? fake_hash_find(*key, true) : -1;
		n = i < 0 ? fake_hash_first_from(0) : fake_hash_first_from(i + 1);
		i = n;
	}
	if (i < 0)
		return -ENOENT;
	*next = fk.hash.keys[i];
	if (fk.hash.delete_after_next == (int64_t)fk.hash.keys[i])
		fk.hash.live[i] = false;
	return 0;
}

static inline long fake_hash_lookup(union bpf_attr *attr)
{
	const uint32_t *key = (const uint32_t *)(unsigned long)attr->key;
	uint64_t *value = (uint64_t *)(unsigned long)attr->value;
	int i;

	fk.hash.lookups++;
	if (attr->flags)
		return -EINVAL;
	if (fk.hash.lookup_enoent == (int64_t)*key)
		return -ENOENT;
	i = fake_hash_find(*key, true);
	if (i < 0)
		return -ENOENT;
	*value = fk.hash.values[i];
	return 0;
}

static inline long fake_bpf(long cmd, union bpf_attr *attr, long size)
{
	if (fk.nr_cmds < FAKE_MAX_CALLS)
		fk.cmds[fk.nr_cmds++] = cmd;
	if (size != sizeof(*attr))
		fk.bad_attr_size++;
	switch (cmd) {
	case BPF_MAP_CREATE:
		return fake_map_create(attr);
	case BPF_PROG_LOAD:
		return fake_prog_load(attr);
	case BPF_BTF_LOAD:
		/* The object's BTF: accepted unread; may be failed like others. */
		fk.nr_btf_loads++;
		return fake_fail_now() ? -fk.fail_nth_errno : fake_new_fd(FK_BTF);
	case BPF_BTF_GET_NEXT_ID:
		return -ENOENT;	/* no module BTF in this kernel */
	case BPF_MAP_GET_NEXT_KEY:
		if (fk.hash_fd < 0 || attr->map_fd != (uint32_t)fk.hash_fd)
			return -EBADF;
		return fake_hash_next(attr);
	case BPF_MAP_LOOKUP_ELEM:
		if (fk.hash_fd < 0 || attr->map_fd != (uint32_t)fk.hash_fd)
			return -EBADF;
		return fake_hash_lookup(attr);
	}
	fk.unexpected++;
	fk.unexpected_nr = 1000 + cmd;
	return -EINVAL;
}

static inline long fake_perf_open(struct perf_event_attr *attr, long pid,
				  long cpu, long group_fd, long flags)
{
	struct fake_perf_rec *p = &fk.perfs[fk.nr_perfs < 16 ? fk.nr_perfs++ : 15];

	memset(p, 0, sizeof(*p));
	p->attr = *attr;
	p->pid = pid;
	p->cpu = cpu;
	p->group_fd = group_fd;
	p->flags = flags;
	p->ret = fake_fail_now() ? -fk.fail_nth_errno : fake_new_fd(FK_PERF);
	return p->ret;
}

static inline long fake_ioctl(long fd, unsigned long req, unsigned long arg)
{
	struct fake_ioctl_rec *r = &fk.ioctls[fk.nr_ioctls < 32 ? fk.nr_ioctls++ : 31];

	r->fd = fd;
	r->req = req;
	r->arg = arg;
	if (!fake_fd_is(fd, FK_PERF) ||
	    (req == PERF_EVENT_IOC_SET_BPF && !fake_fd_is(arg, FK_PROG))) {
		fk.bad_fd_uses++;
		r->ret = -EBADF;
	} else if (fake_fail_now()) {
		r->ret = -fk.fail_nth_errno;
	} else if (fk.ioctl_fail_req == req) {
		r->ret = -fk.ioctl_fail_errno;
	} else {
		r->ret = 0;
	}
	return r->ret;
}

static inline long fake_close(long fd)
{
	int i;

	if (fake_is_ours(fd)) {
		struct fake_fd *f = &fk.fds[fd - FAKE_FD_BASE];

		f->closes++;
		if (!f->open) {
			fk.double_closes++;
			return -EBADF;
		}
		f->open = false;
		if (fk.nr_closes < FAKE_MAX_CALLS)
			fk.closes[fk.nr_closes++] = fd;
		return 0;
	}
	for (i = 0; i < fk.nr_real_open; i++) {
		if (fk.real_open[i] == fd) {
			fk.real_open[i] = fk.real_open[--fk.nr_real_open];
			return sys_call_real(__NR_close, fd, 0, 0, 0, 0, 0);
		}
	}
	fk.real_leaked_unknown++;
	return -EBADF;
}

/* Where a tracefs path really goes: our temp dir, or nowhere. */
static inline int fake_tracefs_path(const char *path, char *out, size_t len)
{
	static const char tr[] = "/sys/kernel/tracing";
	static const char dbg[] = "/sys/kernel/debug/tracing";
	const char *rest;
	bool ok;

	if (!strncmp(path, tr, sizeof(tr) - 1)) {
		rest = path + sizeof(tr) - 1;
		ok = fk.tracefs == TRACEFS_FAKE;
	} else if (!strncmp(path, dbg, sizeof(dbg) - 1)) {
		rest = path + sizeof(dbg) - 1;
		ok = fk.tracefs == TRACEFS_DEBUG_ONLY;
	} else {
		return 0;	/* not tracefs */
	}
	if (!ok || !fk.tracefs_dir[0])
		return fk.tracefs_errno ? -fk.tracefs_errno : -ENOENT;
	snprintf(out, len, "%s%s", fk.tracefs_dir, rest);
	return 1;
}

static inline long fake_openat(long dirfd, const char *path, long flags,
			       long mode)
{
	char real[512];
	long fd;
	int t;

	if (fk.nr_paths < FAKE_MAX_PATHS)
		snprintf(fk.paths[fk.nr_paths++], sizeof(fk.paths[0]), "%s",
			 path);
	t = fake_tracefs_path(path, real, sizeof(real));
	if (t < 0)
		return t;
	fd = sys_call_real(__NR_openat, dirfd, t ? (long)real : (long)path,
			   flags, mode, 0, 0);
	if (fd >= 0 && fk.nr_real_open < FAKE_MAX_REAL)
		fk.real_open[fk.nr_real_open++] = fd;
	return fd;
}

static inline long fake_call(long nr, long a1, long a2, long a3, long a4,
			     long a5, long a6)
{
	switch (nr) {
	case __NR_bpf:
		return fake_bpf(a1, (union bpf_attr *)a2, a3);
	case __NR_perf_event_open:
		return fake_perf_open((struct perf_event_attr *)a1, a2, a3, a4,
				      a5);
	case __NR_ioctl:
		return fake_ioctl(a1, a2, a3);
	case __NR_close:
		return fake_close(a1);
	case __NR_openat:
		return fake_openat(a1, (const char *)a2, a3, a4);
	case __NR_capget:	/* effective set: fk.caps */
		((uint32_t *)a2)[0] = (uint32_t)fk.caps;	/* data[0].effective */
		((uint32_t *)a2)[3] = (uint32_t)(fk.caps >> 32);	/* data[1].effective */
		return 0;
	case __NR_read:
	case __NR_fstat:
	case __NR_readlinkat:
		return sys_call_real(nr, a1, a2, a3, a4, a5, a6);
	}
	fk.unexpected++;
	fk.unexpected_nr = nr;
	return -ENOSYS;
}

/* Forget everything recorded and every setting (the tracefs dir stays). */
static inline void fake_reset(void)
{
	char dir[sizeof(fk.tracefs_dir)];
	int i;

	memcpy(dir, fk.tracefs_dir, sizeof(dir));
	for (i = 0; i < 64; i++)
		free(fk.progs[i].insns);
	memset(&fk, 0, sizeof(fk));
	memcpy(fk.tracefs_dir, dir, sizeof(dir));
	fk.hash_fd = -1;
	fk.hash.delete_after_next = -1;
	fk.hash.lookup_enoent = -1;
}

static inline void fake_install(void)
{
	fake_reset();
	sys_call = fake_call;
}

/* How many of our fds are still open. */
static inline int fake_open_fds(void)
{
	int i, n = 0;

	for (i = 0; i < fk.next_fd && i < FAKE_MAX_FDS; i++)
		n += fk.fds[i].open;
	return n;
}

static inline int fake_count_cmd(int cmd)
{
	int i, n = 0;

	for (i = 0; i < fk.nr_cmds; i++)
		n += fk.cmds[i] == cmd;
	return n;
}

/* Was @path passed to openat? */
static inline bool fake_opened(const char *path)
{
	int i;

	for (i = 0; i < fk.nr_paths; i++)
		if (!strcmp(fk.paths[i], path))
			return true;
	return false;
}

/* --- a temporary tracefs with events/CAT/NAME/id files ------------------ */

static inline int fake_mkdirs(const char *path)
{
	char tmp[512];
	char *p;

	snprintf(tmp, sizeof(tmp), "%s", path);
	for (p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0700) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(tmp, 0700) && errno != EEXIST ? -1 : 0;
}

/* Write @dir/events/@cat/@name/id holding @id (as text, with a newline). */
static inline int fake_tracefs_event(const char *cat, const char *name,
				     uint32_t id)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/events/%s/%s", fk.tracefs_dir, cat,
		 name);
	if (fake_mkdirs(path))
		return -1;
	snprintf(path, sizeof(path), "%s/events/%s/%s/id", fk.tracefs_dir,
		 cat, name);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "%u\n", id);
	return fclose(f);
}

static inline int fake_tracefs_create(void)
{
	char path[128];

	snprintf(fk.tracefs_dir, sizeof(fk.tracefs_dir),
		 "/tmp/barebpf-fake-XXXXXX");
	if (!mkdtemp(fk.tracefs_dir)) {
		fk.tracefs_dir[0] = '\0';
		return -1;
	}
	snprintf(path, sizeof(path), "%s/events", fk.tracefs_dir);
	return mkdir(path, 0700);
}

static inline int fake_rm_visit(const char *path, const struct stat *st,
				int type, struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path);
}

static inline void fake_tracefs_remove(void)
{
	if (fk.tracefs_dir[0])
		nftw(fk.tracefs_dir, fake_rm_visit, 16, FTW_DEPTH | FTW_PHYS);
	fk.tracefs_dir[0] = '\0';
}

/* --- the object the tests load ------------------------------------------ */

/* $BUILD/procmon.bpf.o (default build/), in a static buffer. */
static inline const char *fake_obj_path(const char *file)
{
	static char path[512];
	const char *root = getenv("BUILD");

	snprintf(path, sizeof(path), "%s/%s", root && *root ? root : "build",
		 file);
	return path;
}

#endif
