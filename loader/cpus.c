// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>

#include "cpus.h"
#include "file.h"

int cpus_parse(const char *text, uint32_t *nr)
{
	unsigned long v, max = 0;
	const char *p = text;
	char *end;
	int seen = 0;

	while (*p && *p != '\n') {
		v = strtoul(p, &end, 10);
		if (end == p || v >= 1u << 20)
			return -EINVAL;
		if (v > max)
			max = v;
		seen = 1;
		p = end;
		if (*p == '-' || *p == ',')
			p++;
	}
	if (!seen)
		return -EINVAL;
	*nr = max + 1;
	return 0;
}

int cpus_possible(uint32_t *nr, struct bb_err *err)
{
	uint8_t *text;
	size_t len;
	int ret = file_read_all(CPUS_POSSIBLE_PATH, &text, &len, err);

	if (ret)
		return ret;
	ret = cpus_parse((const char *)text, nr);
	free(text);
	if (ret)
		return bb_errf(err, ret, "%s: cannot read a CPU list", CPUS_POSSIBLE_PATH);
	return 0;
}
