/* SPDX-License-Identifier: GPL-2.0 */
/*
 * usdt.h - USDT probes (user statically defined tracing): where they are
 * in an executable, and where their arguments are at run time.
 *
 * A program built with <sys/sdt.h> (systemtap-sdt-dev) marks each probe
 * site with a nop and describes it in an ELF note of section
 * .note.stapsdt (owner "stapsdt", type 3): the nop's address, the address
 * of .stapsdt.base when the note was written, the address of the probe's
 * semaphore (0: none), then three strings: provider, name, and where the
 * arguments are, in assembler spelling ("-4@%edi 8@-8(%rbp) 4@$5").
 *
 * A BPF program written against libbpf's usdt.bpf.h (ours:
 * kernel/bpf/usdt.bpf.h) reads those arguments from a "spec" the loader
 * writes into the map __bpf_usdt_specs; struct usdt_spec is that value,
 * byte for byte.  Pure: bytes in, plain structs out.
 */
#ifndef BAREBPF_USDT_H
#define BAREBPF_USDT_H

#include <stddef.h>
#include <stdint.h>

#include "elf/base/err.h"

/* Where an argument is (usdt.bpf.h's enum __bpf_usdt_arg_type). */
enum usdt_arg_type {
	USDT_ARG_CONST,		/* $N: val_off is the value */
	USDT_ARG_REG,		/* %reg: the register at reg_off in pt_regs */
	USDT_ARG_REG_DEREF,	/* OFF(%reg): user memory at reg + val_off */
};

/* usdt.bpf.h's struct __bpf_usdt_arg_spec: 16 bytes. */
struct usdt_arg_spec {
	uint64_t val_off;
	uint32_t arg_type;	/* enum usdt_arg_type */
	int16_t reg_off;	/* offsetof(struct pt_regs, reg) (x86-64) */
	uint8_t arg_signed;	/* "-4@...": sign-extend */
	int8_t arg_bitshift;	/* 64 - 8 * size: the bits to clear */
};

#define USDT_MAX_ARGS 12	/* usdt.bpf.h's BPF_USDT_MAX_ARG_CNT */

/* usdt.bpf.h's struct __bpf_usdt_spec: 208 bytes. */
struct usdt_spec {
	struct usdt_arg_spec args[USDT_MAX_ARGS];
	uint64_t usdt_cookie;
	int16_t arg_cnt;
	uint8_t pad[6];
};

/* One probe site: the uprobe goes at @offset of the file. */
struct usdt_site {
	uint64_t pc;		/* the nop's address, as the file links it */
	uint64_t offset;	/* its file offset */
	uint64_t sema_offset;	/* the semaphore's file offset; 0: none */
	struct usdt_spec spec;
};

/* More sites than this for one probe is surely a malformed file. */
#define USDT_MAX_SITES 4096

/*
 * Every site of probe @provider:@name in the executable or shared library
 * in @data, with its arguments parsed: a new array *@sites (caller frees)
 * of *@nr.  -ENOENT with a message if the file has no such probe; a
 * malformed note or argument is an error naming it.
 */
int usdt_sites_find(const void *data, size_t len, const char *provider,
		    const char *name, struct usdt_site **sites, uint32_t *nr,
		    struct bb_err *err);

/*
 * Parse the argument string @args ("-4@%edi 8@-8(%rbp) 4@$5") into
 * @spec's args and arg_cnt.  x86-64 spellings only: anything else is
 * -ENOTSUP naming the argument.
 */
int usdt_args_parse(const char *args, struct usdt_spec *spec,
		    struct bb_err *err);

/*
 * Split a USDT target "PATH:PROVIDER:NAME" at its last two ':'.  PATH may
 * be relative (to the working directory) or, without a '/', a program
 * found through $PATH, as libbpf allows; PROVIDER and NAME are symbol
 * names (symbol_name_check()).  Checked when the program is attached,
 * not when its object is parsed: a tool without USDT support (procmon)
 * does not carry it.
 */
int usdt_split(const char *target, char *path, size_t path_len,
	       char *provider, size_t provider_len, char *name,
	       size_t name_len, struct bb_err *err);

#endif
