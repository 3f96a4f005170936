// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <linux/capability.h>

#include "elf/base/errno_names.h"
#include "loader/sys/file.h"
#include "loader/sys/sys.h"

static int grow(uint8_t **buf, size_t *cap, size_t need)
{
	size_t n = *cap ? *cap : 4096;
	uint8_t *p;

	while (n < need)
		n *= 2;
	if (n == *cap)
		return 0;
	p = realloc(*buf, n);
	if (!p)
		return -ENOMEM;
	*buf = p;
	*cap = n;
	return 0;
}

static int read_fd(int fd, uint64_t hint, uint8_t **out, size_t *len)
{
	size_t cap = 0, used = 0;
	uint8_t *buf = NULL;
	ssize_t n;
	int ret;

	do {
		ret = grow(&buf, &cap, used + (hint > used ? hint - used : 0) + 4097);
		if (ret)
			break;
		n = sys_read(fd, buf + used, cap - used - 1);
		if (n < 0)
			ret = n;
		else
			used += n;
		if (used > FILE_MAX_SIZE)
			ret = -EFBIG;
	} while (!ret && n > 0);
	if (ret) {
		free(buf);
		return ret;
	}
	buf[used] = '\0';
	*out = buf;
	*len = used;
	return 0;
}

/* What a file that is not a regular file is, in words; NULL if it is one. */
static const char *not_regular(unsigned int mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
		return NULL;
	case S_IFDIR:
		return "is a directory";
	case S_IFCHR:
		return "is a character device";
	case S_IFBLK:
		return "is a block device";
	case S_IFIFO:
		return "is a FIFO";
	case S_IFSOCK:
		return "is a socket";
	default:
		return "is not a regular file";
	}
}

/*
 * O_NONBLOCK: opening a FIFO with no writer would otherwise wait for one
 * for ever.  The type is checked before the first read: /dev/zero would
 * be read up to FILE_MAX_SIZE, /dev/urandom and a FIFO for ever.
 * (sysfs and tracefs files are regular files too.)
 */
int file_read_all(const char *path, uint8_t **out, size_t *len,
		  struct bb_err *err)
{
	const char *what = NULL;
	unsigned int mode = 0;
	uint64_t size = 0;
	int fd, ret;

	fd = sys_open(path, O_RDONLY | O_NONBLOCK, 0);
	if (fd < 0)
		return bb_errf(err, fd, "%s: %s", path, errno_text(-fd));
	ret = sys_fstat_size(fd, &size, &mode);
	if (!ret)
		what = not_regular(mode);
	if (what)
		ret = -EINVAL;
	if (!ret && size > FILE_MAX_SIZE)
		ret = -EFBIG;
	if (!ret)
		ret = read_fd(fd, size, out, len);
	sys_close(fd);
	if (what)
		return bb_errf(err, ret, "%s: %s, not a regular file", path, what);
	if (ret == -EFBIG)
		return bb_errf(err, ret, "%s: larger than %u MiB, refusing",
			       path, FILE_MAX_SIZE >> 20);
	if (ret)
		return bb_errf(err, ret, "%s: %s", path, errno_text(-ret));
	return 0;
}

int file_read_text(const char *path, char *buf, size_t size,
		   struct bb_err *err)
{
	size_t used = 0;
	ssize_t n = 1;
	int fd;

	fd = sys_open(path, O_RDONLY, 0);
	if (fd < 0)
		return bb_errf(err, fd, "%s: %s", path, errno_text(-fd));
	while (n > 0 && used + 1 < size && !(used && buf[used - 1] == '\n')) {
		n = sys_read(fd, buf + used, size - 1 - used);
		if (n > 0)
			used += n;
	}
	sys_close(fd);
	buf[used] = '\0';
	if (n < 0)
		return bb_errf(err, n, "%s: %s", path, errno_text(-n));
	if (n > 0 && buf[used - 1] != '\n')	/* filled before EOF */
		return bb_errf(err, -EFBIG, "%s: longer than %zu bytes",
			       path, size - 1);
	return 0;
}

/*
 * EPERM for a process that has CAP_BPF and CAP_PERFMON (root has them;
 * CAP_SYS_ADMIN stands for both before 5.8) is not about privileges:
 * telling root to "run as root" would send it the wrong way.
 */
static bool has_bpf_caps(void)
{
	if (sys_has_cap(CAP_SYS_ADMIN) == 1)
		return true;
	return sys_has_cap(CAP_BPF) == 1 && sys_has_cap(CAP_PERFMON) == 1;
}

const char *errno_hint(int err)
{
	switch (err) {
	case -EPERM:
		if (has_bpf_caps())
			return " (we have CAP_BPF and CAP_PERFMON: the kernel "
			       "refused it anyway, e.g. lockdown, an LSM, or "
			       "something this kernel does not support)";
		return " (run as root, or grant CAP_BPF and CAP_PERFMON; "
		       "on kernels before 5.11 also raise RLIMIT_MEMLOCK)";
	case -ENOSYS:
		return " (this kernel was built without CONFIG_BPF_SYSCALL)";
	default:
		return "";
	}
}
