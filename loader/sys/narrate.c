// SPDX-License-Identifier: GPL-2.0
/*
 * narrate.c - the words behind --verbose.
 *
 * sys.c calls narrate_syscall() after every system call.  Here we decode
 * the arguments the kernel saw (for bpf(), the union bpf_attr of the
 * command) into one line.  Nothing here makes a system call: the lines go
 * out through stdio, whose write(2) is not one of ours.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>
#include <linux/netlink.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>

#include "elf/bpf_names.h"
#include "elf/bpf_uapi_new.h"
#include "elf/base/errno_names.h"
#include "loader/sys/narrate.h"
#include "loader/sys/out.h"
#include "loader/sys/sys.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

static struct out *narrate_out;
static struct timespec narrate_t0;

void narrate_start(struct out *out)
{
	narrate_out = out;
	clock_gettime(CLOCK_MONOTONIC, &narrate_t0);
}

/*
 * The public switch: lines to a plain fd, written at once (unbuffered,
 * like stderr), so that no line waits in a buffer if the program dies.
 */
static char verbose_buf[512];
static struct out verbose_out = {
	.sink = { .buf = verbose_buf, .size = sizeof(verbose_buf),
		  .flush = out_sink_flush },
	.fd = -1, .unbuffered = 1,
};

void bb_set_verbose(int fd)
{
	verbose_out.fd = fd;
	narrate_start(fd >= 0 ? &verbose_out : NULL);
}

int narrate_on(void)
{
	return narrate_out != NULL;
}

uint64_t narrate_elapsed_us(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)(now.tv_sec - narrate_t0.tv_sec) * 1000000 +
	       (now.tv_nsec - narrate_t0.tv_nsec) / 1000;
}

/* What the tool printed so far comes first, so the story stays in order. */
static void flush_stdout(void)
{
	if (narrate_out != out_stdout)
		out_flush(out_stdout);
}

void narrate_say(const char *fmt, ...)
{
	va_list ap;

	if (!narrate_out)
		return;
	flush_stdout();
	va_start(ap, fmt);
	out_vprintf(narrate_out, fmt, ap);
	va_end(ap);
	out_putc(narrate_out, '\n');
	out_flush(narrate_out);
}

/* A line being built: the call, then " -> result". */
struct line {
	char buf[512];
	size_t len;
};

