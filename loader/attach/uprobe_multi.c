// SPDX-License-Identifier: GPL-2.0
/*
 * uprobe_multi.c - uprobe.multi/PATH:PATTERN through one BPF link.
 *
 * Linux 6.6 lets one BPF_LINK_CREATE (attach type BPF_TRACE_UPROBE_MULTI)
 * place uprobes at many offsets of one file: the path, an array of file
 * offsets and their count (and optionally per-probe cookies, semaphore
 * offsets and a pid, which we do not use).  BPF_F_UPROBE_MULTI_RETURN
 * makes them uretprobes.  The program must have been loaded with the same
 * expected attach type (elf/section_names.c gives it).  Older kernels
 * know no such attach type for a kprobe program: EINVAL.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#include "elf/base/errno_names.h"
#include "elf/exec.h"
#include "loader/attach/uprobe_multi.h"
#include "loader/sys/file.h"
#include "loader/sys/sys.h"

/* include/uapi/linux/bpf.h (6.6): link_create.uprobe_multi.flags */
#define UPROBE_MULTI_RETURN 1u

static int pattern_offsets(const char *path, const char *pattern,
			   uint64_t **offs, uint32_t *nr, struct bb_err *err)
{
	uint8_t *data;
	size_t len;
	int ret;

	ret = file_read_all(path, &data, &len, err);
	if (ret)
		return ret;
	ret = exec_pattern_offsets(data, len, pattern, offs, nr, err);
	free(data);
	return ret ? bb_err_prefix(err, ret, "%s", path) : 0;
}

static int link_create(struct bb_prog *prog, const char *path,
		       const uint64_t *offs, uint32_t nr, struct bb_err *err)
{
	bool ret_probe = prog->spec->def->attach == ATTACH_URETPROBE_MULTI;
	int fd = sys_link_create_uprobe_multi(prog->fd, path, offs, nr,
					      ret_probe ? UPROBE_MULTI_RETURN : 0);

	if (fd < 0)
		return bb_errf(err, fd,
			       "program '%s' (section '%s'): bpf(BPF_LINK_CREATE, BPF_TRACE_UPROBE_MULTI) of %u offsets: %s%s",
			       prog->spec->name, prog->spec->section, nr,
			       errno_text(-fd), fd == -EINVAL ?
			       " (uprobe.multi needs Linux 6.6 or later)" :
			       errno_hint(fd));
	prog->attach_fd = fd;
	return 0;
}

int uprobe_multi_attach(struct bb_prog *prog, struct bb_err *err)
{
	char path[PATH_MAX], pattern[256];
	uint64_t *offs = NULL;
	uint32_t nr = 0;
	int ret;

	ret = uprobe_multi_split(prog->spec->target, path, sizeof(path),
				 pattern, sizeof(pattern), err);
	if (!ret)
		ret = pattern_offsets(path, pattern, &offs, &nr, err);
	if (ret)
		return bb_err_prefix(err, ret, "program '%s'", prog->spec->name);
	ret = link_create(prog, path, offs, nr, err);
	free(offs);
	return ret;
}
