// SPDX-License-Identifier: GPL-2.0
/*
 * exec_symbols.c - elf/exec.c, the symbol -> file offset reader for
 * uprobes.  The oracle is the kernel's own mapping of the files we run:
 * /proc/self/maps says at which file offset each mapped page starts, so
 * a function's address in memory gives its offset in the file.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "elf/exec.h"
#include "tests/parser/objs.h"
#include "tests/tap.h"

__attribute__((noinline, used)) int bb_exec_test_func(int x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 1;
}

/* The file and offset that address @addr is mapped from. */
static int mapped_offset(const void *addr, char *path, size_t len,
			 uint64_t *off)
{
	unsigned long lo, hi, foff, a = (unsigned long)addr;
	char line[4096], file[4096];
	FILE *f = fopen("/proc/self/maps", "r");
	int found = -1;

	while (f && fgets(line, sizeof(line), f)) {
		file[0] = '\0';
		if (sscanf(line, "%lx-%lx %*s %lx %*s %*s %4095s", &lo, &hi,
			   &foff, file) < 3 || a < lo || a >= hi)
			continue;
		snprintf(path, len, "%s", file);
		*off = a - lo + foff;
		found = 0;
		break;
	}
	if (f)
		fclose(f);
	return found;
}

static void check_against_maps(const char *name, const void *addr,
			       const char *table)
{
	struct exec_symbol es;
	struct bb_err err = { 0 };
	char path[4096];
	uint64_t want = 0;
	uint8_t *data;
	size_t len;
	int ret;

	if (!ok(mapped_offset(addr, path, sizeof(path), &want) == 0 && path[0] == '/',
		"%s is mapped from a file", name))
		return;
	data = read_whole(path, &len);
	ret = exec_symbol_offset(data, len, name, &es, &err);
	if (!ok(ret == 0, "%s found in %s", name, path))
		diag("%s", err.msg);
	is_int(es.offset, want, "%s: offset 0x%llx matches the kernel's mapping",
	       name, (unsigned long long)want);
	is_str(es.table, table, "%s: read from %s", name, table);
	free(data);
}

/* uprobe.multi's walk over every function: 1 if an offset is past @len. */
static int pattern_past_end(const uint8_t *data, size_t len)
{
	struct bb_err err;
	uint64_t *offs;
	uint32_t nr, i;
	int bad = 0;

	if (exec_pattern_offsets(data, len, "*", &offs, &nr, &err))
		return 0;
	for (i = 0; i < nr; i++)
		bad |= offs[i] >= len;
	free(offs);
	return bad;
}

/* Cut or corrupt a real executable in many ways: errors, never crashes. */
static void mangle(const uint8_t *data, size_t len, const char *name)
{
	struct exec_symbol es;
	struct bb_err err;
	uint8_t *copy = malloc(len);
	size_t cut, i, bad = 0;
	unsigned seed = 7;

	for (cut = 0; cut < len; cut += cut < 4096 ? 1 : 4093) {
		if (exec_symbol_offset(data, cut, name, &es, &err) == 0 &&
		    es.offset + 1 > cut)
			bad++;
	}
	ok(bad == 0, "truncated copies: no offset past the end (%zu bad)", bad);
	for (i = 0; copy && i < 2000; i++) {
		memcpy(copy, data, len);
		seed = seed * 1103515245 + 12345;
		/* The headers and tables live in the first and last pages. */
		copy[(seed >> 8) % (len < 8192 ? len : 8192)] ^= 1 + (seed & 0x7f);
		seed = seed * 1103515245 + 12345;
		copy[len - 1 - (seed >> 8) % (len < 8192 ? len : 8192)] ^= 1 + (seed & 0x7f);
		if (exec_symbol_offset(copy, len, name, &es, &err) == 0 &&
		    es.offset >= len)
			bad++;
		bad += pattern_past_end(copy, len);
	}
	ok(bad == 0, "2000 corrupted copies: errors or in-file offsets only (one symbol, and every function)");
	free(copy);
}

int main(void)
{
	struct exec_symbol es;
	struct bb_err err = { 0 };
	struct obj_list objs;
	uint8_t *self, *bpf;
	size_t len, blen;
	int ret;

	check_against_maps("bb_exec_test_func", (void *)bb_exec_test_func, ".symtab");
	/* A libc function: Debian strips libc's .symtab, .dynsym remains. */
	check_against_maps("getpid", (void *)getpid, ".dynsym");

	self = read_whole("/proc/self/exe", &len);
	ret = exec_symbol_offset(self, len, "malloc", &es, &err);
	is_int(ret, -ENOENT, "an undefined symbol (malloc, imported) is not a place to probe");
	like(err.msg, "no function 'malloc'", "and the message names it");
	ret = exec_symbol_offset(self, len, "", &es, &err);
	is_int(ret, -ENOENT, "the empty name is never found");
	mangle(self, len, "bb_exec_test_func");

	objs_collect(&objs, 0, NULL);
	if (objs.n && (bpf = read_whole(objs.paths[0], &blen))) {
		ret = exec_symbol_offset(bpf, blen, "x", &es, &err);
		is_int(ret, -ENOTSUP, "a BPF object (ET_REL) is refused");
		like(err.msg, "neither ET_EXEC nor ET_DYN", "with a message saying why");
		free(bpf);
	} else {
		ok(0, "a BPF object to test with (run make first)");
	}
	objs_free(&objs);
	ret = exec_symbol_offset("\177ELF", 4, "x", &es, &err);
	is_int(ret, -EINVAL, "four bytes of magic: too short");
	free(self);
	return done_testing();
}