static void add(struct line *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void add(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->len >= sizeof(l->buf))
		return;
	va_start(ap, fmt);
	n = fmt_vsnprintf(l->buf + l->len, sizeof(l->buf) - l->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->len += (size_t)n;
}

static void result(struct line *l, long ret, int is_fd)
{
	const char *name = errno_name(ret);

	if (ret < 0 && name)
		add(l, " -> -%s (%s)", name, errno_text(-ret));
	else if (ret < 0)
		add(l, " -> -%ld (%s)", -ret, errno_text(-ret));
	else
		add(l, is_fd ? " -> fd %ld" : " -> %ld", ret);
}

/* mmap returns an address, or -errno. */
static void result_ptr(struct line *l, long ret)
{
	if (ret < 0 && ret > -4096)
		result(l, ret, 0);
	else
		add(l, " -> %#lx", (unsigned long)ret);
}

static const char *or_number(const char *name, char *tmp, size_t len,
			     uint32_t v)
{
	if (name)
		return name;
	fmt_snprintf(tmp, len, "type %u", v);
	return tmp;
}

/* The bpf() commands whose result is a new file descriptor. */
static int bpf_cmd_makes_fd(int cmd)
{
	switch (cmd) {
	case BPF_MAP_CREATE:
	case BPF_PROG_LOAD:
	case BPF_OBJ_GET:
	case BPF_PROG_GET_FD_BY_ID:
	case BPF_MAP_GET_FD_BY_ID:
	case BPF_RAW_TRACEPOINT_OPEN:
	case BPF_BTF_LOAD:
	case BPF_BTF_GET_FD_BY_ID:
	case BPF_LINK_CREATE:
	case BPF_LINK_GET_FD_BY_ID:
	case BPF_ITER_CREATE:
		return 1;
	}
	return 0;
}

static void bpf_map_create(struct line *l, const union bpf_attr *a)
{
	char tmp[32];

	add(l, " %s \"%.*s\" key=%u value=%u max=%u",
	    or_number(bpf_map_type_name(a->map_type), tmp, sizeof(tmp),
		      a->map_type),
	    (int)sizeof(a->map_name), a->map_name, a->key_size, a->value_size,
	    a->max_entries);
	if (a->map_flags)
		add(l, " flags=%#x", a->map_flags);
	if (a->inner_map_fd)
		add(l, " inner_map_fd=%u", a->inner_map_fd);
	if (a->map_extra)
		add(l, " map_extra=%#llx", (unsigned long long)a->map_extra);
}

static void bpf_prog_load(struct line *l, const union bpf_attr *a)
{
	const char *license = (const char *)(unsigned long)a->license;
	char tmp[32];

	add(l, " %s \"%.*s\" insns=%u license=\"%s\"",
	    or_number(bpf_prog_type_name(a->prog_type), tmp, sizeof(tmp),
		      a->prog_type),
	    (int)sizeof(a->prog_name), a->prog_name, a->insn_cnt,
	    license ? license : "");
	if (a->expected_attach_type)
		add(l, " expected_attach_type=%u", a->expected_attach_type);
	/* tp_btf, fentry, fexit: the target, a type id in the kernel's BTF. */
	if (a->attach_btf_id)
		add(l, " attach_btf_id=%u", a->attach_btf_id);
	/* freplace: the id above is in the BTF of this program. */
	if (a->attach_prog_fd)
		add(l, " attach_prog_fd=%u", a->attach_prog_fd);
	if (a->prog_flags)
		add(l, " prog_flags=%#x", a->prog_flags);
	if (a->log_buf)
		add(l, " log=%u bytes level %u", a->log_size, a->log_level);
}

/* kprobe.multi and uprobe.multi: how many probes in the one link. */
static void link_create_multi(struct line *l, const union bpf_attr *a)
{
	const struct link_create_uprobe_multi *u = (const void *)a;

	if (a->link_create.attach_type == BPF_TRACE_KPROBE_MULTI)
		add(l, " kprobe_multi cnt=%u flags=%u",
		    a->link_create.kprobe_multi.cnt,
		    a->link_create.kprobe_multi.flags);
	if (a->link_create.attach_type == BB_TRACE_UPROBE_MULTI)
		add(l, " uprobe_multi \"%s\" cnt=%u flags=%u",
		    (const char *)(unsigned long)u->path, u->cnt, u->flags);
}

static void bpf_words(struct line *l, int cmd, const union bpf_attr *a)
{
	switch (cmd) {
	case BPF_MAP_CREATE:
		return bpf_map_create(l, a);
	case BPF_PROG_LOAD:
		return bpf_prog_load(l, a);
	case BPF_MAP_LOOKUP_ELEM:
	case BPF_MAP_UPDATE_ELEM:
	case BPF_MAP_DELETE_ELEM:
	case BPF_MAP_GET_NEXT_KEY:
	case BPF_MAP_LOOKUP_AND_DELETE_ELEM:
		add(l, " map fd %u", a->map_fd);
		if (cmd == BPF_MAP_GET_NEXT_KEY && !a->key)
			add(l, " (first key)");
		if (cmd == BPF_MAP_UPDATE_ELEM)
			add(l, " flags=%llu", (unsigned long long)a->flags);
		return;
	case BPF_OBJ_PIN:
	case BPF_OBJ_GET:
		add(l, " \"%s\"", (const char *)(unsigned long)a->pathname);
		if (cmd == BPF_OBJ_PIN)
			add(l, " fd %u", a->bpf_fd);
		return;
	case BPF_OBJ_GET_INFO_BY_FD:
		add(l, " fd %u len=%u", a->info.bpf_fd, a->info.info_len);
		return;
	case BPF_PROG_GET_NEXT_ID:
	case BPF_MAP_GET_NEXT_ID:
		add(l, " after id %u", a->start_id);
		return;
	case BPF_PROG_GET_FD_BY_ID:
	case BPF_MAP_GET_FD_BY_ID:
	case BPF_BTF_GET_FD_BY_ID:
		add(l, " id %u", a->prog_id);
		return;
	case BPF_MAP_FREEZE:
		add(l, " map fd %u", a->map_fd);
		return;
	case BPF_MAP_LOOKUP_BATCH:	/* count: what the kernel wrote back */
		add(l, " map fd %u%s count=%u", a->batch.map_fd,
		    a->batch.in_batch ? "" : " (from the start)", a->batch.count);
		return;
	case BPF_RAW_TRACEPOINT_OPEN:
		add(l, " \"%s\" prog fd %u",
		    a->raw_tracepoint.name ?
		    (const char *)(unsigned long)a->raw_tracepoint.name : "",
		    a->raw_tracepoint.prog_fd);
		return;
	case BPF_ITER_CREATE:
		add(l, " link fd %u", a->iter_create.link_fd);
		return;
	case BPF_LINK_CREATE:
		add(l, " prog fd %u target fd/ifindex %u attach_type %u",
		    a->link_create.prog_fd, a->link_create.target_fd,
		    a->link_create.attach_type);
		return link_create_multi(l, a);
	case BPF_PROG_ATTACH:
	case BPF_PROG_DETACH:
		add(l, " prog fd %u target fd %u attach_type %u",
		    a->attach_bpf_fd, a->target_fd, a->attach_type);
		return;
	case BPF_BTF_LOAD:
		add(l, " %u bytes of BTF", a->btf_size);
		return;
	case BPF_PROG_TEST_RUN:	/* retval: what the program returned */
		add(l, " prog fd %u ctx=%u bytes retval=%u", a->test.prog_fd,
		    a->test.ctx_size_in, a->test.retval);
		return;
	}
}

static void narrate_bpf(struct line *l, const long *args, long ret)
{
	const union bpf_attr *a = (const union bpf_attr *)args[1];
	int cmd = (int)args[0];
	const char *name = bpf_cmd_name(cmd);

	if (name)
		add(l, "bpf(%s)", name);
	else
		add(l, "bpf(cmd %d)", cmd);
	bpf_words(l, cmd, a);
	result(l, ret, ret >= 0 && bpf_cmd_makes_fd(cmd));
	if (ret == 0 && (cmd == BPF_PROG_GET_NEXT_ID ||
			 cmd == BPF_MAP_GET_NEXT_ID))
		add(l, " (id %u)", a->next_id);
}

static void narrate_perf_event_open(struct line *l, const long *args,
				    long ret)
{
	const struct perf_event_attr *a = (const void *)args[0];

	if (a->type == PERF_TYPE_TRACEPOINT)
		add(l, "perf_event_open(tracepoint id %llu",
		    (unsigned long long)a->config);
	else
		add(l, "perf_event_open(type %u config %llu", a->type,
		    (unsigned long long)a->config);
	if (a->freq)	/* a sampling event (perf_event programs) */
		add(l, " %llu Hz", (unsigned long long)a->sample_freq);
	add(l, ", pid %ld, cpu %ld%s)", args[1], args[2],
	    args[4] & PERF_FLAG_FD_CLOEXEC ? ", FD_CLOEXEC" : "");
	result(l, ret, 1);
}

static const char *ioctl_name(unsigned long req)
{
	switch (req) {
	case PERF_EVENT_IOC_SET_BPF: return "PERF_EVENT_IOC_SET_BPF";
	case PERF_EVENT_IOC_ENABLE: return "PERF_EVENT_IOC_ENABLE";
	case PERF_EVENT_IOC_DISABLE: return "PERF_EVENT_IOC_DISABLE";
	}
	return NULL;
}

static void narrate_ioctl(struct line *l, const long *args, long ret)
{
	const char *name = ioctl_name((unsigned long)args[1]);

	if (name)
		add(l, "ioctl(fd %ld, %s, %ld)", args[0], name, args[2]);
	else
		add(l, "ioctl(fd %ld, %#lx, %#lx)", args[0], args[1], args[2]);
	result(l, ret, 0);
}

/*
 * What a sendto/recvfrom buffer says: rtnetlink's messages, in words
 * that loader/sys/netlink.c sets when it opens its socket (so that only
 * the tools that talk netlink carry them).
 */
narrate_buf_fn narrate_buf_words;

static void narrate_sendrecv(struct line *l, long nr, const long *args,
			     long ret)
{
	long n = nr == __NR_sendto ? args[2] : ret;
	char words[96] = "";

	if (narrate_buf_words && n > 0)
		narrate_buf_words(words, sizeof(words), (const void *)args[1], n);
	add(l, "%s(fd %ld, %s%ld bytes%s)",
	    nr == __NR_sendto ? "sendto" : "recvfrom", args[0],
	    nr == __NR_sendto ? "" : "up to ", args[2], words);
	result(l, ret, 0);
}

/*
 * sysfs hands out a binary file like /sys/kernel/btf/vmlinux one page per
 * read(2): thousands of identical reads.  We say the first and count the
 * rest, saying how many when the next different call comes.
 */
static struct {
	long fd, ret;
	unsigned long n;
} repeat = { .fd = -1 };

static int repeated_read(long nr, const long *args, long ret)
{
	if (nr == __NR_read && ret > 0 && args[0] == repeat.fd &&
	    ret == repeat.ret) {
		repeat.n++;
		return 1;
	}
	if (repeat.n)
		out_printf(narrate_out, "  ... and %lu more reads like it\n",
			   repeat.n);
	repeat.fd = nr == __NR_read && ret > 0 ? args[0] : -1;
	repeat.ret = ret;
	repeat.n = 0;
	return 0;
}

void narrate_syscall(long nr, const long *args, long ret)
{
	/*
	 * Not "= { 0 }": that clears all 520 bytes on every system call,
	 * narrated or not (a map walk makes two a key).
	 */
	struct line l;

	if (!narrate_out || repeated_read(nr, args, ret))
		return;
	l.len = 0;
	l.buf[0] = '\0';
	flush_stdout();
	switch (nr) {
	case __NR_bpf:
		narrate_bpf(&l, args, ret);
		break;
	case __NR_perf_event_open:
		narrate_perf_event_open(&l, args, ret);
		break;
	case __NR_ioctl:
		narrate_ioctl(&l, args, ret);
		break;
	case __NR_openat:
		add(&l, "openat(\"%s\"%s)", (const char *)args[1],
		    args[2] & O_DIRECTORY ? ", directory" : "");
		result(&l, ret, 1);
		break;
	case __NR_read:
		add(&l, "read(fd %ld, up to %ld bytes)", args[0], args[2]);
		result(&l, ret, 0);
		break;
	case __NR_close:
		add(&l, "close(fd %ld)", args[0]);
		result(&l, ret, 0);
		break;
	case __NR_ppoll:
		add(&l, "ppoll(%ld fds, no wait)", args[1]);
		result(&l, ret, 0);
		break;
	case __NR_fstat:
		add(&l, "fstat(fd %ld)", args[0]);
		result(&l, ret, 0);
		break;
	case __NR_mmap:
		add(&l, "mmap(%ld bytes, fd %ld, offset %ld)", args[1],
		    args[4], args[5]);
		result_ptr(&l, ret);
		break;
	case __NR_munmap:
		add(&l, "munmap(%ld bytes)", args[1]);
		result(&l, ret, 0);
		break;
	case __NR_epoll_create1:
		add(&l, "epoll_create1()");
		result(&l, ret, 1);
		break;
	case __NR_epoll_ctl:
		add(&l, "epoll_ctl(epoll fd %ld, op %ld, fd %ld)", args[0],
		    args[1], args[2]);
		result(&l, ret, 0);
		break;
	case __NR_epoll_pwait:
	case __NR_epoll_wait:
		add(&l, "epoll_wait(epoll fd %ld, %ld ms)", args[0], args[3]);
		result(&l, ret, 0);
		break;
	case __NR_sendto:
	case __NR_recvfrom:
		narrate_sendrecv(&l, nr, args, ret);
		break;
	case __NR_socket:
		add(&l, "socket(domain %ld, type %ld)", args[0], args[1]);
		result(&l, ret, 1);
		break;
	case __NR_setsockopt:
		add(&l, "setsockopt(fd %ld, level %ld, %s)", args[0], args[1],
		    args[1] == SOL_SOCKET && args[2] == SO_ATTACH_BPF ?
		    "SO_ATTACH_BPF" : args[1] == SOL_NETLINK &&
		    args[2] == NETLINK_EXT_ACK ? "NETLINK_EXT_ACK" : "option");
		if (args[2] == SO_ATTACH_BPF)
			add(&l, " prog fd %d", *(const int *)args[3]);
		result(&l, ret, 0);
		break;
	case __NR_readlinkat:
		add(&l, "readlink(\"%s\")", (const char *)args[1]);
		result(&l, ret, 0);
		break;
	case __NR_statfs:	/* is it a bpffs? (loader/pin/pin.c) */
		add(&l, "statfs(\"%s\")", (const char *)args[0]);
		result(&l, ret, 0);
		break;
	case __NR_rt_sigprocmask:
		add(&l, "rt_sigprocmask(%s)",
		    args[0] == SIG_BLOCK ? "SIG_BLOCK" : "how?");
		result(&l, ret, 0);
		break;
	case __NR_rt_sigtimedwait:
		add(&l, "rt_sigtimedwait(SIGINT/SIGTERM, %ld ms)",
		    ((const struct timespec *)args[2])->tv_sec * 1000 +
			    ((const struct timespec *)args[2])->tv_nsec / 1000000);
		if (ret == -EAGAIN)
			add(&l, " -> timeout");
		else
			result(&l, ret, 0);
		break;
	default:
		add(&l, "syscall %ld(%#lx, %#lx, %#lx)", nr, args[0], args[1],
		    args[2]);
		result(&l, ret, 0);
		break;
	}
	out_printf(narrate_out, "%s\n", l.buf);
	out_flush(narrate_out);
}
