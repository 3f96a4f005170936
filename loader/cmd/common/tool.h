/* SPDX-License-Identifier: GPL-2.0 */
/* tool.h - the start that our command-line tools (loader/cmd/) share. */
#ifndef BAREBPF_TOOL_H
#define BAREBPF_TOOL_H

#include <signal.h>

#include "loader/object/object.h"
#include "loader/core/parts.h"

/*
 * Block SIGINT and SIGTERM and put them in @stop: the tools wait for them
 * with sys_sigwait_ms() instead of handling them asynchronously.
 */
int tool_block_stop_signals(sigset_t *stop, struct bb_err *err);

/*
 * Block SIGINT and SIGTERM (the set goes in @stop, for sys_sigwait_ms())
 * and open the BPF object @path or, when @path is NULL, the object @name
 * built into this binary (embedded.h) or else the file @name in the
 * directory of our own binary (/proc/self/exe).  The tool links only the
 * loader parts in @parts (parts.h).
 */
int tool_open_obj(const char *path, const char *name,
		  const struct loader_parts *parts, sigset_t *stop,
		  struct bb_object **obj, struct bb_err *err);

/*
 * The end of a tool's main(): close @obj (detaching its programs), print
 * the error if @ret is one, and return the exit status (0 or 1).
 */
int tool_finish(const char *name, struct bb_object *obj, int ret,
		struct bb_err *err);

#endif
