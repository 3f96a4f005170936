// SPDX-License-Identifier: GPL-2.0
/*
 * uprobe.c - uprobes through perf_event_open(2).
 *
 * The kernel places a uprobe on an inode at a byte offset (Linux 4.17+
 * "uprobe" PMU: config1 = path, config2 = offset).  It knows nothing of
 * symbols, so the name -> offset step is ours: elf/exec.c reads the
 * symbol table and program headers of the same file.
 */
#include <limits.h>
#include <stdlib.h>

#include "elf/exec.h"
#include "loader/sys/file.h"
#include "loader/attach/perf_attach.h"
#include "loader/attach/uprobe.h"

int uprobe_offset(const char *path, const char *sym, uint64_t *off,
		  struct bb_err *err)
{
	struct exec_symbol es;
	uint8_t *data;
	size_t len;
	int ret;

	ret = file_read_all(path, &data, &len, err);
	if (ret)
		return ret;
	ret = exec_symbol_offset(data, len, sym, &es, err);
	free(data);
	if (ret)
		return bb_err_prefix(err, ret, "%s", path);
	*off = es.offset;
	return 0;
}

int uprobe_attach(struct bb_prog *prog, struct bb_err *err)
{
	bool retprobe = prog->spec->def->attach == ATTACH_URETPROBE;
	const char *what = retprobe ? "uretprobe" : "uprobe";
	char path[PATH_MAX], sym[256];
	uint64_t off;
	int pfd, ret;

	ret = uprobe_split(prog->spec->target, path, sizeof(path), sym,
			   sizeof(sym), err);
	if (!ret)
		ret = uprobe_offset(path, sym, &off, err);
	if (ret)
		return bb_err_prefix(err, ret, "program '%s'", prog->spec->name);
	pfd = probe_event_open("uprobe", retprobe, path, off, err);
	if (pfd < 0)
		return bb_err_prefix(err, pfd, "program '%s': %s %s",
				     prog->spec->name, what, sym);
	return perf_attach(prog, pfd, what, err);
}
