/* SPDX-License-Identifier: GPL-2.0 */
/*
 * buf.h - the one place where bytes of an input file are touched.
 *
 * Every read from a file goes through buf_slice(), which checks that
 * [off, off + len) lies inside the buffer without overflowing.  The other
 * helpers are built on it.
 */
#ifndef BAREBPF_BUF_H
#define BAREBPF_BUF_H

#include <stddef.h>
#include <stdint.h>

struct bytes {
	const uint8_t *data;
	size_t len;
};

/* Pointer to @len bytes at @off, or NULL if they are not all inside @b. */
const void *buf_slice(const struct bytes *b, uint64_t off, uint64_t len);

/* Copy @len bytes at @off into @out; -EINVAL if out of bounds. */
int buf_read(const struct bytes *b, uint64_t off, void *out, size_t len);

/*
 * The NUL-terminated string that starts at @off, or NULL if @off is out of
 * bounds or no NUL follows before the end of @b.
 */
const char *buf_str(const struct bytes *b, uint64_t off);

#endif
