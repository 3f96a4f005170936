// SPDX-License-Identifier: GPL-2.0
/*
 * raw_tp.c - BPF_RAW_TRACEPOINT_OPEN, and what it returns: a bpf_link.
 *
 * A raw tracepoint program (Linux 4.17+) gets the tracepoint's arguments
 * as they are passed to the trace function, an array of u64, without the
 * copy into a perf record that a "tp/" program pays for.  The command
 * takes the tracepoint's name and gives back a link fd; closing it
 * detaches.
 *
 * tp_btf, fentry and fexit programs (Linux 5.5+) name their target at load
 * time (attach_btf_id), so the same command is issued with no name.
 * fentry/fexit need a BPF trampoline, patched into the function's entry;
 * a kernel built without the ftrace support for it refuses here.
 */
#include <errno.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "loader/load/btf_target.h"
#include "loader/sys/file.h"
#include "loader/attach/raw_tp.h"
#include "loader/sys/sys.h"

int raw_tp_attach(struct bb_prog *prog, struct bb_err *err)
{
	const char *name = prog->spec->target;
	int fd, ret;

	ret = symbol_name_check(name, prog->spec->section, err);
	if (ret)
		return bb_err_prefix(err, ret, "program '%s'", prog->spec->name);
	fd = sys_raw_tracepoint_open(name, prog->fd);
	if (fd < 0)
		return bb_errf(err, fd,
			       "program '%s': bpf(BPF_RAW_TRACEPOINT_OPEN, '%s'): %s%s",
			       prog->spec->name, name, errno_text(-fd),
			       fd == -ENOENT ? " (no such tracepoint in this kernel)" :
			       errno_hint(fd));
	prog->attach_fd = fd;
	return 0;
}

int btf_prog_attach(struct bb_prog *prog, struct bb_err *err)
{
	int fd = sys_raw_tracepoint_open(NULL, prog->fd);

	if (fd < 0) {
		bb_errf(err, fd,
			"program '%s' (section '%s'): bpf(BPF_RAW_TRACEPOINT_OPEN): %s%s",
			prog->spec->name, prog->spec->section,
			fd == -ENOTSUPP ? "ENOTSUPP" : errno_text(-fd), errno_hint(fd));
		return btf_target_refused(prog, fd, err);
	}
	prog->attach_fd = fd;
	return 0;
}
