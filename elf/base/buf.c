// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <string.h>

#include "elf/base/buf.h"

const void *buf_slice(const struct bytes *b, uint64_t off, uint64_t len)
{
	/* Written so that no addition can wrap: off <= len(b), len <= rest. */
	if (off > b->len || len > b->len - off)
		return NULL;
	return b->data + off;
}

int buf_read(const struct bytes *b, uint64_t off, void *out, size_t len)
{
	const void *p = buf_slice(b, off, len);

	if (!p)
		return -EINVAL;
	memcpy(out, p, len);
	return 0;
}

const char *buf_str(const struct bytes *b, uint64_t off)
{
	const char *s = buf_slice(b, off, 0);

	if (!s || off >= b->len)
		return NULL;
	if (!memchr(s, '\0', b->len - off))
		return NULL;
	return s;
}
