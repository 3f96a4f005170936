// SPDX-License-Identifier: GPL-2.0
/*
 * usdt_notes.c - elf/usdt.c and elf/usdt_args.c: a USDT probe's sites from
 * .note.stapsdt, and its argument strings.  The file read is this test
 * binary, which holds a probe (<sys/sdt.h>): the oracles are the nop
 * <sys/sdt.h> puts at each site, and the kernel's mapping of the
 * semaphore (/proc/self/maps).  Then hostile bytes: a truncated note, a
 * note running past its section, a bad argument string, cut and corrupted
 * copies: errors with a message, never a crash or an offset outside the
 * file.
 */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>

#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "elf/usdt.h"
#include "tests/parser/objs.h"
#include "tests/tap.h"

__attribute__((section(".probes"), used)) volatile unsigned short bbparse_two_semaphore;
static volatile int zero;

__attribute__((noinline, used)) int bb_usdt_parse_site(int x)
{
	STAP_PROBE2(bbparse, two, x, 5);
	return x + zero;
}

/* The file offset that address @addr is mapped from (/proc/self/maps). */
static int mapped_offset(const volatile void *addr, uint64_t *off)
{
	unsigned long lo, hi, foff, a = (unsigned long)addr;
	char line[4096];
	FILE *f = fopen("/proc/self/maps", "r");
	int found = -1;

	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %*s %lx", &lo, &hi, &foff) != 3 ||
		    a < lo || a >= hi)
			continue;
		*off = a - lo + foff;
		found = 0;
		break;
	}
	if (f)
		fclose(f);
	return found;
}

static void real_sites(const uint8_t *self, size_t len)
{
	struct usdt_site *sites = NULL;
	struct bb_err err = { 0 };
	uint64_t sema = 0;
	uint32_t nr = 0;
	int ret;

	ret = usdt_sites_find(self, len, "bbparse", "two", &sites, &nr, &err);
	if (!ok(ret == 0 && nr == 1, "one site of bbparse:two in this binary"))
		diag("%s", err.msg);
	if (ret)
		return;
	ok(sites[0].offset < len && self[sites[0].offset] == 0x90,
	   "its file offset 0x%llx holds <sys/sdt.h>'s nop",
	   (unsigned long long)sites[0].offset);
	ret = mapped_offset(&bbparse_two_semaphore, &sema);
	ok(ret == 0 && sema && sites[0].sema_offset == sema,
	   "the semaphore's file offset 0x%llx is where the kernel maps it from",
	   (unsigned long long)sema);
	is_int(sites[0].spec.arg_cnt, 2, "two arguments");
	is_int(sites[0].spec.args[1].arg_type, USDT_ARG_CONST, "the second a constant");
	is_int(sites[0].spec.args[1].val_off, 5, "of 5");
	free(sites);
	ret = usdt_sites_find(self, len, "bbparse", "none", &sites, &nr, &err);
	is_int(ret, -ENOENT, "a probe the file lacks: -ENOENT");
	like(err.msg, "no USDT probe bbparse:none", "naming it");
}

/* The section header of .note.stapsdt in @data (it is ours: well formed). */
static Elf64_Shdr *note_shdr(uint8_t *data)
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)data;
	Elf64_Shdr *sh = (Elf64_Shdr *)(data + eh->e_shoff);
	const char *names = (const char *)data + sh[eh->e_shstrndx].sh_offset;
	int i;

	for (i = 0; i < eh->e_shnum; i++)
		if (!strcmp(names + sh[i].sh_name, ".note.stapsdt"))
			return &sh[i];
	return NULL;
}

