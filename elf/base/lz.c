// SPDX-License-Identifier: GPL-2.0
/*
 * lz.c - unpack our LZ77 streams (the format is described in lz.h).
 *
 * This runs in every tool, on the BPF objects packed into it: it is what
 * the size budget pays for, so it is small (about 450 bytes of code with
 * -Oz).  The bytes are our own, but a damaged stream must still be an
 * error, never a read or a write out of bounds: next() checks every
 * single byte it reads against the end, a literal run is checked whole
 * before it is copied, and every length against the room left in the
 * output.  The message names the byte of the packed input where reading
 * stopped: "lz: byte 812: back-reference reaches before the start".
 */
#include <errno.h>
#include <string.h>

#include "elf/base/err.h"
#include "elf/base/lz.h"

/* Where we are in the packed bytes, and where they end. */
struct cursor {
	const uint8_t *p, *end;
};

/* The next byte, or -1 at the end: the one place single bytes are read. */
static int next(struct cursor *c)
{
	if (c->p >= c->end)
		return -1;
	return *c->p++;
}

/*
 * A count: the 4 bits from the token, in *@count, and when they are 15
 * the bytes that follow, each added, until one below 255.  -1 if the
 * input ends first.
 */
static int read_count(struct cursor *c, size_t *count)
{
	int b;

	if (*count < 15)
		return 0;
	do {
		b = next(c);
		if (b < 0)
			return -1;
		*count += b;
	} while (b == 255);
	return 0;
}

/* NULL once @out is full, or what is wrong where @c stopped. */
static const char *unpack(uint8_t *out, size_t out_len, struct cursor *c)
{
	size_t at = 0, n, off;
	int token, lo, hi;

	while (at < out_len) {
		token = next(c);
		if (token < 0)
			return "input ends too soon";
		n = token >> 4;
		if (read_count(c, &n))
			return "input ends too soon";
		if (n > out_len - at)
			return "literals run past the end of the output";
		if (n > (size_t)(c->end - c->p))
			return "input ends too soon";
		memcpy(out + at, c->p, n);
		at += n;
		c->p += n;
		if (at == out_len)
			break;
		lo = next(c);
		if (lo < 0)
			return "input ends too soon";
		off = lo;
		if (lo & 0x80) {	/* two bytes: 7 bits, then 8 above */
			hi = next(c);
			if (hi < 0)
				return "input ends too soon";
			off = (lo & 0x7f) | hi << 7;
		}
		if (!off)
			return "back-reference with offset 0";
		if (off > at)
			return "back-reference reaches before the start";
		n = token & 15;
		if (read_count(c, &n))
			return "input ends too soon";
		n += LZ_MIN_MATCH;
		if (n > out_len - at)
			return "back-reference runs past the end of the output";
		/* Byte by byte: the source may overlap what is written. */
		for (; n; n--, at++)
			out[at] = out[at - off];
	}
	return NULL;
}

int lz_unpack(uint8_t *out, size_t out_len, const uint8_t *in, size_t in_len,
	      struct bb_err *err)
{
	struct cursor c = { in, in + in_len };
	const char *why = unpack(out, out_len, &c);

	if (!why && c.p != c.end)
		why = "bytes left over after the end of the output";
	if (why)
		return bb_errf(err, -EINVAL, "lz: byte %zu: %s",
			       (size_t)(c.p - in), why);
	return 0;
}
