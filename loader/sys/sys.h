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
/* Close the @n fds of array *@fds, free it, and leave it NULL and 0. */
void sys_close_each(int **fds, uint32_t *n);
/* poll(2) without waiting: the number of @fds with revents set, or -errno. */
struct pollfd;
int sys_poll_now(struct pollfd *fds, unsigned int n);
/* The file's size and, if @mode, its st_mode (type and permissions). */
int sys_fstat_size(int fd, uint64_t *size, unsigned int *mode);
int sys_ioctl(int fd, unsigned long req, unsigned long arg);
ssize_t sys_readlink(const char *path, char *buf, size_t len);
/* kill(2); with @sig 0 it only asks whether process @pid exists. */
int sys_kill(pid_t pid, int sig);
/* 1 if this process has capability @cap (0-63) in its effective set,
 * 0 if not, -errno if capget(2) fails. */
int sys_has_cap(int cap);
/* exit_group(2): the process ends now, no destructors. */
__attribute__((noreturn)) void sys_exit(int status);
/*
 * What the tools print (loader/out.c).  Not through sys_call and not
 * narrated: printing is not talking to the kernel about BPF, a fake
 * kernel must not swallow a test's output, and narration is itself
 * printed.  Returns bytes written or -errno.
 */
ssize_t sys_write_out(int fd, const void *buf, size_t len);
/* A second fd for the same open file (F_DUPFD_CLOEXEC). */
int sys_dup(int fd);
int sys_mkdir(const char *path, int mode);
int sys_unlink(const char *path);
int sys_rmdir(const char *path);
/* statfs(2), reduced to the filesystem's magic number (f_type). */
int sys_statfs_type(const char *path, uint64_t *type);

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

/* epoll, for the event streams (loader/perf_buffer.c, loader/ringbuf.c). */
int sys_epoll_create(void);		/* epoll_create1(EPOLL_CLOEXEC) */
int sys_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data);
/* Returns the number of ready events (0 on timeout) or -errno. */
int sys_epoll_wait(int epfd, void *events, int max, int timeout_ms);

/* bpf(2), one per command. */
struct map_create_args {
	uint32_t type;
	uint32_t key_size;
	uint32_t value_size;
	uint32_t max_entries;
	uint32_t map_flags;
	uint32_t numa_node;	/* used only with BPF_F_NUMA_NODE */
	const char *name;	/* truncated to BPF_OBJ_NAME_LEN - 1 */
	uint32_t inner_map_fd;	/* map-in-map only: template of the inner maps */
	uint32_t btf_fd;	/* 0, or the object's BTF (BPF_BTF_LOAD) ... */
	uint32_t btf_key_type_id;	/* ... and the key/value types in it */
	uint32_t btf_value_type_id;
	uint64_t map_extra;	/* bloom filter: hash count (5.16); arena:
				 * its user-space address (6.9) */
	uint32_t btf_vmlinux_value_type_id;	/* STRUCT_OPS: the kernel's
						 * value struct (vmlinux BTF) */
};
int sys_map_create(const struct map_create_args *args);

struct prog_load_args {
	uint32_t type;
	uint32_t expected_attach_type;
	uint32_t prog_flags;	/* BPF_F_SLEEPABLE, BPF_F_XDP_HAS_FRAGS... */
	const struct bpf_insn *insns;
	uint32_t nr_insns;
	const char *license;
	uint32_t kern_version;
	const char *name;	/* truncated to BPF_OBJ_NAME_LEN - 1 */
	char *log_buf;		/* NULL: no verifier log */
	uint32_t log_size;
	uint32_t log_level;
	uint32_t attach_btf_id;	/* fentry/fexit/tp_btf: the kernel BTF type;
				 * freplace: the function in the target's BTF */
	uint32_t attach_prog_fd;	/* freplace: the program it replaces in */
	uint32_t prog_btf_fd;	/* 0, or the object's BTF, which ... */
	const struct bpf_func_info *func_info;	/* ... these point into */
	uint32_t func_info_cnt;
	const struct bpf_line_info *line_info;
	uint32_t line_info_cnt;
	const int *fd_array;	/* NULL, or the module BTF fds kfunc calls
				 * name by index (insn->off) */
};
int sys_prog_load(const struct prog_load_args *args);

/*
 * BPF_RAW_TRACEPOINT_OPEN: attach @prog_fd to raw tracepoint @name, or,
 * with @name NULL, to the target fixed at load time (attach_btf_id of a
 * tp_btf/fentry/fexit program).  Returns a link fd: closing it detaches.
 */
int sys_raw_tracepoint_open(const char *name, int prog_fd);

/*
 * BPF_LINK_CREATE: attach @prog_fd to @target_fd (a perf event fd for
 * attach type BPF_PERF_EVENT) and return the new link fd.
 */
int sys_link_create(int prog_fd, int target_fd, uint32_t attach_type);
/* The same for a perf event, with a BPF cookie (5.15+): what
 * bpf_get_attach_cookie() returns to the program there. */
int sys_link_create_perf_cookie(int prog_fd, int perf_fd, uint64_t cookie);
/* BPF_PROG_ATTACH / BPF_PROG_DETACH of @prog_fd to @target_fd (no flags). */
int sys_prog_attach(int prog_fd, int target_fd, uint32_t attach_type);
int sys_prog_detach(int prog_fd, int target_fd, uint32_t attach_type);
/*
 * link_create as Linux 6.6 lays it out for uprobe_multi, which our
 * headers (6.1) lack: the common head, then the union member.
 */
struct link_create_uprobe_multi {
	uint32_t prog_fd, target_fd, attach_type, link_flags;
	uint64_t path, offsets, ref_ctr_offsets, cookies;
	uint32_t cnt, flags, pid;
};

