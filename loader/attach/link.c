// SPDX-License-Identifier: GPL-2.0
/*
 * link.c - attach one program on its own (loader/barebpf.h).
 *
 * bb_object_attach() attaches every program and the object keeps the
 * attachments.  bb_prog_attach() runs the same attach part for one
 * program (its object's parts table: a tool's static binary carries only
 * the kinds its objects need) and hands the attachment to a bb_link,
 * which the caller destroys when it wants the program detached.
 */
#include <errno.h>
#include <stdlib.h>

#include "loader/core/parts.h"
#include "loader/sys/sys.h"

static int attach_check(const struct bb_prog *prog, struct bb_err *err)
{
	const struct prog_spec *s = prog->spec;

	if (prog->fd < 0)
		return bb_errf(err, -EINVAL, "program '%s' is not loaded",
			       s->name);
	if (s->def->attach == ATTACH_NONE)
		return bb_errf(err, -EOPNOTSUPP,
			       "program '%s': section '%s' names nothing to attach to",
			       s->name, s->section);
	/* The attach parts keep their handle in attach_fd: it must be free. */
	if (prog_attached(prog))
		return bb_errf(err, -EBUSY,
			       "program '%s' is already attached by bb_object_attach()",
			       s->name);
	return 0;
}

/*
 * A program on a sockmap: the link takes over its detach from the object,
 * with fds of its own (the caller may close the object first).
 */
static int take_map_attach(struct bb_link *link, struct bb_prog *prog,
			   struct bb_err *err)
{
	link->detach_type = prog->spec->def->expected_attach_type;
	link->detach_prog = sys_dup(prog->fd);
	link->detach_map = sys_dup(prog->attach_target);
	if (link->detach_prog < 0 || link->detach_map < 0)
		return bb_errf(err, -EMFILE,
			       "program '%s': no fd left to hold its attachment",
			       prog->spec->name);
	prog->map_attached = false;
	return 0;
}

int bb_prog_attach(struct bb_prog *prog, struct bb_link **out,
		   struct bb_err *err)
{
	struct bb_link *link;
	int ret = attach_check(prog, err);

	if (ret)
		return ret;
	link = calloc(1, sizeof(*link));
	if (!link)
		return bb_errf(err, -ENOMEM, "out of memory");
	link->fd = link->detach_prog = link->detach_map = -1;
	ret = prog->obj->parts->attach[prog->spec->def->attach](prog, err);
	if (!ret && prog->map_attached)
		ret = take_map_attach(link, prog, err);
	if (ret) {
		bb_link_destroy(link);
		return ret;
	}
	link->fd = prog->attach_fd;	/* the link owns them now */
	link->tc = prog->tc;
	link->more_fds = prog->more_fds;
	link->nr_more_fds = prog->nr_more_fds;
	prog->attach_fd = -1;
	prog->tc.detach = NULL;
	prog->more_fds = NULL;
	prog->nr_more_fds = 0;
	*out = link;
	return 0;
}

int bb_link_fd(const struct bb_link *link)
{
	return link->fd;
}

void bb_link_destroy(struct bb_link *link)
{
	if (!link)
		return;
	if (link->tc.detach)
		link->tc.detach(&link->tc);
	if (link->fd >= 0)
		sys_close(link->fd);
	sys_close_each(&link->more_fds, &link->nr_more_fds);
	if (link->detach_prog >= 0 && link->detach_map >= 0)
		sys_prog_detach(link->detach_prog, link->detach_map,
				link->detach_type);
	if (link->detach_prog >= 0)
		sys_close(link->detach_prog);
	if (link->detach_map >= 0)
		sys_close(link->detach_map);
	free(link);
}
