// SPDX-License-Identifier: GPL-2.0
/*
 * sys.c - the thin layer between barebpf and the kernel.
 *
 * Every system call the loader makes is in this file, and every one of
 * them goes through sys_call: strace shows exactly these, and a test can
 * replace sys_call with a fake kernel.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include <linux/capability.h>

#include "elf/base/fmt.h"
#include "elf/bpf_uapi_new.h"
#include "loader/sys/narrate.h"
#include "loader/sys/sys.h"

long sys_call_real(long nr, long a1, long a2, long a3, long a4, long a5,
		   long a6)
{
	long ret = syscall(nr, a1, a2, a3, a4, a5, a6);

	return ret < 0 ? -errno : ret;
}

sys_call_fn sys_call = sys_call_real;

/* Every call passes here, and is narrated (--verbose) on its way back. */
static long call(long nr, long a1, long a2, long a3, long a4, long a5,
		 long a6)
{
	long args[6] = { a1, a2, a3, a4, a5, a6 };
	long ret = sys_call(nr, a1, a2, a3, a4, a5, a6);

	narrate_syscall(nr, args, ret);
	return ret;
}

#define CALL6(nr, a1, a2, a3, a4, a5, a6) \
	call(nr, (long)(a1), (long)(a2), (long)(a3), (long)(a4), (long)(a5), \
	     (long)(a6))
#define CALL(nr, a1, a2, a3, a4, a5) CALL6(nr, a1, a2, a3, a4, a5, 0)

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	return CALL(__NR_bpf, cmd, attr, sizeof(*attr), 0, 0);
}

static uint64_t ptr(const void *p)
{
	return (uint64_t)(unsigned long)p;
}

int sys_open(const char *path, int flags, int mode)
{
	return CALL(__NR_openat, AT_FDCWD, path, flags | O_CLOEXEC, mode, 0);
}

ssize_t sys_read(int fd, void *buf, size_t len)
{
	return CALL(__NR_read, fd, buf, len, 0, 0);
}

ssize_t sys_write_out(int fd, const void *buf, size_t len)
{
	return sys_call_real(__NR_write, fd, (long)buf, len, 0, 0, 0);
}

int sys_close(int fd)
{
	return CALL(__NR_close, fd, 0, 0, 0, 0);
}

void sys_close_each(int **fds, uint32_t *n)
{
	uint32_t i;

	for (i = 0; *fds && i < *n; i++)
		sys_close((*fds)[i]);
	free(*fds);
	*fds = NULL;
	*n = 0;
}

int sys_poll_now(struct pollfd *fds, unsigned int n)
{
	struct timespec zero = { 0, 0 };

	/* ppoll, not poll: newer architectures (arm64) have only ppoll. */
	return CALL(__NR_ppoll, fds, n, &zero, 0, 0);
}

int sys_fstat_size(int fd, uint64_t *size, unsigned int *mode)
{
	struct stat st;
	int ret = CALL(__NR_fstat, fd, &st, 0, 0, 0);

	if (ret == 0) {
		*size = st.st_size;
		if (mode)
			*mode = st.st_mode;
	}
	return ret;
}

int sys_ioctl(int fd, unsigned long req, unsigned long arg)
{
	return CALL(__NR_ioctl, fd, req, arg, 0, 0);
}

int sys_kill(pid_t pid, int sig)
{
	return CALL(__NR_kill, pid, sig, 0, 0, 0);
}

int sys_has_cap(int cap)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = { 0 };
	int ret = CALL(__NR_capget, &hdr, data, 0, 0, 0);

	if (ret)
		return ret;
	if (cap < 0 || cap >= 64)
		return -EINVAL;
	return !!(data[cap / 32].effective & (1u << (cap % 32)));
}

void sys_exit(int status)
{
	CALL(__NR_exit_group, status, 0, 0, 0, 0);
	_exit(status);	/* a fake sys_call returned: leave all the same */
}

ssize_t sys_readlink(const char *path, char *buf, size_t len)
{
	return CALL(__NR_readlinkat, AT_FDCWD, path, buf, len, 0);
}

int sys_dup(int fd)
{
	return CALL(__NR_fcntl, fd, F_DUPFD_CLOEXEC, 0, 0, 0);
}

int sys_mkdir(const char *path, int mode)
{
	return CALL(__NR_mkdirat, AT_FDCWD, path, mode, 0, 0);
}

int sys_unlink(const char *path)
{
	return CALL(__NR_unlinkat, AT_FDCWD, path, 0, 0, 0);
}

