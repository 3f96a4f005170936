// SPDX-License-Identifier: GPL-2.0
/*
 * perf_attach.c - the syscalls behind perf-event attachment, against a
 * fake kernel: the ioctl path and the perf-link path issue what they
 * should, in order, and close what they should; the probe PMU's sysfs
 * files are read and turned into the right perf_event_attr; a kernel
 * without the kprobe PMU gives the plain error.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "loader/attach/perf_attach.h"
#include "loader/sys/sys.h"
#include "tests/tap.h"

#define PFD 50
#define PROG_FD 40
#define LINK_FD 60

static struct {
	char log[64][64];
	int n;
	int link_ret;		/* what BPF_LINK_CREATE answers */
	int set_bpf_ret;
	const char *files[2][2];	/* path, contents */
	const char *reading;	/* contents of the open file */
	size_t pos;
	struct perf_event_attr attr;	/* the last one opened */
} k;

static void record(const char *s, long a)
{
	if (k.n < 64)
		snprintf(k.log[k.n++], sizeof(k.log[0]), "%s %ld", s, a);
}

static long fake_open(const char *path)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (k.files[i][0] && !strcmp(path, k.files[i][0])) {
			k.reading = k.files[i][1];
			k.pos = 0;
			return 30;
		}
	}
	return -ENOENT;
}

static long fake_read(char *buf, size_t len)
{
	size_t n = strlen(k.reading) - k.pos;

	n = n < len ? n : len;
	memcpy(buf, k.reading + k.pos, n);
	k.pos += n;
	return n;
}

static long fake_bpf(long cmd, union bpf_attr *attr)
{
	if (cmd != BPF_LINK_CREATE)
		return -EINVAL;
	record("link_create target", attr->link_create.target_fd);
	record("link_create prog", attr->link_create.prog_fd);
	record("link_create type", attr->link_create.attach_type);
	return k.link_ret;
}

static long fake(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
	(void)a4, (void)a5, (void)a6;
	switch (nr) {
	case __NR_openat:
		return fake_open((const char *)a2);
	case __NR_fstat:
		memset((void *)a2, 0, sizeof(struct stat));
		((struct stat *)a2)->st_mode = S_IFREG;
		return 0;
	case __NR_read:
		return fake_read((char *)a2, a3);
	case __NR_close:
		record("close", a1);
		return 0;
	case __NR_ioctl:
		record(a2 == PERF_EVENT_IOC_SET_BPF ? "set_bpf" :
		       a2 == PERF_EVENT_IOC_ENABLE ? "enable" : "ioctl?", a1);
		return a2 == PERF_EVENT_IOC_SET_BPF ? k.set_bpf_ret : 0;
	case __NR_perf_event_open:
		k.attr = *(struct perf_event_attr *)a1;
		record("perf_event_open cpu", a3);
		return PFD;
	case __NR_bpf:
		return fake_bpf(a1, (union bpf_attr *)a2);
	}
	return -ENOSYS;
}

static const char *log_join(void)
{
	static char buf[1024];
	int i;

	buf[0] = '\0';
	for (i = 0; i < k.n; i++) {
		strcat(buf, k.log[i]);
		strcat(buf, i + 1 < k.n ? ", " : "");
	}
	return buf;
}

static void reset(void)
{
	memset(&k, 0, sizeof(k));
	k.link_ret = LINK_FD;
}

static int attach(bool link, struct bb_prog *p, struct bb_err *err)
{
	static struct sec_def def = { "kprobe/", BPF_PROG_TYPE_KPROBE, 0,
				      ATTACH_KPROBE, 0 };
	static struct prog_spec spec = { .name = "p", .section = "kprobe/f",
					 .def = &def };

	memset(p, 0, sizeof(*p));
	p->spec = &spec;
	p->fd = PROG_FD;
	p->attach_fd = -1;
	p->perf_link = link;
	return perf_attach(p, PFD, "kprobe", err);
}

static void paths(void)
{
	struct bb_err err = { 0 };
	struct bb_prog p;
	char want[256];

	reset();
	is_int(attach(false, &p, &err), 0, "ioctl path: attached");
	is_str(log_join(), "set_bpf 50",
	       "ioctl path: SET_BPF on the event (opened enabled), nothing closed");
	is_int(p.attach_fd, PFD, "ioctl path: the event fd is the handle");

	reset();
	is_int(attach(true, &p, &err), 0, "link path: attached");
	snprintf(want, sizeof(want),
		 "link_create target 50, link_create prog 40, link_create type %d, close 50",
		 BPF_PERF_EVENT);
	is_str(log_join(), want,
	       "link path: BPF_LINK_CREATE(BPF_PERF_EVENT), then the event fd is closed");
	is_int(p.attach_fd, LINK_FD, "link path: the link fd is the handle");

	reset();
	k.link_ret = -EINVAL;
	is_int(attach(true, &p, &err), -EINVAL, "link refused: the error comes back");
	like(err.msg, "5.15", "and suggests the kernel is too old for perf links");
	like(log_join(), "close 50", "and the event fd is closed");
	is_int(p.attach_fd, -1, "and nothing is attached");

	reset();
	k.set_bpf_ret = -EEXIST;
	is_int(attach(false, &p, &err), -EEXIST, "SET_BPF refused: the error comes back");
	like(err.msg, "PERF_EVENT_IOC_SET_BPF", "naming the ioctl");
	like(log_join(), "close 50", "and the event fd is closed");
	is_int(p.attach_fd, -1, "and nothing is attached");
}

static void uprobe_pmu(const char *retprobe_format)
{
	reset();
	k.files[0][0] = PMU_SYSFS "/uprobe/type";
	k.files[0][1] = "9\n";
	k.files[1][0] = PMU_SYSFS "/uprobe/format/retprobe";
	k.files[1][1] = retprobe_format;
}

static void pmus(void)
{
	struct bb_err err = { 0 };
	int fd;

	reset();
	fd = probe_event_open("kprobe", false, "do_unlinkat", 0, &err);
	is_int(fd, -ENOENT, "no kprobe PMU in sysfs: ENOENT");
	like(err.msg, "this kernel has no kprobes", "said plainly");

	uprobe_pmu("config:3\n");
	fd = probe_event_open("uprobe", true, "/bin/true", 0x1234, &err);
	is_int(fd, PFD, "uretprobe: opened");
	is_int(k.attr.type, 9, "type read from sysfs");
	is_int(k.attr.config, 1 << 3, "retprobe bit read from format/retprobe");
	is_str((const char *)(unsigned long)k.attr.config1, "/bin/true",
	       "config1 is the path");
	is_int(k.attr.config2, 0x1234, "config2 is the offset");
	like(log_join(), "perf_event_open cpu 0", "opened on cpu 0, for every process");

	uprobe_pmu("config:3\n");
	fd = probe_event_open("uprobe", false, "/bin/true", 0x10, &err);
	is_int(k.attr.config, 0, "a uprobe (not ret) leaves config 0");

	uprobe_pmu("config1:0\n");
	fd = probe_event_open("uprobe", true, "/bin/true", 0, &err);
	is_int(fd, -EINVAL, "a retprobe format that is not in config is refused");
	like(err.msg, "expected 'config:BIT'", "with the format we expect");
}

int main(void)
{
	sys_call = fake;
	paths();
	pmus();
	sys_call = sys_call_real;
	return done_testing();
}
