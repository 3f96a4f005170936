/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sys.h - every system call barebpf makes, one thin wrapper each.
 *
 * All of them end in one replaceable function pointer, sys_call, which by
 * default is the raw syscall(2).  Tests point it at a fake kernel to run
 * the loader without root.  Each wrapper returns its result (an fd, 0, a
 * byte count) or -errno; none of them prints anything.
 *
 * The bpf() wrappers are named after the command they issue and zero the
 * whole union bpf_attr first: the kernel rejects non-zero bytes past the
 * fields a command uses (CHECK_ATTR in kernel/bpf/syscall.c).
 */
#ifndef BAREBPF_SYS_H
#define BAREBPF_SYS_H

#include <linux/bpf.h>
#include <linux/perf_event.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <sys/types.h>

typedef long (*sys_call_fn)(long nr, long a1, long a2, long a3, long a4,
			    long a5, long a6);

/* The one door to the kernel.  Replace it to fake the kernel. */
extern sys_call_fn sys_call;

/* The real one, for fakes that want to pass some calls through. */
long sys_call_real(long nr, long a1, long a2, long a3, long a4, long a5,
		   long a6);

/* Files. */
int sys_open(const char *path, int flags, int mode);
ssize_t sys_read(int fd, void *buf, size_t len);
int sys_close(int fd);
int sys_fstat_size(int fd, uint64_t *size);
int sys_ioctl(int fd, unsigned long req, unsigned long arg);
ssize_t sys_readlink(const char *path, char *buf, size_t len);

/*
 * Signals.  Our tools block SIGINT/SIGTERM and wait for them with a
 * timeout instead of installing handlers: a signal that arrives while we
 * load is simply pending, and the next wait returns it at once.
 * sys_sigwait_ms() returns the signal number, or -EAGAIN on timeout.
 */
int sys_block_signals(const sigset_t *set);
int sys_sigwait_ms(const sigset_t *set, long timeout_ms);

/* perf_event_open(2); always with PERF_FLAG_FD_CLOEXEC. */
int sys_perf_event_open(struct perf_event_attr *attr, pid_t pid, int cpu,
			int group_fd, unsigned long flags);

/* bpf(2), one per command. */
struct map_create_args {
	uint32_t type;
	uint32_t key_size;
	uint32_t value_size;
	uint32_t max_entries;
	uint32_t map_flags;
	uint32_t numa_node;	/* used only with BPF_F_NUMA_NODE */
	const char *name;	/* truncated to BPF_OBJ_NAME_LEN - 1 */
};
int sys_map_create(const struct map_create_args *args);

struct prog_load_args {
	uint32_t type;
	uint32_t expected_attach_type;
	const struct bpf_insn *insns;
	uint32_t nr_insns;
	const char *license;
	uint32_t kern_version;
	const char *name;	/* truncated to BPF_OBJ_NAME_LEN - 1 */
	char *log_buf;		/* NULL: no verifier log */
	uint32_t log_size;
	uint32_t log_level;
};
int sys_prog_load(const struct prog_load_args *args);

int sys_map_lookup_elem(int fd, const void *key, void *value,
			uint64_t flags);
int sys_map_update_elem(int fd, const void *key, const void *value,
			uint64_t flags);
int sys_map_delete_elem(int fd, const void *key);
int sys_map_lookup_and_delete_elem(int fd, const void *key, void *value);
int sys_map_get_next_key(int fd, const void *key, void *next_key);
int sys_obj_get_info_by_fd(int fd, void *info, uint32_t *info_len);
int sys_prog_get_next_id(uint32_t start, uint32_t *next);
int sys_map_get_next_id(uint32_t start, uint32_t *next);
int sys_prog_get_fd_by_id(uint32_t id);
int sys_map_get_fd_by_id(uint32_t id);

/* BPF_OBJ_PIN: make @fd's object a file at @path (on a bpffs). */
int sys_obj_pin(int fd, const char *path);

/* The name of a bpf command, for messages ("BPF_MAP_CREATE"). */
const char *sys_bpf_cmd_name(int cmd);

#endif