int sys_rmdir(const char *path)
{
	return CALL(__NR_unlinkat, AT_FDCWD, path, AT_REMOVEDIR, 0, 0);
}

int sys_statfs_type(const char *path, uint64_t *type)
{
	struct statfs st;
	int ret = CALL(__NR_statfs, path, &st, 0, 0, 0);

	if (ret == 0)
		*type = (uint64_t)st.f_type;
	return ret;
}

/* The kernel's sigset is 8 bytes on x86-64, not glibc's 128. */
#define KERNEL_SIGSET_SIZE 8

int sys_block_signals(const sigset_t *set)
{
	return CALL(__NR_rt_sigprocmask, SIG_BLOCK, set, NULL,
		    KERNEL_SIGSET_SIZE, 0);
}

int sys_sigwait_ms(const sigset_t *set, long timeout_ms)
{
	struct timespec ts = {
		.tv_sec = timeout_ms / 1000,
		.tv_nsec = (timeout_ms % 1000) * 1000000L,
	};

	return CALL(__NR_rt_sigtimedwait, set, NULL, &ts, KERNEL_SIGSET_SIZE,
		    0);
}

int sys_perf_event_open(struct perf_event_attr *attr, pid_t pid, int cpu,
			int group_fd, unsigned long flags)
{
	attr->size = sizeof(*attr);
	return CALL(__NR_perf_event_open, attr, pid, cpu, group_fd,
		    flags | PERF_FLAG_FD_CLOEXEC);
}

int sys_epoll_create(void)
{
	return CALL(__NR_epoll_create1, EPOLL_CLOEXEC, 0, 0, 0, 0);
}

int sys_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	return CALL(__NR_epoll_ctl, epfd, op, fd, &ev, 0);
}

/* epoll_pwait with no mask: epoll_wait itself is missing on arm64. */
int sys_epoll_wait(int epfd, void *events, int max, int timeout_ms)
{
	return CALL(__NR_epoll_pwait, epfd, events, max, timeout_ms, NULL);
}

static void copy_name(char *dst, const char *name)
{
	if (name)
		strncpy(dst, name, BPF_OBJ_NAME_LEN - 1);
}

int sys_map_create(const struct map_create_args *a)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = a->type;
	attr.key_size = a->key_size;
	attr.value_size = a->value_size;
	attr.max_entries = a->max_entries;
	attr.map_flags = a->map_flags;
	attr.numa_node = a->numa_node;
	copy_name(attr.map_name, a->name);
	attr.inner_map_fd = a->inner_map_fd;
	attr.btf_fd = a->btf_fd;
	attr.btf_key_type_id = a->btf_key_type_id;
	attr.btf_value_type_id = a->btf_value_type_id;
	attr.map_extra = a->map_extra;
	attr.btf_vmlinux_value_type_id = a->btf_vmlinux_value_type_id;
	return sys_bpf(BPF_MAP_CREATE, &attr);
}

int sys_prog_load(const struct prog_load_args *a)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = a->type;
	attr.expected_attach_type = a->expected_attach_type;
	attr.prog_flags = a->prog_flags;
	attr.insns = ptr(a->insns);
	attr.insn_cnt = a->nr_insns;
	attr.license = ptr(a->license);
	attr.kern_version = a->kern_version;
	copy_name(attr.prog_name, a->name);
	attr.log_buf = ptr(a->log_buf);
	attr.log_size = a->log_size;
	attr.log_level = a->log_level;
	attr.attach_btf_id = a->attach_btf_id;
	attr.attach_prog_fd = a->attach_prog_fd;
	attr.prog_btf_fd = a->prog_btf_fd;
	if (a->prog_btf_fd && a->func_info_cnt) {
		attr.func_info = ptr(a->func_info);
		attr.func_info_cnt = a->func_info_cnt;
		attr.func_info_rec_size = sizeof(struct bpf_func_info);
	}
	if (a->prog_btf_fd && a->line_info_cnt) {
		attr.line_info = ptr(a->line_info);
		attr.line_info_cnt = a->line_info_cnt;
		attr.line_info_rec_size = sizeof(struct bpf_line_info);
	}
	attr.fd_array = ptr(a->fd_array);
	return sys_bpf(BPF_PROG_LOAD, &attr);
}

int sys_btf_load(const void *data, uint32_t len, char *log,
		 uint32_t log_size)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.btf = ptr(data);
	attr.btf_size = len;
	attr.btf_log_buf = ptr(log);
	attr.btf_log_size = log ? log_size : 0;
	attr.btf_log_level = log ? 1 : 0;
	return sys_bpf(BPF_BTF_LOAD, &attr);
}

