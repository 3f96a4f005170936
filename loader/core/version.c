// SPDX-License-Identifier: GPL-2.0
/*
 * version.c - the library's version, compiled in: a program built against
 * another barebpf.h can compare BB_VERSION with what it runs with.
 */
#include "loader/barebpf.h"

const char *bb_version(void)
{
	return BB_VERSION;
}
