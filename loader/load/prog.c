// SPDX-License-Identifier: GPL-2.0
/*
 * prog.c - from planned relocations to a program fd.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "loader/sys/file.h"
#include "loader/load/prog.h"
#include "loader/sys/sys.h"

/* The verifier log starts at 64 KiB and may grow to 16 MiB. */
#define LOG_MIN (64u << 10)
#define LOG_MAX (16u << 20)

/*
 * ld_imm64 of a map (its fd) or of an address in its value (fd, off); in
 * an ARENA (6.9), of a byte of the arena, where .addr_space.1 starts at
 * arena_off (0 in other maps).
 */
static int apply_map(struct bpf_insn *insns, const struct reloc_spec *r,
		     const struct bb_map *maps, uint32_t nr_maps,
		     struct bb_err *err)
{
	if (r->map >= nr_maps || maps[r->map].fd < 0)
		return bb_errf(err, -EINVAL,
			       "relocation of instruction %u: map %u was not created",
			       r->insn, r->map);
	/* ld_imm64 spans two slots: fd in the first imm, offset in the 2nd. */
	insns[r->insn].src_reg = r->kind == RELOC_MAP_FD ?
				 BPF_PSEUDO_MAP_FD : BPF_PSEUDO_MAP_VALUE;
	insns[r->insn].imm = maps[r->map].fd;
	insns[r->insn + 1].imm = r->kind == RELOC_MAP_FD ? 0 :
				 r->off + maps[r->map].arena_off;
	return 0;
}

static int apply(struct bpf_insn *insns, uint32_t nr_insns,
		 const struct reloc_spec *r, const struct bb_map *maps,
		 uint32_t nr_maps, struct bb_err *err)
{
	uint32_t end = r->kind == RELOC_CALL ? r->insn : r->insn + 1;

	if (end >= nr_insns)
		return bb_errf(err, -EINVAL,
			       "relocation of instruction %u: past the end (%u)",
			       r->insn, nr_insns);
	switch (r->kind) {
	case RELOC_MAP_FD:
	case RELOC_MAP_VALUE:
		return apply_map(insns, r, maps, nr_maps, err);
	case RELOC_CALL:
		if (r->target >= nr_insns)
			return bb_errf(err, -EINVAL,
				       "relocation of instruction %u: call to %u, past the end (%u)",
				       r->insn, r->target, nr_insns);
		/* Relative to the next instruction, like a jump. */
		insns[r->insn].src_reg = BPF_PSEUDO_CALL;
		insns[r->insn].imm = (int32_t)(r->target - r->insn - 1);
		return 0;
	case RELOC_KSYM_CALL:
	case RELOC_KSYM_LD:
		return 0;	/* once the kernel is asked (ksym.c) */
	}
	return bb_errf(err, -EINVAL, "relocation of instruction %u: kind %d",
		       r->insn, r->kind);
}

int prog_relocate(struct bb_prog *prog, const struct bb_map *maps,
		  uint32_t nr_maps, struct bb_err *err)
{
	const struct prog_spec *s = prog->spec;
	size_t size = s->nr_insns * sizeof(struct bpf_insn);
	uint32_t i;
	int ret;

	free(prog->insns);
	prog->insns = malloc(size);
	if (!prog->insns)
		return bb_errf(err, -ENOMEM, "out of memory");
	memcpy(prog->insns, s->insns, size);
	for (i = 0; i < s->nr_relocs; i++) {
		ret = apply(prog->insns, s->nr_insns, &s->relocs[i], maps,
			    nr_maps, err);
		if (ret)
			return bb_err_prefix(err, ret, "program '%s'", s->name);
	}
	return 0;
}

static int load(const struct bb_prog *prog, const char *license,
		uint32_t kern_version, int btf_fd, char *log, uint32_t log_size)
{
	const struct prog_spec *s = prog->spec;
	struct prog_load_args a = {
		.type = prog->spec->def->prog_type,
		/* A struct_ops program names its member (Linux 5.6). */
		.expected_attach_type = s->def->prog_type == BPF_PROG_TYPE_STRUCT_OPS ?
					prog->st_member : s->def->expected_attach_type,
		.prog_flags = prog->spec->def->prog_flags,
		.insns = prog->insns,
		.nr_insns = prog->spec->nr_insns,
		.license = license,
		.kern_version = kern_version,
		.name = prog->spec->name,
		.log_buf = log,
		.log_size = log_size,
		.log_level = log ? 1 : 0,
		.attach_btf_id = prog->attach_btf_id,
		.attach_prog_fd = prog->spec->def->prog_type == BPF_PROG_TYPE_EXT &&
				  prog->has_attach_target ? prog->attach_target : 0,
		.prog_btf_fd = btf_fd >= 0 ? btf_fd : 0,
		.func_info = s->func_info,
		.func_info_cnt = s->nr_func_info,
		.line_info = s->line_info,
		.line_info_cnt = s->nr_line_info,
		.fd_array = prog->obj && prog->obj->nr_ksym_fds ?
			    prog->obj->ksym_fds : NULL,
	};

	return sys_prog_load(&a);
}

/*
 * Load again, only to get the verifier's words.  The kernel answers ENOSPC
 * when the log did not fit (since 6.4 it also reports the size needed,
 * but older kernels don't: doubling works on all).
 */
static int verifier_log(const struct bb_prog *prog, const char *license,
			uint32_t kern_version, int btf_fd, char **out)
{
	uint32_t size;
	char *log = NULL;
	int fd = -ENOSPC;

	for (size = LOG_MIN; fd == -ENOSPC && size <= LOG_MAX; size *= 2) {
		free(log);
		log = calloc(1, size);
		if (!log)
			return -ENOMEM;
		fd = load(prog, license, kern_version, btf_fd, log, size);
	}
	if (fd >= 0) {
		/* Accepted this time: a log of success is no rejection. */
		sys_close(fd);
		free(log);
		log = NULL;
	}
	*out = log;
	return 0;
}

static int load_failed(const struct bb_prog *prog, const char *license,
		       uint32_t kern_version, int btf_fd, int ret,
		       struct bb_err *err)
{
	const struct prog_spec *s = prog->spec;
	char *log = NULL;

	/*
	 * Only EACCES and EINVAL can be the verifier's no.  EMFILE (a low
	 * fd limit), ENOMEM, E2BIG... come before or beside it: a second load
	 * for a log would print the log of a program it accepted.
	 */
	if (ret == -EACCES || ret == -EINVAL)
		verifier_log(prog, license, kern_version, btf_fd, &log);
	/* With the verifier's words, EACCES is its no, not a privilege. */
	bb_errf(err, ret,
		"bpf(BPF_PROG_LOAD) for program '%s' (section '%s'): %s%s%s",
		s->name, s->section, errno_text(-ret),
		log && *log ? "" : errno_hint(ret),
		log && *log ? "; the verifier rejected it (its log: bb_err_log())" : "");
	if (log && *log)
		bb_err_detail(err, log);
	else
		free(log);
	return ret;
}

int prog_load(struct bb_prog *prog, const char *license,
	      uint32_t kern_version, int btf_fd, struct bb_err *err)
{
	int fd = load(prog, license, kern_version, btf_fd, NULL, 0);

	if (fd < 0)
		return load_failed(prog, license, kern_version, btf_fd, fd, err);
	prog->fd = fd;
	return 0;
}