int sys_uname_release(char *out, size_t len)
{
	struct utsname u;
	int ret = CALL(__NR_uname, &u, 0, 0, 0, 0);

	if (ret == 0)
		fmt_snprintf(out, len, "%s", u.release);
	return ret;
}

int sys_raw_tracepoint_open(const char *name, int prog_fd)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.raw_tracepoint.name = ptr(name);
	attr.raw_tracepoint.prog_fd = prog_fd;
	return sys_bpf(BPF_RAW_TRACEPOINT_OPEN, &attr);
}

int sys_link_create(int prog_fd, int target_fd, uint32_t attach_type)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.link_create.prog_fd = prog_fd;
	attr.link_create.target_fd = target_fd;
	attr.link_create.attach_type = attach_type;
	return sys_bpf(BPF_LINK_CREATE, &attr);
}

int sys_link_create_perf_cookie(int prog_fd, int perf_fd, uint64_t cookie)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.link_create.prog_fd = prog_fd;
	attr.link_create.target_fd = perf_fd;
	attr.link_create.attach_type = BPF_PERF_EVENT;
	attr.link_create.perf_event.bpf_cookie = cookie;
	return sys_bpf(BPF_LINK_CREATE, &attr);
}

static int prog_attach_cmd(int cmd, int prog_fd, int target_fd,
			   uint32_t attach_type)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.attach_bpf_fd = prog_fd;
	attr.target_fd = target_fd;
	attr.attach_type = attach_type;
	return sys_bpf(cmd, &attr);
}

int sys_prog_attach(int prog_fd, int target_fd, uint32_t attach_type)
{
	return prog_attach_cmd(BPF_PROG_ATTACH, prog_fd, target_fd, attach_type);
}

int sys_prog_detach(int prog_fd, int target_fd, uint32_t attach_type)
{
	return prog_attach_cmd(BPF_PROG_DETACH, prog_fd, target_fd, attach_type);
}

int sys_link_create_uprobe_multi(int prog_fd, const char *path,
				 const uint64_t *offsets, uint32_t cnt,
				 uint32_t flags)
{
	struct link_create_uprobe_multi u = {
		.prog_fd = prog_fd,
		.attach_type = BB_TRACE_UPROBE_MULTI,
		.path = ptr(path),
		.offsets = ptr(offsets),
		.cnt = cnt,
		.flags = flags,
	};
	union bpf_attr attr;

	_Static_assert(sizeof(u) <= sizeof(attr), "bpf_attr holds uprobe_multi");
	memset(&attr, 0, sizeof(attr));
	memcpy(&attr, &u, sizeof(u));
	return sys_bpf(BPF_LINK_CREATE, &attr);
}

int sys_link_create_netfilter(int prog_fd, uint32_t pf, uint32_t hooknum,
			      int32_t priority, uint32_t flags)
{
	struct link_create_netfilter n = {
		.prog_fd = prog_fd,
		.attach_type = BB_NETFILTER,
		.pf = pf,
		.hooknum = hooknum,
		.priority = priority,
		.flags = flags,
	};
	union bpf_attr attr;

	_Static_assert(sizeof(n) <= sizeof(attr), "bpf_attr holds netfilter");
	memset(&attr, 0, sizeof(attr));
	memcpy(&attr, &n, sizeof(n));
	return sys_bpf(BPF_LINK_CREATE, &attr);
}

int sys_link_create_kprobe_multi(int prog_fd, const char *const *syms,
				 uint32_t cnt, uint32_t flags)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.link_create.prog_fd = prog_fd;
	attr.link_create.attach_type = BPF_TRACE_KPROBE_MULTI;
	attr.link_create.kprobe_multi.flags = flags;
	attr.link_create.kprobe_multi.cnt = cnt;
	attr.link_create.kprobe_multi.syms = ptr(syms);
	return sys_bpf(BPF_LINK_CREATE, &attr);
}

static int elem_cmd(int cmd, int fd, const void *key, const void *value,
		    uint64_t flags)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	attr.key = ptr(key);
	attr.value = ptr(value);
	attr.flags = flags;
	return sys_bpf(cmd, &attr);
}

int sys_map_lookup_elem(int fd, const void *key, void *value, uint64_t flags)
{
	return elem_cmd(BPF_MAP_LOOKUP_ELEM, fd, key, value, flags);
}

