// SPDX-License-Identifier: GPL-2.0
/*
 * prog_api.c - a program's public face (loader/barebpf.h): its fields,
 * and whether bb_object_load() loads it.
 */
#include <errno.h>

#include "loader/core/types.h"

int bb_prog_fd(const struct bb_prog *prog)
{
	return prog->fd;
}

const char *bb_prog_name(const struct bb_prog *prog)
{
	return prog->spec->name;
}

const char *bb_prog_section(const struct bb_prog *prog)
{
	return prog->spec->section;
}

/* bb_object_load() and bb_object_attach() skip a program that is off. */
int bb_prog_set_autoload(struct bb_prog *prog, bool autoload)
{
	if (prog->fd >= 0)
		return -EBUSY;
	prog->off = !autoload;
	return 0;
}
