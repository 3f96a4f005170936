// SPDX-License-Identifier: GPL-2.0
/*
 * version.c - the version string, in one place.  BB_BUILD_VERSION comes
 * from $(BUILD)/bb_version.h, which the Makefile writes from BB_VERSION in
 * loader/barebpf.h and `git describe --always --dirty`, and rewrites only
 * when that changes.
 */
#include "bb_version.h"	/* $(BUILD)/bb_version.h: BB_BUILD_VERSION */
#include "loader/barebpf.h"

const char *bb_version(void)
{
	return BB_BUILD_VERSION;
}