int sys_map_update_elem(int fd, const void *key, const void *value,
			uint64_t flags)
{
	return elem_cmd(BPF_MAP_UPDATE_ELEM, fd, key, value, flags);
}

int sys_map_delete_elem(int fd, const void *key)
{
	return elem_cmd(BPF_MAP_DELETE_ELEM, fd, key, NULL, 0);
}

int sys_map_lookup_and_delete_elem(int fd, const void *key, void *value)
{
	return elem_cmd(BPF_MAP_LOOKUP_AND_DELETE_ELEM, fd, key, value, 0);
}

int sys_map_get_next_key(int fd, const void *key, void *next_key)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	attr.key = ptr(key);
	attr.next_key = ptr(next_key);
	return sys_bpf(BPF_MAP_GET_NEXT_KEY, &attr);
}

int sys_map_lookup_batch(int fd, void *in_batch, void *out_batch, void *keys,
			 void *values, uint32_t *count)
{
	union bpf_attr attr;
	int ret;

	memset(&attr, 0, sizeof(attr));
	attr.batch.map_fd = fd;
	attr.batch.in_batch = ptr(in_batch);
	attr.batch.out_batch = ptr(out_batch);
	attr.batch.keys = ptr(keys);
	attr.batch.values = ptr(values);
	attr.batch.count = *count;
	ret = sys_bpf(BPF_MAP_LOOKUP_BATCH, &attr);
	/* The kernel writes back how many it copied, on -ENOENT too. */
	*count = attr.batch.count;
	return ret;
}

int sys_obj_get_info_by_fd(int fd, void *info, uint32_t *info_len)
{
	union bpf_attr attr;
	int ret;

	memset(&attr, 0, sizeof(attr));
	attr.info.bpf_fd = fd;
	attr.info.info_len = *info_len;
	attr.info.info = ptr(info);
	ret = sys_bpf(BPF_OBJ_GET_INFO_BY_FD, &attr);
	if (ret == 0)
		*info_len = attr.info.info_len;
	return ret;
}

static int next_id(int cmd, uint32_t start, uint32_t *next)
{
	union bpf_attr attr;
	int ret;

	memset(&attr, 0, sizeof(attr));
	attr.start_id = start;
	ret = sys_bpf(cmd, &attr);
	if (ret == 0)
		*next = attr.next_id;
	return ret;
}

int sys_prog_get_next_id(uint32_t start, uint32_t *next)
{
	return next_id(BPF_PROG_GET_NEXT_ID, start, next);
}

int sys_map_get_next_id(uint32_t start, uint32_t *next)
{
	return next_id(BPF_MAP_GET_NEXT_ID, start, next);
}

int sys_btf_get_next_id(uint32_t start, uint32_t *next)
{
	return next_id(BPF_BTF_GET_NEXT_ID, start, next);
}

static int fd_by_id(int cmd, uint32_t id)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	if (cmd == BPF_PROG_GET_FD_BY_ID)
		attr.prog_id = id;
	else if (cmd == BPF_BTF_GET_FD_BY_ID)
		attr.btf_id = id;
	else
		attr.map_id = id;
	return sys_bpf(cmd, &attr);
}

int sys_prog_get_fd_by_id(uint32_t id)
{
	return fd_by_id(BPF_PROG_GET_FD_BY_ID, id);
}

int sys_map_get_fd_by_id(uint32_t id)
{
	return fd_by_id(BPF_MAP_GET_FD_BY_ID, id);
}

int sys_btf_get_fd_by_id(uint32_t id)
{
	return fd_by_id(BPF_BTF_GET_FD_BY_ID, id);
}

int sys_obj_pin(int fd, const char *path)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.bpf_fd = fd;
	attr.pathname = ptr(path);
	return sys_bpf(BPF_OBJ_PIN, &attr);
}

int sys_obj_get(const char *path)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.pathname = ptr(path);
	return sys_bpf(BPF_OBJ_GET, &attr);
}

int sys_map_freeze(int fd)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	return sys_bpf(BPF_MAP_FREEZE, &attr);
}

/* Linux 5.8: a readable fd of an iterator link; each open runs it anew. */
int sys_iter_create(int link_fd)
{
	union bpf_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.iter_create.link_fd = link_fd;
	return sys_bpf(BPF_ITER_CREATE, &attr);
}

int sys_socket(int domain, int type, int protocol)
{
	return CALL(__NR_socket, domain, type, protocol, 0, 0);
}

