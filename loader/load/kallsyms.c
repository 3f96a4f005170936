// SPDX-License-Identifier: GPL-2.0
/*
 * kallsyms.c - the address of a kernel symbol, from /proc/kallsyms.
 *
 * An untyped __ksym ("extern const void bpf_link_fops __ksym;") has no
 * BTF to go by: the program only wants its address, which the kernel
 * lists, one symbol a line, as "ffffffff81000000 T _stext" (a module's
 * symbols end in "\t[module]").  Root sees the real addresses; others
 * see zeros (kptr_restrict), which we refuse rather than hand over.
 * Without CONFIG_KALLSYMS_ALL only functions are listed, not variables.
 */
#include <errno.h>
#include <string.h>

#include "elf/base/num.h"
#include "loader/load/kallsyms.h"
#include "loader/sys/file.h"

/* The line at @off: its address and name; the offset of the next line. */
static uint64_t one_line(const struct bytes *t, uint64_t off, uint64_t *addr,
			 const char **name, size_t *name_len)
{
	const uint8_t *p = t->data + off, *end = t->data + t->len;
	const uint8_t *nl = memchr(p, '\n', end - p);
	unsigned d;

	if (!nl)
		nl = end;
	*addr = 0;
	*name = NULL;
	for (; p < nl && (d = num_digit_value(*p)) < 16; p++)
		*addr = *addr << 4 | d;
	/* " T name" */
	if (nl - p > 3 && p[0] == ' ' && p[2] == ' ') {
		*name = (const char *)p + 3;
		for (p += 3; p < nl && *p != '\t' && *p != ' '; p++)
			;
		*name_len = (const char *)p - *name;
	}
	return nl - t->data + 1;
}

int kallsyms_lookup(const struct bytes *text, const char *name,
		    uint64_t *addr)
{
	size_t want = strlen(name), len;
	uint64_t off = 0, a;
	const char *n;
	int found = 0;

	while (off < text->len) {
		off = one_line(text, off, &a, &n, &len);
		if (!n || len != want || memcmp(n, name, len))
			continue;
		if (found && a != *addr)
			return -ENOTUNIQ;
		*addr = a;
		found = 1;
	}
	return found ? 0 : -ENOENT;
}

int kallsyms_read(struct bytes *text, struct bb_err *err)
{
	uint8_t *data = NULL;
	size_t len = 0;
	int ret = file_read_all(KALLSYMS_PATH, &data, &len, err);

	if (ret)
		return ret;
	text->data = data;
	text->len = len;
	return 0;
}
