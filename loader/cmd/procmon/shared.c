// SPDX-License-Identifier: GPL-2.0
/*
 * shared.c - what procmon's two modes both use, below both: the table
 * (procmon.c) and the event stream (events.c) look task_struct's layout
 * up in the kernel's BTF the same way, print ages and JSON strings the
 * same way, and read the same clock.
 */
#include <errno.h>
#include <time.h>

#include "elf/base/errno_names.h"
#include "elf/base/fmt.h"
#include "loader/barebpf.h"
#include "loader/load/kernel_btf.h"
#include "loader/sys/out.h"
#include "loader/cmd/procmon/procmon.h"

/* Look the offsets of task_struct members up in the kernel's own BTF. */
static int task_offsets_from_btf(const struct task_field *f, size_t n,
				 struct bb_err *err)
{
	struct kernel_btf kb;
	size_t i;
	int ret;

	ret = kernel_btf_open(&kb, err);
	if (ret)
		return ret;
	for (i = 0; !ret && i < n; i++)
		ret = kernel_btf_offsetof(&kb, "task_struct", f[i].member,
					  f[i].off, err);
	kernel_btf_free(&kb);
	return ret;
}

int set_config_map(struct bb_object *obj, const char *name,
		   const struct task_field *f, size_t n, const void *value,
		   struct bb_err *err)
{
	struct bb_map *map = bb_object_find_map(obj, name);
	uint32_t zero = 0;
	int ret;

	if (!map)
		return bb_errf(err, -ENOENT, "%s: no map '%s'", obj->path,
			       name);
	ret = task_offsets_from_btf(f, n, err);
	if (ret)
		return ret;
	ret = bb_map_update(map, &zero, value, BB_ANY);
	if (ret)
		return bb_errf(err, ret, "bpf(BPF_MAP_UPDATE_ELEM) %s: %s",
			       name, errno_text(-ret));
	return 0;
}

void format_age(char *buf, size_t len, uint64_t ns)
{
	uint64_t s = ns / 1000000000ull;

	if (s < 60)
		fmt_snprintf(buf, len, "%u.%us", (unsigned)s,
			     (unsigned)(ns / 100000000 % 10));
	else if (s < 3600)
		fmt_snprintf(buf, len, "%um%02us", (unsigned)(s / 60),
			     (unsigned)(s % 60));
	else
		fmt_snprintf(buf, len, "%uh%02um", (unsigned)(s / 3600),
			     (unsigned)(s / 60 % 60));
}

/* comm is at most 16 bytes, may hold anything a process chose. */
void json_str(const char *s, size_t max)
{
	size_t i;

	out_putc(out_stdout, '"');
	for (i = 0; i < max && s[i]; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\')
			out_printf(out_stdout, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			out_printf(out_stdout, "\\u%04x", c);
		else
			out_putc(out_stdout, c);
	}
	out_putc(out_stdout, '"');
}

uint64_t monotonic_ns(void)
{
	struct timespec ts;

	/* bpf_ktime_get_ns() is CLOCK_MONOTONIC too (vDSO: no syscall). */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}