int sys_setsockopt(int fd, int level, int name, const void *val,
		   uint32_t len)
{
	return CALL(__NR_setsockopt, fd, level, name, (long)val, len);
}

ssize_t sys_sendto(int fd, const void *buf, size_t len, const void *addr,
		   uint32_t addr_len)
{
	return CALL6(__NR_sendto, fd, buf, len, 0, addr, addr_len);
}

ssize_t sys_recv(int fd, void *buf, size_t len)
{
	return CALL6(__NR_recvfrom, fd, buf, len, 0, NULL, NULL);
}

int sys_prog_test_run(int prog_fd, const void *ctx, uint32_t ctx_len,
		      const void *data, uint32_t data_len, uint32_t *retval)
{
	union bpf_attr attr;
	int ret;

	memset(&attr, 0, sizeof(attr));
	attr.test.prog_fd = prog_fd;
	attr.test.ctx_in = ptr(ctx);
	attr.test.ctx_size_in = ctx_len;
	attr.test.data_in = ptr(data);
	attr.test.data_size_in = data_len;
	ret = sys_bpf(BPF_PROG_TEST_RUN, &attr);
	if (ret == 0 && retval)
		*retval = attr.test.retval;
	return ret;
}

void *sys_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)CALL6(__NR_mmap, addr, len, prot, flags, fd, off);
}

/* The kernel returns errors as the last 4095 addresses. */
int sys_mmap_failed(const void *addr)
{
	return (unsigned long)addr >= -4095UL;
}

int sys_munmap(void *addr, size_t len)
{
	return CALL(__NR_munmap, addr, len, 0, 0, 0);
}

/*
 * The static build's malloc (loader/static/heap.c) gets its memory here.
 * Straight to the kernel, like sys_write_out(): not through sys_call, so
 * that a fake kernel never owns the memory a program runs on, and not
 * narrated, because -v tells the loader's story, not malloc's.
 */
void *sys_mem_map(size_t len)
{
	return (void *)sys_call_real(__NR_mmap, 0, (long)len,
				     PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

int sys_mem_unmap(void *addr, size_t len)
{
	return sys_call_real(__NR_munmap, (long)addr, (long)len, 0, 0, 0, 0);
}

const char *sys_bpf_cmd_name(int cmd)
{
	static const char *const names[] = {
		[BPF_MAP_CREATE] = "BPF_MAP_CREATE",
		[BPF_MAP_LOOKUP_ELEM] = "BPF_MAP_LOOKUP_ELEM",
		[BPF_MAP_UPDATE_ELEM] = "BPF_MAP_UPDATE_ELEM",
		[BPF_MAP_DELETE_ELEM] = "BPF_MAP_DELETE_ELEM",
		[BPF_MAP_GET_NEXT_KEY] = "BPF_MAP_GET_NEXT_KEY",
		[BPF_PROG_LOAD] = "BPF_PROG_LOAD",
		[BPF_PROG_GET_NEXT_ID] = "BPF_PROG_GET_NEXT_ID",
		[BPF_MAP_GET_NEXT_ID] = "BPF_MAP_GET_NEXT_ID",
		[BPF_PROG_GET_FD_BY_ID] = "BPF_PROG_GET_FD_BY_ID",
		[BPF_MAP_GET_FD_BY_ID] = "BPF_MAP_GET_FD_BY_ID",
		[BPF_OBJ_GET_INFO_BY_FD] = "BPF_OBJ_GET_INFO_BY_FD",
		[BPF_MAP_LOOKUP_AND_DELETE_ELEM] = "BPF_MAP_LOOKUP_AND_DELETE_ELEM",
		[BPF_MAP_FREEZE] = "BPF_MAP_FREEZE",
		[BPF_MAP_LOOKUP_BATCH] = "BPF_MAP_LOOKUP_BATCH",
		[BPF_OBJ_PIN] = "BPF_OBJ_PIN",
		[BPF_OBJ_GET] = "BPF_OBJ_GET",
		[BPF_RAW_TRACEPOINT_OPEN] = "BPF_RAW_TRACEPOINT_OPEN",
		[BPF_LINK_CREATE] = "BPF_LINK_CREATE",
		[BPF_BTF_LOAD] = "BPF_BTF_LOAD",
		[BPF_PROG_TEST_RUN] = "BPF_PROG_TEST_RUN",
	};

	if (cmd < 0 || (size_t)cmd >= sizeof(names) / sizeof(names[0]) ||
	    !names[cmd])
		return "BPF_?";
	return names[cmd];
}
