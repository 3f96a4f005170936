// SPDX-License-Identifier: GPL-2.0
/*
 * run_targets.c - what `barebpf run` does for the program types that
 * are not attached to a named hook (issue 16):
 *  - xdp, tcx and tc programs attach to the interface (--iface NAME; tc
 *    and classifier sections to its ingress, or egress with --tc-dir
 *    egress), cgroup programs to the cgroup v2 directory (--cgroup PATH),
 *    sk_skb/sk_msg ones to the object's sockmap or sockhash named
 *    (--sockmap MAP), sk_lookup and flow_dissector ones to the network
 *    namespace (--netns PATH, else ours) given on the command line;
 *    perf_event programs sample --freq HZ, following --pid PID if given;
 *    netfilter programs run at the hook --netfilter PF:HOOK:PRIORITY names;
 *  - syscall programs are run once with BPF_PROG_RUN, and what they
 *    returned is printed;
 *  - iterators are read once, after attaching, and their output printed.
 */
#include <errno.h>
#include <fcntl.h>

#include "elf/base/errno_names.h"
#include "loader/attach/iter.h"
#include "loader/attach/netfilter.h"
#include "loader/attach/perf_event.h"
#include "loader/attach/xdp.h"
#include "loader/cmd/barebpf/cmd.h"
#include "loader/sys/out.h"
#include "loader/sys/sys.h"

static int open_path(const char *opt, const char *path, int flags, int *fd,
		    struct bb_err *err)
{
	*fd = sys_open(path, O_RDONLY | O_CLOEXEC | flags, 0);
	if (*fd < 0)
		return bb_errf(err, *fd, "%s %s: %s", opt, path,
			       errno_text(-*fd));
	return 0;
}

static int open_targets(const struct run_targets *t, int *ifindex,
			struct run_fds *fds, struct bb_err *err)
{
	int ret = 0;

	if (t->iface) {
		*ifindex = xdp_ifindex(t->iface, err);
		if (*ifindex < 0)
			return *ifindex;
	}
	if (t->cgroup)
		ret = open_path("--cgroup", t->cgroup, O_DIRECTORY, &fds->cgroup,
			       err);
	if (!ret && t->netns)
		ret = open_path("--netns", t->netns, 0, &fds->netns, err);
	return ret;
}

/* --sockmap MAP: the fd of the object's map MAP (made by bb_object_load()). */
static int sockmap_fd(struct bb_object *obj, const char *name,
		      struct bb_err *err)
{
	struct bb_map *m = bb_object_find_map(obj, name);

	if (!m)
		return bb_errf(err, -ENOENT, "--sockmap %s: no such map in %s",
			       name, obj->path);
	return bb_map_fd(m);
}

int run_set_targets(struct bb_object *obj, const struct run_targets *t,
		    struct run_fds *fds, struct bb_err *err)
{
	int ifindex = 0, map_fd = -1, ret = open_targets(t, &ifindex, fds, err);
	uint32_t i;

	struct nf_hook_opts nf = { 0 };

	if (!ret && t->sockmap)
		ret = map_fd = sockmap_fd(obj, t->sockmap, err);
	if (!ret && t->netfilter)
		ret = netfilter_parse(t->netfilter, &nf, err);
	for (i = 0; ret >= 0 && i < obj->spec.nr_progs; i++) {
		struct bb_prog *p = &obj->progs[i];
		enum attach_kind kind = p->spec->def->attach;

		if ((kind == ATTACH_XDP || kind == ATTACH_TCX ||
		     kind == ATTACH_TC) && t->iface)
			bb_prog_set_attach_target(p, ifindex);
		if (kind == ATTACH_TC)
			bb_prog_set_tc_dir(p, t->tc_egress ? BB_TC_EGRESS :
					   BB_TC_INGRESS);
		if (kind == ATTACH_CGROUP && t->cgroup)
			bb_prog_set_attach_target(p, fds->cgroup);
		if (kind == ATTACH_SOCKMAP && t->sockmap)
			bb_prog_set_attach_target(p, map_fd);
		if (kind == ATTACH_NETNS && t->netns)
			bb_prog_set_attach_target(p, fds->netns);
		if (kind == ATTACH_PERF_EVENT && t->pid)
			bb_prog_set_attach_target(p, t->pid);
		if (kind == ATTACH_NETFILTER && nf.set)
			bb_prog_set_netfilter(p, nf.pf, nf.hooknum, nf.priority,
					      nf.flags);
	}
	if (ret >= 0 && t->freq)
		obj_set_sample_freq(obj, t->freq);
	return ret < 0 ? ret : 0;
}

/*
 * @n bytes of output, line by line: out_printf's %s shows control bytes
 * escaped (a task's name is anyone's), the newlines are kept.
 */
static void print_lines(const char *buf, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++) {
		if (buf[i] != '\n')
			continue;
		out_printf(out_stdout, "%.*s\n", (int)(i - start), buf + start);
		start = i + 1;
	}
	if (start < n)
		out_printf(out_stdout, "%.*s", (int)(n - start), buf + start);
}

/* Everything the iterator writes, to stdout; it ends at EOF. */
static int print_iter(const struct bb_prog *p, struct bb_err *err)
{
	char buf[4096];
	ssize_t n;
	int fd = iter_open(p, err);

	if (fd < 0)
		return fd;
	out_printf(out_stdout, "--- %s:\n", p->spec->name);
	while ((n = sys_read(fd, buf, sizeof(buf))) > 0)
		print_lines(buf, n);
	sys_close(fd);
	if (n < 0)
		return bb_errf(err, (int)n, "program '%s': read of its iterator: %s",
			       p->spec->name, errno_text((int)-n));
	return out_check(out_stdout, err);
}

int run_once(struct bb_object *obj, struct bb_err *err)
{
	uint32_t i, retval;
	int ret = 0;

	for (i = 0; !ret && i < obj->spec.nr_progs; i++) {
		const struct bb_prog *p = &obj->progs[i];

		if (p->off || p->fd < 0)
			continue;
		if (p->spec->def->prog_type == BPF_PROG_TYPE_SYSCALL) {
			ret = bb_prog_run(p, NULL, 0, &retval, err);
			if (!ret)
				out_printf(out_stdout, "%s: returned %u\n",
					   p->spec->name, retval);
		}
		if (p->spec->def->attach == ATTACH_ITER)
			ret = print_iter(p, err);
	}
	return ret;
}
