// SPDX-License-Identifier: GPL-2.0
/*
 * tool.c - our tools load NAME.bpf.o from the directory they run from,
 * and stop on SIGINT/SIGTERM by waiting for them, not by handlers.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "loader/sys/sys.h"
#include "loader/object/embedded.h"
#include "loader/sys/out.h"
#include "loader/cmd/common/tool.h"

/* Before main(), in every tool: see out_guard_std_fds(). */
__attribute__((constructor)) static void tool_guard_std_fds(void)
{
	out_guard_std_fds();
}

static int path_next_to_exe(const char *name, char *path, size_t len,
			    struct bb_err *err)
{
	ssize_t n = sys_readlink("/proc/self/exe", path, len - 1);
	char *slash;

	if (n < 0)
		return bb_errf(err, n, "/proc/self/exe: %s (use --obj PATH)",
			       errno_text(-n));
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (!slash || (size_t)(slash - path) + 2 + strlen(name) > len)
		return bb_errf(err, -ENAMETOOLONG, "path too long (use --obj)");
	strcpy(slash + 1, name);
	return 0;
}

int tool_block_stop_signals(sigset_t *stop, struct bb_err *err)
{
	int ret;

	sigemptyset(stop);
	sigaddset(stop, SIGINT);
	sigaddset(stop, SIGTERM);
	ret = sys_block_signals(stop);
	if (ret)
		return bb_errf(err, ret, "rt_sigprocmask: %s",
			       errno_text(-ret));
	return 0;
}

int tool_open_obj(const char *path, const char *name,
		  const struct loader_parts *parts, sigset_t *stop,
		  struct bb_object **obj, struct bb_err *err)
{
	const struct embedded_obj *e;
	char buf[PATH_MAX];
	int ret;

	ret = tool_block_stop_signals(stop, err);
	if (ret)
		return ret;
	if (!path && (e = embedded_find(name)))
		return embedded_open(e, parts, obj, err);
	if (!path) {
		ret = path_next_to_exe(name, buf, sizeof(buf), err);
		if (ret)
			return ret;
		path = buf;
	}
	return obj_open_with(obj, path, parts, err);
}

int tool_finish(const char *name, struct bb_object *obj, int ret,
		struct bb_err *err)
{
	bb_object_close(obj);
	if (!ret)
		return 0;
	bb_err_print(out_stderr, name, err);
	return 1;
}
