// SPDX-License-Identifier: GPL-2.0
/*
 * cpus.c - read the kernel's CPU lists ("0-3,5") from sysfs.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "loader/sys/cpus.h"
#include "loader/sys/file.h"

/* One decimal number; advances *@s.  -1 if there is none or it is huge. */
static long parse_cpu(const char **s)
{
	long v = 0;

	if (**s < '0' || **s > '9')
		return -1;
	while (**s >= '0' && **s <= '9') {
		v = v * 10 + (**s - '0');
		if (v >= CPUS_MAX)
			return -1;
		(*s)++;
	}
	return v;
}

int cpus_parse(const char *text, uint32_t *cpus, uint32_t max, uint32_t *nr,
	       struct bb_err *err)
{
	const char *s = text;
	int tl = strcspn(text, "\n");	/* for messages */
	long lo, hi, c, last = -1;
	uint32_t n = 0;

	while (*s && *s != '\n') {
		lo = parse_cpu(&s);
		hi = lo;
		if (*s == '-') {
			s++;
			hi = parse_cpu(&s);
		}
		if (lo < 0 || hi < lo || lo <= last || (*s && *s != ',' &&
							*s != '\n'))
			return bb_errf(err, -EINVAL, "bad CPU list '%.*s'", tl,
				       text);
		for (c = lo; c <= hi; c++) {
			if (n >= max)
				return bb_errf(err, -EINVAL,
					       "CPU list '%.*s': more than %u CPUs",
					       tl, text, max);
			cpus[n++] = c;
		}
		last = hi;
		if (*s == ',')
			s++;
	}
	if (n == 0)
		return bb_errf(err, -EINVAL, "empty CPU list '%.*s'", tl,
			       text);
	*nr = n;
	return 0;
}

int cpus_read(const char *path, uint32_t **cpus, uint32_t *nr,
	      struct bb_err *err)
{
	uint8_t *text;
	size_t len;
	int ret;

	ret = file_read_all(path, &text, &len, err);
	if (ret)
		return ret;
	*cpus = calloc(CPUS_MAX, sizeof(**cpus));
	if (!*cpus)
		ret = bb_errf(err, -ENOMEM, "out of memory");
	else
		ret = cpus_parse((char *)text, *cpus, CPUS_MAX, nr, err);
	if (ret) {
		bb_err_prefix(err, ret, "%s", path);
		free(*cpus);
		*cpus = NULL;
	}
	free(text);
	return ret;
}

int cpus_possible_count(uint32_t *count, struct bb_err *err)
{
	uint32_t *cpus, nr;
	int ret;

	ret = cpus_read(CPUS_POSSIBLE_PATH, &cpus, &nr, err);
	if (ret)
		return ret;
	*count = cpus[nr - 1] + 1;
	free(cpus);
	return 0;
}
