// SPDX-License-Identifier: GPL-2.0
/*
 * blk_start.c - the seed example, kernel/test/blk_start.bpf.c: a kprobe
 * on blk_mq_start_request reading struct request with BPF_CORE_READ.
 * It must load here (its CO-RE relocations resolved against this
 * kernel's struct request, none poisoned).  Where kprobes exist (the VM
 * tier), we read 4 KiB from the first disk with O_DIRECT, so that the
 * request goes to the device (or from a loop device over a file, when
 * there is no disk), and the program must have seen a request of 4096
 * bytes whose start time (also read through CO-RE) was set.  A kernel
 * with no block device at all (the VM tier's) cannot feed it: a
 * diagnostic says so, and only loading and attaching are checked.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/loop.h>
#include <stdlib.h>
#include <sys/ioctl.h>

#include "tests/kernel/attach.h"

static int expected(void)
{
	const char *v = getenv("BAREBPF_EXPECT_KPROBE");

	return v && !strcmp(v, "1");
}

/* Does /sys/block/@name say it has sectors? */
static int has_size(const char *name)
{
	char path[300], buf[32] = "";
	int fd, n;

	snprintf(path, sizeof(path), "/sys/block/%s/size", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	if (fd >= 0)
		close(fd);
	return n > 0 && atoll(buf) >= 8;
}

/* Read 4 KiB from the first disk that has any, bypassing the page cache. */
static int read_disk(char *dev, size_t len)
{
	struct dirent *d;
	void *buf = NULL;
	DIR *dir = opendir("/sys/block");
	int fd = -1, ret = -ENODEV;

	while (dir && (d = readdir(dir))) {
		/* ram and zram are not blk-mq; an unbound loop has no size. */
		if (d->d_name[0] == '.' || !strncmp(d->d_name, "ram", 3) ||
		    !strncmp(d->d_name, "zram", 4) || !has_size(d->d_name))
			continue;
		snprintf(dev, len, "/dev/%s", d->d_name);
		fd = open(dev, O_RDONLY | O_DIRECT);
		if (fd >= 0)
			break;
	}
	if (dir)
		closedir(dir);
	if (fd >= 0 && !posix_memalign(&buf, 4096, 4096))
		ret = pread(fd, buf, 4096, 0) == 4096 ? 0 : -errno;
	free(buf);
	if (fd >= 0)
		close(fd);
	return ret;
}

/*
 * No disk (the VM has none its kernel can drive): a loop device over a
 * file in /tmp; loop is a blk-mq driver too.  Returns the loop fd.
 */
static int loop_attach(void)
{
	int ctl = open("/dev/loop-control", O_RDWR | O_CLOEXEC);
	int n = ctl >= 0 ? ioctl(ctl, LOOP_CTL_GET_FREE) : -1;
	int file = open("/tmp/bb_blk_start.img", O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	int fd = -1;
	char dev[32];

	if (ctl >= 0)
		close(ctl);
	if (n < 0 || file < 0 || ftruncate(file, 1 << 20)) {
		diag("no loop device: /dev/loop-control %s", n < 0 ? "unusable" : "ok");
		goto out;
	}
	snprintf(dev, sizeof(dev), "/dev/loop%d", n);
	fd = open(dev, O_RDWR | O_CLOEXEC);
	if (fd >= 0 && ioctl(fd, LOOP_SET_FD, file)) {
		close(fd);
		fd = -1;
	}
out:
	if (file >= 0)
		close(file);
	unlink("/tmp/bb_blk_start.img");
	return fd;
}

static void fires(struct bb_object *o)
{
	char dev[300] = "";
	int loop = -1, ret = read_disk(dev, sizeof(dev));

	if (ret) {
		loop = loop_attach();
		ret = loop >= 0 ? read_disk(dev, sizeof(dev)) : ret;
	}
	/*
	 * With no disk and no loop device, the example can be loaded and
	 * attached, not fed.  The VM tier loads loop.ko for this test, and
	 * sets BAREBPF_EXPECT_KPROBE=1: there, that is a failure.
	 */
	if (ret == -ENODEV && loop < 0) {
		ok(!expected(), "no block device to read from, allowed here (BAREBPF_EXPECT_KPROBE is not 1)");
		return;
	}

	if (!ok(ret == 0, "read 4 KiB from %s with O_DIRECT", dev[0] ? dev : "a disk"))
		return;
	ok(attach_read(o, "hits", SLOT_ENTRY) >= 1, "blk_mq_start_request ran");
	is_int(attach_read(o, "seen", SLOT_ENTRY), 4096,
	       "BPF_CORE_READ(rq, __data_len) of the last request: 4096");
	ok(attach_read(o, "hits", SLOT_RETURN) >= 1,
	   "BPF_CORE_READ(rq, start_time_ns): set, and not in the future");
	if (loop >= 0) {
		ioctl(loop, LOOP_CLR_FD, 0);
		close(loop);
	}
}

int main(void)
{
	struct bb_object *o = NULL;
	struct bb_err err = { 0 };
	int ret;

	ret = attach_load("blk_start", &o, &err);
	if (!ok(ret == 0, "load blk_start.bpf.o (CO-RE on struct request)"))
		diag("%s", err.msg);
	if (ret)
		return done_testing();
	is_int(o->progs[0].nr_poisoned, 0, "every relocation found its field in this kernel");
	ret = bb_object_attach(o, &err);
	if (access(PMU_SYSFS "/kprobe/type", F_OK) == 0) {
		if (!ok(ret == 0, "attach the kprobe"))
			diag("%s", err.msg);
		else
			fires(o);
	} else {
		ok(!expected(), "no kprobe PMU, allowed here (BAREBPF_EXPECT_KPROBE is not 1)");
		like(err.msg, "this kernel has no kprobes", "attach says so: %s", err.msg);
	}
	bb_object_close(o);
	return done_testing();
}