/* uprobe.multi (6.6+): probes at @cnt @offsets of file @path, in one link
 * (@flags 1: uretprobes). */
int sys_link_create_uprobe_multi(int prog_fd, const char *path,
				 const uint64_t *offsets, uint32_t cnt,
				 uint32_t flags);
/*
 * link_create as Linux 6.4 lays it out for netfilter (our 6.1 headers
 * lack it): the common head, then the union member, at offset 16.
 */
struct link_create_netfilter {
	uint32_t prog_fd, target_fd, attach_type, link_flags;
	uint32_t pf, hooknum;
	int32_t priority;
	uint32_t flags;
};

/* netfilter (6.4+): @prog_fd at hook @hooknum of protocol family @pf,
 * with @priority, in the caller's network namespace. */
int sys_link_create_netfilter(int prog_fd, uint32_t pf, uint32_t hooknum,
			      int32_t priority, uint32_t flags);
/* kprobe.multi (5.18+, CONFIG_FPROBE): kprobes on the @cnt kernel
 * functions @syms (sorted by strcmp), in one link (@flags 1: kretprobes). */
int sys_link_create_kprobe_multi(int prog_fd, const char *const *syms,
				 uint32_t cnt, uint32_t flags);

/*
 * BPF_BTF_LOAD: hand the kernel a BTF blob (types and strings) and get
 * an fd that maps and programs name.  @log: NULL, or the kernel's
 * reasons when it refuses.
 */
int sys_btf_load(const void *data, uint32_t len, char *log,
		 uint32_t log_size);

/* uname(2): the running kernel's release ("6.1.0-18-amd64"). */
int sys_uname_release(char *out, size_t len);

int sys_map_lookup_elem(int fd, const void *key, void *value,
			uint64_t flags);
int sys_map_update_elem(int fd, const void *key, const void *value,
			uint64_t flags);
int sys_map_delete_elem(int fd, const void *key);
int sys_map_lookup_and_delete_elem(int fd, const void *key, void *value);
int sys_map_get_next_key(int fd, const void *key, void *next_key);
int sys_obj_get_info_by_fd(int fd, void *info, uint32_t *info_len);
/*
 * BPF_MAP_LOOKUP_BATCH (the kernel since 5.6): copy up to *@count entries
 * into @keys and @values, starting where @in_batch says (NULL: the start);
 * @out_batch receives where to go on.  *@count becomes the number copied,
 * also when the answer is -ENOENT (no more entries after these).
 */
int sys_map_lookup_batch(int fd, void *in_batch, void *out_batch, void *keys,
			 void *values, uint32_t *count);
int sys_prog_get_next_id(uint32_t start, uint32_t *next);
int sys_map_get_next_id(uint32_t start, uint32_t *next);
int sys_btf_get_next_id(uint32_t start, uint32_t *next);
int sys_prog_get_fd_by_id(uint32_t id);
int sys_map_get_fd_by_id(uint32_t id);
/* An fd for the BTF object @id (a map's btf_id, from BPF_OBJ_GET_INFO_BY_FD). */
int sys_btf_get_fd_by_id(uint32_t id);
/* No more writes from user space (the kernel since 5.2). */
int sys_map_freeze(int fd);
/*
 * BPF_ITER_CREATE: a new fd to read the output of iterator link @link_fd
 * (each fd runs the iterator once, as it is read, to EOF).
 */
int sys_iter_create(int link_fd);
/* socket(2) and setsockopt(2): SO_ATTACH_BPF, SIOCGIFINDEX's socket. */
int sys_socket(int domain, int type, int protocol);
int sys_setsockopt(int fd, int level, int name, const void *val,
		   uint32_t len);
/*
 * sendto(2) to the address @addr (@addr_len bytes), and recvfrom(2) with
 * no source address: rtnetlink's messages (loader/sys/netlink.c).
 */
ssize_t sys_sendto(int fd, const void *buf, size_t len, const void *addr,
		   uint32_t addr_len);
ssize_t sys_recv(int fd, void *buf, size_t len);
/*
 * BPF_PROG_TEST_RUN (BPF_PROG_RUN): run program @prog_fd once, now, on
 * this CPU, with @ctx_len bytes of @ctx as its context (a raw_tp
 * program's u64 arguments since Linux 5.10) and @data_len bytes of @data
 * as its packet (XDP and tc programs need one: an Ethernet frame, at
 * least 14 bytes); *@retval gets what it returned.  No attachment:
 * nothing but this call runs it.
 */
int sys_prog_test_run(int prog_fd, const void *ctx, uint32_t ctx_len,
		      const void *data, uint32_t data_len, uint32_t *retval);

/*
 * mmap(2) of a map fd (BPF_F_MMAPABLE, loader/global_data.c; ring buffers,
 * loader/ringbuf.c) or of a perf event (its ring, loader/perf_buffer.c).
 * sys_mmap() returns the address, or an -errno cast to a pointer: test it
 * with sys_mmap_failed().
 */
void *sys_mmap(void *addr, size_t len, int prot, int flags, int fd,
	       off_t off);
int sys_mmap_failed(const void *addr);
int sys_munmap(void *addr, size_t len);
/*
 * Anonymous read-write memory for the static build's malloc
 * (loader/static/heap.c); test the address with sys_mmap_failed().
 * Neither goes through sys_call nor is narrated.
 */
void *sys_mem_map(size_t len);
int sys_mem_unmap(void *addr, size_t len);
/* Pin the map/program/link @fd at @path in a bpffs; open a pinned one. */
int sys_obj_pin(int fd, const char *path);
int sys_obj_get(const char *path);

/* The name of a bpf command, for messages ("BPF_MAP_CREATE"). */
const char *sys_bpf_cmd_name(int cmd);

#endif
