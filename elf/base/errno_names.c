// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "elf/base/fmt.h"

/* Linux's own ENOTSUPP (include/linux/errno.h), not in user space's
 * errno.h: BPF code returns it, and it leaks out of bpf(). */
#define ENOTSUPP 524

/*
 * Each errno once, with its text.  The list is expanded twice (an
 * "X macro"): into the numbers, and into one string holding, in the same
 * order, "NAME\0text\0" for each.  No pointers: a table of them would
 * cost more than the words themselves.
 */
#define ERRNOS(X) \
	X(EPERM, "Operation not permitted") \
	X(ENOENT, "No such file or directory") \
	X(ESRCH, "No such process") \
	X(EINTR, "Interrupted system call") \
	X(EIO, "Input/output error") \
	X(ENXIO, "No such device or address") \
	X(E2BIG, "Argument list too long") \
	X(ENOEXEC, "Exec format error") \
	X(EBADF, "Bad file descriptor") \
	X(EAGAIN, "Resource temporarily unavailable") \
	X(ENOMEM, "Cannot allocate memory") \
	X(EACCES, "Permission denied") \
	X(EFAULT, "Bad address") \
	X(EBUSY, "Device or resource busy") \
	X(EEXIST, "File exists") \
	X(EXDEV, "Invalid cross-device link") \
	X(ENODEV, "No such device") \
	X(ENOTDIR, "Not a directory") \
	X(EISDIR, "Is a directory") \
	X(EINVAL, "Invalid argument") \
	X(ENFILE, "Too many open files in system") \
	X(EMFILE, "Too many open files") \
	X(ENOTTY, "Inappropriate ioctl for device") \
	X(EFBIG, "File too large") \
	X(ENOSPC, "No space left on device") \
	X(EROFS, "Read-only file system") \
	X(EPIPE, "Broken pipe") \
	X(ERANGE, "Numerical result out of range") \
	X(ENAMETOOLONG, "File name too long") \
	X(ENOSYS, "Function not implemented") \
	X(ENOTEMPTY, "Directory not empty") \
	X(ELOOP, "Too many levels of symbolic links") \
	X(EOVERFLOW, "Value too large for defined data type") \
	X(EOPNOTSUPP, "Operation not supported") \
	X(ETIMEDOUT, "Connection timed out") \
	X(ENOTSUPP, "Not supported (the kernel's own ENOTSUPP)")

#define NUMBER(no, text) no,
#define WORDS(no, text) #no "\0" text "\0"

static const unsigned short numbers[] = { ERRNOS(NUMBER) };
static const char words[] = ERRNOS(WORDS);

/* "NAME\0text" of @err, or NULL. */
static const char *find(int err)
{
	const char *w = words;
	size_t i;

	if (err < 0)
		err = -err;
	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		if (numbers[i] == err)
			return w;
		w += strlen(w) + 1;	/* past the name */
		w += strlen(w) + 1;	/* past the text */
	}
	return NULL;
}

const char *errno_name(int err)
{
	return find(err);	/* the name ends at its NUL */
}

const char *errno_text(int err)
{
	static char unknown[32];
	const char *w = find(err);

	if (w)
		return w + strlen(w) + 1;
	fmt_snprintf(unknown, sizeof(unknown), "Unknown error %d",
		     err < 0 ? -err : err);
	return unknown;
}
