// SPDX-License-Identifier: GPL-2.0
/*
 * btf_cmd.c - barebpf btf dump [--format c] [FILE]: a BTF as a C header.
 *
 * FILE is raw BTF (the kernel's /sys/kernel/btf/vmlinux, the default) or
 * a BPF object, whose .BTF section is read.  The output of the kernel's is
 * the vmlinux.h BPF programs include (bpftool btf dump ... format c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/elf.h"
#include "loader/load/kernel_btf.h"
#include "loader/sys/file.h"
#include "loader/sys/out.h"
#include "loader/cmd/barebpf/cmd.h"
#include "loader/cmd/barebpf/btf_c.h"

static void usage(struct out *f)
{
	out_printf(f,
		   "Usage: barebpf btf dump [--format c] [FILE]\n"
		   "\n"
		   "Print the types of a BTF as a C header, in an order C accepts\n"
		   "(forward declarations where types point at each other), each\n"
		   "struct laid out at the offsets BTF gives.  FILE is raw BTF or a\n"
		   "BPF object (its .BTF section); the default, %s,\n"
		   "gives the vmlinux.h that BPF programs include:\n"
		   "\n"
		   "  barebpf btf dump --format c > vmlinux.h\n"
		   "\n"
		   "  --format c   the only format (the default)\n",
		   KERNEL_BTF_PATH);
}

/* .BTF of an ELF object, copied to a 4-byte aligned buffer of its own. */
static int elf_btf(const char *path, uint8_t **data, size_t *len,
		   struct bb_err *err)
{
	struct elf_file ef;
	uint8_t *copy;
	int idx, ret;

	ret = elf_parse(&ef, *data, *len, err);
	if (ret)
		return bb_err_prefix(err, ret, "%s", path);
	idx = elf_find_section(&ef, ".BTF");
	if (idx < 0 || !ef.sections[idx].data) {
		elf_free(&ef);
		return bb_errf(err, -ENOENT, "%s: no .BTF section", path);
	}
	copy = malloc(ef.sections[idx].size ? ef.sections[idx].size : 1);

	if (copy) {
		memcpy(copy, ef.sections[idx].data, ef.sections[idx].size);
		free(*data);
		*data = copy;
		*len = ef.sections[idx].size;
	}
	elf_free(&ef);
	return copy ? 0 : bb_errf(err, -ENOMEM, "%s: out of memory", path);
}

static int dump_file(const char *path, struct bb_err *err)
{
	uint8_t *data = NULL;
	size_t len = 0;
	struct btf btf = { 0 };
	int ret;

	ret = file_read_all(path, &data, &len, err);
	if (!ret && len >= 4 && !memcmp(data, "\177ELF", 4))
		ret = elf_btf(path, &data, &len, err);
	if (!ret) {
		ret = btf_parse(&btf, data, len, err);
		if (ret)
			bb_err_prefix(err, ret, "%s", path);
	}
	if (!ret)
		ret = btf_dump_c(out_stdout, &btf, err);
	btf_free(&btf);
	free(data);
	return ret;
}

static int dump_kernel(struct bb_err *err)
{
	struct kernel_btf kb;
	int ret = kernel_btf_load(&kb, err);

	if (ret)
		return ret;	/* kernel_btf_load() freed what it had */
	ret = btf_dump_c(out_stdout, &kb.btf, err);
	kernel_btf_free(&kb);
	return ret;
}

int cmd_btf(int argc, char **argv)
{
	struct bb_err err = { 0 };
	const char *file = NULL;
	int i, ret;

	if (argc < 2 || strcmp(argv[1], "dump")) {
		usage(argc > 1 && !strcmp(argv[1], "--help") ? out_stdout : out_stderr);
		return argc > 1 && !strcmp(argv[1], "--help") ? 0 : 2;
	}
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(out_stdout);
			return 0;
		} else if (!strcmp(argv[i], "--format") && i + 1 < argc &&
			   !strcmp(argv[i + 1], "c")) {
			i++;
		} else if (argv[i][0] != '-' && !file) {
			file = argv[i];
		} else {
			usage(out_stderr);
			return 2;
		}
	}
	ret = file ? dump_file(file, &err) : dump_kernel(&err);
	if (!ret)
		ret = out_check(out_stdout, &err);
	if (ret) {
		bb_err_print(out_stderr, "barebpf btf dump", &err);
		return 1;
	}
	return 0;
}
