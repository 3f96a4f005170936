// SPDX-License-Identifier: GPL-2.0
/*
 * cli.c - helpers for the tools: their BPF object sits next to them in
 * build/, and their options are plain numbers.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "../elf/num.h"
#include "cli.h"
#include "sys.h"

int cli_parse_num(const char *s, long *out)
{
	const char *end;
	uint64_t v;

	if (num_parse(s, LONG_MAX, &v, &end) || *end)
		return -1;
	*out = (long)v;
	return 0;
}

int cli_obj_path(const char *obj_name, char *path, size_t len,
		 struct bb_err *err)
{
	ssize_t n = sys_readlink("/proc/self/exe", path, len - 1);
	char *slash;

	if (n < 0)
		return bb_errf(err, n, "/proc/self/exe: %s (use --obj PATH)",
			       strerror(-n));
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (!slash || (size_t)(slash - path) + 2 + strlen(obj_name) > len)
		return bb_errf(err, -ENAMETOOLONG, "path too long (use --obj)");
	strcpy(slash + 1, obj_name);
	return 0;
}
