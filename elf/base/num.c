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
