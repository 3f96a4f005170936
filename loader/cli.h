/* SPDX-License-Identifier: GPL-2.0 */
/* cli.h - small things the command-line tools in loader/cmd/ share. */
#ifndef BAREBPF_CLI_H
#define BAREBPF_CLI_H

#include <stddef.h>

#include "../elf/err.h"

/* A whole non-negative decimal number: 0, or -1 if @s is not one. */
int cli_parse_num(const char *s, long *out);

/* @obj_name in the directory of our own binary (/proc/self/exe). */
int cli_obj_path(const char *obj_name, char *path, size_t len,
		 struct bb_err *err);

#endif