/* Each damage to a copy of @self: the error and the message expected. */
static void hostile(const uint8_t *self, size_t len)
{
	uint8_t *copy = malloc(len);
	struct usdt_site *sites;
	struct bb_err err;
	Elf64_Shdr *sh;
	Elf64_Nhdr *nh;
	uint32_t nr;
	char *args;

	memcpy(copy, self, len);
	sh = note_shdr(copy);
	if (!ok(sh != NULL, "this binary has .note.stapsdt"))
		return;
	sh->sh_size = 10;
	is_int(usdt_sites_find(copy, len, "bbparse", "two", &sites, &nr, &err), -EINVAL,
	       "a note cut inside its header: -EINVAL");
	like(err.msg, "truncated header", "saying so (%s)", err.msg);

	memcpy(copy, self, len);
	sh = note_shdr(copy);
	nh = (Elf64_Nhdr *)(copy + sh->sh_offset);
	nh->n_descsz = 0xfffffff0;
	is_int(usdt_sites_find(copy, len, "bbparse", "two", &sites, &nr, &err), -EINVAL,
	       "a note longer than its section: -EINVAL");
	like(err.msg, "past the section's end", "saying so");

	memcpy(copy, self, len);
	sh = note_shdr(copy);
	nh = (Elf64_Nhdr *)(copy + sh->sh_offset);
	nh->n_descsz = 20;
	is_int(usdt_sites_find(copy, len, "bbparse", "two", &sites, &nr, &err), -EINVAL,
	       "a description too short for its three addresses: -EINVAL");

	memcpy(copy, self, len);
	sh = note_shdr(copy);
	args = memmem(copy + sh->sh_offset, sh->sh_size, "bbparse\0two", 11);
	if (args) {
		args += 12;
		args[0] = 'x';
		ok(usdt_sites_find(copy, len, "bbparse", "two", &sites, &nr, &err) < 0,
		   "a bad argument string is an error");
		like(err.msg, "argument #0", "naming the argument (%s)", err.msg);
		args[-1] = 'x';	/* "two" runs into the arguments: no probe "two" */
		memset(args, 'y', copy + sh->sh_offset + sh->sh_size - (uint8_t *)args);
		ok(usdt_sites_find(copy, len, "bbparse", "two", &sites, &nr, &err) < 0,
		   "strings without their NUL: an error");
	}
	free(copy);
}

/* Cut and corrupted copies: errors, or sites inside the file only. */
static void mangle(const uint8_t *self, size_t len)
{
	uint8_t *copy = malloc(len);
	struct usdt_site *sites;
	struct bb_err err;
	size_t cut, i, bad = 0;
	unsigned seed = 11;
	Elf64_Shdr *sh;
	uint64_t off;
	uint32_t nr, k;

	for (cut = 0; cut < len; cut += cut < 4096 ? 1 : 4093)
		if (usdt_sites_find(self, cut, "bbparse", "two", &sites, &nr, &err) == 0) {
			for (k = 0; k < nr; k++)
				bad += sites[k].offset >= cut;
			free(sites);
		}
	ok(bad == 0, "truncated copies: errors or in-file offsets (%zu bad)", bad);
	memcpy(copy, self, len);
	off = note_shdr(copy)->sh_offset;
	for (i = 0; i < 3000; i++) {
		memcpy(copy, self, len);
		sh = note_shdr(copy);
		seed = seed * 1103515245 + 12345;
		copy[off + (seed >> 8) % sh->sh_size] ^= 1 + (seed & 0x7f);
		seed = seed * 1103515245 + 12345;
		copy[(seed >> 8) % (len < 8192 ? len : 8192)] ^= 1 + (seed & 0x7f);
		err.msg[0] = '\0';
		if (usdt_sites_find(copy, len, "bbparse", "two", &sites, &nr, &err) == 0) {
			for (k = 0; k < nr; k++)
				bad += sites[k].offset >= len;
			free(sites);
		} else {
			bad += !err.msg[0];
		}
	}
	ok(bad == 0, "3000 corrupted copies: errors with a message, or in-file offsets");
	free(copy);
}

