// SPDX-License-Identifier: GPL-2.0
/* json.c - just enough JSON for `barebpf inspect --json`. */
#include "barebpf.h"

static void sep(struct json *j, const char *key)
{
	if (j->need_comma[j->depth])
		fputc(',', j->f);
	j->need_comma[j->depth] = 1;
	if (key) {
		fputc('"', j->f);
		fputs(key, j->f);	/* our keys are plain words */
		fputs("\":", j->f);
	}
}

void json_begin(struct json *j, const char *key, char open)
{
	sep(j, key);
	fputc(open, j->f);
	if (j->depth + 1 < (int)(sizeof(j->need_comma) / sizeof(int)))
		j->depth++;
	j->need_comma[j->depth] = 0;
}

void json_end(struct json *j, char close)
{
	fputc(close, j->f);
	if (j->depth > 0)
		j->depth--;
	if (j->depth == 0)
		fputc('\n', j->f);
}

void json_str(struct json *j, const char *key, const char *v)
{
	const unsigned char *s = (const unsigned char *)(v ? v : "");

	sep(j, key);
	fputc('"', j->f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(j->f, "\\%c", *s);
		else if (*s < 0x20 || *s >= 0x7f)
			fprintf(j->f, "\\u%04x", *s);
		else
			fputc(*s, j->f);
	}
	fputc('"', j->f);
}

void json_u64(struct json *j, const char *key, uint64_t v)
{
	sep(j, key);
	fprintf(j->f, "%llu", (unsigned long long)v);
}

void json_i64(struct json *j, const char *key, int64_t v)
{
	sep(j, key);
	fprintf(j->f, "%lld", (long long)v);
}
