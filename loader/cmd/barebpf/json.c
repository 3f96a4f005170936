// SPDX-License-Identifier: GPL-2.0
/* json.c - just enough JSON for `barebpf inspect --json`. */
#include "loader/sys/out.h"
#include "loader/cmd/barebpf/cmd.h"

static void sep(struct json *j, const char *key)
{
	if (j->need_comma[j->depth])
		out_putc(j->f, ',');
	j->need_comma[j->depth] = 1;
	if (key) {
		out_putc(j->f, '"');
		out_puts(j->f, key);	/* our keys are plain words */
		out_puts(j->f, "\":");
	}
}

void json_begin(struct json *j, const char *key, char open)
{
	sep(j, key);
	out_putc(j->f, open);
	if (j->depth + 1 < (int)(sizeof(j->need_comma) / sizeof(int)))
		j->depth++;
	j->need_comma[j->depth] = 0;
}

void json_end(struct json *j, char close)
{
	out_putc(j->f, close);
	if (j->depth > 0)
		j->depth--;
	if (j->depth == 0)
		out_putc(j->f, '\n');
}

void json_str(struct json *j, const char *key, const char *v)
{
	const unsigned char *s = (const unsigned char *)(v ? v : "");

	sep(j, key);
	out_putc(j->f, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			out_printf(j->f, "\\%c", *s);
		else if (*s < 0x20 || *s >= 0x7f)
			out_printf(j->f, "\\u%04x", *s);
		else
			out_putc(j->f, *s);
	}
	out_putc(j->f, '"');
}

void json_u64(struct json *j, const char *key, uint64_t v)
{
	sep(j, key);
	out_printf(j->f, "%llu", (unsigned long long)v);
}

void json_i64(struct json *j, const char *key, int64_t v)
{
	sep(j, key);
	out_printf(j->f, "%lld", (long long)v);
}
