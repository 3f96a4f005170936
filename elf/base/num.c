// SPDX-License-Identifier: GPL-2.0
#include <errno.h>

#include "elf/base/num.h"

int num_parse(const char *s, uint64_t max, uint64_t *out, const char **end)
{
	const char *p = s;
	uint64_t v = 0;
	unsigned d;

	for (; *p >= '0' && *p <= '9'; p++) {
		d = *p - '0';
		if (v > (max - d) / 10)		/* v * 10 + d > max */
			return -ERANGE;
		v = v * 10 + d;
	}
	if (p == s)
		return -EINVAL;
	*out = v;
	if (end)
		*end = p;
	return 0;
}

unsigned num_digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 16;
}

int num_parse_int(const char *s, int64_t min, uint64_t max, uint64_t *out)
{
	int neg = *s == '-';
	const char *p = s + neg, *q;
	unsigned base = 10;
	uint64_t v = 0, lim;
	unsigned d;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	/* Syntax first: "12ab" is not a number, whatever the range. */
	for (q = p; *q && num_digit_value(*q) < base; q++)
		;
	if (q == p || *q)
		return -EINVAL;
	/* The largest magnitude allowed: -(min) for a negative value. */
	lim = neg ? (min < 0 ? (uint64_t)-(min + 1) + 1 : 0) : max;
	for (; *p; p++) {
		d = num_digit_value(*p);
		if (d > lim || v > (lim - d) / base)	/* v * base + d > lim */
			return -ERANGE;
		v = v * base + d;
	}
	*out = neg ? -v : v;
	return 0;
}
