// SPDX-License-Identifier: GPL-2.0
/*
 * lzpack IN OUT - pack the file IN into OUT with lz_pack() (elf/lz.h).
 *
 * A build tool, run by the Makefile on every BPF object a tool embeds,
 * and built with the build machine's compiler: it lives apart from the
 * sources the Makefile's wildcards find, so that it is neither library
 * code nor a tool.  It unpacks what it packed and compares, so that a
 * packer bug fails the build, not a tool.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/err.h"
#include "elf/base/lz.h"

static int fail(const char *what, const char *path)
{
	fprintf(stderr, "lzpack: %s %s\n", what, path);
	return 1;
}

static uint8_t *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL, *p;
	size_t cap = 0, n;

	if (!f)
		return NULL;
	*len = 0;
	do {
		if (*len == cap) {
			cap = cap ? 2 * cap : 65536;
			p = realloc(buf, cap);
			if (!p)
				break;
			buf = p;
		}
		n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
	} while (n);
	if (ferror(f) || *len == cap) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	uint8_t *in, *packed, *check;
	size_t len, packed_len;
	struct bb_err err = { .msg = "" };
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: lzpack IN OUT\n");
		return 2;
	}
	in = read_all(argv[1], &len);
	if (!in)
		return fail("cannot read", argv[1]);
	if (lz_pack(in, len, &packed, &packed_len))
		return fail("cannot pack", argv[1]);
	check = malloc(len + 1);
	if (!check || lz_unpack(check, len, packed, packed_len, &err) ||
	    memcmp(check, in, len)) {
		fprintf(stderr, "lzpack: %s does not unpack to itself: %s\n",
			argv[1], err.msg);
		return 1;
	}
	f = fopen(argv[2], "wb");
	if (!f || fwrite(packed, 1, packed_len, f) != packed_len ||
	    fclose(f)) {
		remove(argv[2]);
		return fail("cannot write", argv[2]);
	}
	free(check);
	free(packed);
	free(in);
	return 0;
}