/* Argument strings: what each parses to, or its error. */
static void arg_strings(void)
{
	static const struct {
		const char *s;
		int ret;
		int16_t cnt;
		uint32_t type;	/* of the last argument */
		uint64_t val;
		int16_t reg;
		int8_t shift;
		uint8_t sign;
	} cases[] = {
		{ "", 0, 0, 0, 0, 0, 0, 0 },
		{ "-4@$-9", 0, 1, USDT_ARG_CONST, (uint64_t)-9, 0, 32, 1 },
		{ "8@%rax", 0, 1, USDT_ARG_REG, 0, 80, 0, 0 },
		{ "1@%sil", 0, 1, USDT_ARG_REG, 0, 104, 56, 0 },
		{ "-2@%r12w", 0, 1, USDT_ARG_REG, 0, 24, 48, 1 },
		{ "-4@-1204(%rbp)", 0, 1, USDT_ARG_REG_DEREF, (uint64_t)-1204, 32, 32, 1 },
		{ "8@(%rsp)", 0, 1, USDT_ARG_REG_DEREF, 0, 152, 0, 0 },
		{ "4@%edi  8@16(%r15) ", 0, 2, USDT_ARG_REG_DEREF, 16, 0, 0, 0 },
		{ "3@%rax", -EINVAL, 0, 0, 0, 0, 0, 0 },
		{ "4%rax", -EINVAL, 0, 0, 0, 0, 0, 0 },
		{ "@%rax", -EINVAL, 0, 0, 0, 0, 0, 0 },
		{ "4@$", -EINVAL, 0, 0, 0, 0, 0, 0 },
		{ "4@$x", -EINVAL, 0, 0, 0, 0, 0, 0 },
		{ "4@%xmm0", -ENOTSUP, 0, 0, 0, 0, 0, 0 },
		{ "4@%rax)", -ENOTSUP, 0, 0, 0, 0, 0, 0 },
		{ "4@8(%rax", -ENOTSUP, 0, 0, 0, 0, 0, 0 },
		{ "8@(%rax,%rbx,8)", -ENOTSUP, 0, 0, 0, 0, 0, 0 },
		{ "8@counter(%rip)", -ENOTSUP, 0, 0, 0, 0, 0, 0 },
		{ "4@[sp, 8]", -ENOTSUP, 0, 0, 0, 0, 0, 0 },
		{ "8@x0", -ENOTSUP, 0, 0, 0, 0, 0, 0 },
		{ "8@$99999999999999999999", -EINVAL, 0, 0, 0, 0, 0, 0 },
		{ "1@$1 1@$1 1@$1 1@$1 1@$1 1@$1 1@$1 1@$1 1@$1 1@$1 1@$1 1@$1 1@$1", -E2BIG, 0, 0, 0, 0, 0, 0 },
	};
	struct usdt_spec spec;
	struct bb_err err;
	const struct usdt_arg_spec *a;
	size_t i;
	int ret;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		err.msg[0] = '\0';
		ret = usdt_args_parse(cases[i].s, &spec, &err);
		if (cases[i].ret) {
			ok(ret == cases[i].ret && err.msg[0],
			   "'%s': %d with a message (%d: %s)", cases[i].s,
			   cases[i].ret, ret, err.msg);
			continue;
		}
		a = &spec.args[spec.arg_cnt ? spec.arg_cnt - 1 : 0];
		ok(ret == 0 && spec.arg_cnt == cases[i].cnt &&
		   (!spec.arg_cnt ||
		    (a->arg_type == cases[i].type && a->val_off == cases[i].val &&
		     a->reg_off == cases[i].reg && a->arg_bitshift == cases[i].shift &&
		     a->arg_signed == cases[i].sign)),
		   "'%s': %d argument(s), the last type %u val 0x%llx reg_off %d shift %d signed %u",
		   cases[i].s, cases[i].cnt, cases[i].type,
		   (unsigned long long)cases[i].val, cases[i].reg, cases[i].shift,
		   cases[i].sign);
	}
}

/* usdt_split(): PATH:PROVIDER:NAME at the last two colons. */
static void targets(void)
{
	char path[32], prov[16], name[16];
	struct bb_err err;

	is_int(usdt_split("/a:b/c:prov:name", path, sizeof(path), prov, sizeof(prov),
			  name, sizeof(name), &err), 0, "PATH:PROVIDER:NAME splits");
	ok(!strcmp(path, "/a:b/c") && !strcmp(prov, "prov") && !strcmp(name, "name"),
	   "at the last two colons ('%s' '%s' '%s')", path, prov, name);
	is_int(usdt_split("python3:python:function__entry", path, sizeof(path), prov,
			  sizeof(prov), name, sizeof(name), &err), 0,
	       "a bare program name is fine (looked up in $PATH when attached)");
	is_int(usdt_split("prov:name", path, sizeof(path), prov, sizeof(prov), name,
			  sizeof(name), &err), -EINVAL, "no path: -EINVAL");
	is_int(usdt_split(":prov:name", path, sizeof(path), prov, sizeof(prov), name,
			  sizeof(name), &err), -EINVAL, "an empty path: -EINVAL");
	is_int(usdt_split("/bin/x:pr/ov:name", path, sizeof(path), prov, sizeof(prov),
			  name, sizeof(name), &err), -EINVAL, "a provider that is no symbol name: -EINVAL");
	is_int(usdt_split("/bin/x:prov:", path, sizeof(path), prov, sizeof(prov), name,
			  sizeof(name), &err), -EINVAL, "an empty name: -EINVAL");
	is_int(usdt_split("/bin/x:prov:a_name_longer_than_16", path, sizeof(path), prov,
			  sizeof(prov), name, sizeof(name), &err), -ENAMETOOLONG,
	       "a name too long for its buffer: -ENAMETOOLONG");
}

int main(void)
{
	uint8_t *self;
	size_t len = 0;

	bb_usdt_parse_site(1);
	targets();
	arg_strings();
	self = read_whole("/proc/self/exe", &len);
	if (!ok(self != NULL, "read this test binary"))
		return done_testing();
	real_sites(self, len);
	hostile(self, len);
	mangle(self, len);
	free(self);
	return done_testing();
}
