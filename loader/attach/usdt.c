// SPDX-License-Identifier: GPL-2.0
/*
 * usdt.c - attach a usdt/PATH:PROVIDER:NAME program (usdt.h).
 *
 * What a USDT probe needs from the loader, step by step:
 *	1. the file's probe sites and their argument specs (elf/usdt.c);
 *	2. each distinct spec written into a slot of the object's map
 *	   __bpf_usdt_specs (usdt.bpf.h declares it);
 *	3. one uprobe per site (perf_event_open on the uprobe PMU), with the
 *	   probe's semaphore as its reference counter: the kernel adds one
 *	   to it in every process that maps the file while the uprobe is
 *	   there, which is how the program's *_ENABLED() test knows;
 *	4. a perf link per uprobe whose BPF cookie is the slot: the
 *	   program's bpf_get_attach_cookie() says which spec is its own.
 * libbpf also fills __bpf_usdt_ip_to_spec_id, for kernels without BPF
 * cookies (before 5.15); barebpf needs them, and leaves that map empty.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "elf/base/fmt.h"
#include "elf/usdt.h"
#include "loader/attach/perf_attach.h"
#include "loader/attach/usdt.h"
#include "loader/sys/file.h"
#include "loader/sys/narrate.h"
#include "loader/sys/sys.h"

#define USDT_SPECS_MAP "__bpf_usdt_specs"

/* @path, or for a bare name the first file of that name in $PATH. */
static int target_read(char *path, size_t size, uint8_t **data, size_t *len,
		       struct bb_err *err)
{
	const char *dirs = getenv("PATH"), *end;
	char full[PATH_MAX];
	int ret, n;

	if (strchr(path, '/'))
		return file_read_all(path, data, len, err);
	for (; dirs && *dirs; dirs = *end ? end + 1 : end) {
		end = strchrnul(dirs, ':');
		n = fmt_snprintf(full, sizeof(full), "%.*s/%s",
				 (int)(end - dirs), dirs, path);
		if (end == dirs || n < 0 || (size_t)n >= sizeof(full) ||
		    (size_t)n >= size)
			continue;
		ret = file_read_all(full, data, len, err);
		if (ret != -ENOENT) {
			if (!ret)
				memcpy(path, full, n + 1);
			return ret;
		}
	}
	return bb_errf(err, -ENOENT, "no '%s' in $PATH", path);
}

static int specs_map(struct bb_prog *prog, struct bb_map **out,
		     struct bb_err *err)
{
	struct bb_map *m = bb_object_find_map(prog->obj, USDT_SPECS_MAP);

	if (!m || m->fd < 0)
		return bb_errf(err, -ENOENT,
			       "the object has no map %s (its C includes <bpf/usdt.bpf.h>)",
			       USDT_SPECS_MAP);
	if (m->spec->type != BPF_MAP_TYPE_ARRAY || m->spec->key_size != 4 ||
	    m->spec->value_size != sizeof(struct usdt_spec))
		return bb_errf(err, -EINVAL,
			       "map %s is not usdt.bpf.h's (an ARRAY of int -> the %zu-byte struct __bpf_usdt_spec)",
			       USDT_SPECS_MAP, sizeof(struct usdt_spec));
	*out = m;
	return 0;
}

/*
 * The slot of site @i's spec in @m: the one an earlier site with the same
 * arguments took, or the next free one, written now.
 */
static int spec_slot(struct bb_prog *prog, struct bb_map *m,
		     const struct usdt_site *sites, uint32_t i, uint32_t *slots,
		     struct bb_err *err)
{
	uint32_t j, max = m->max_entries ? m->max_entries : m->spec->max_entries;
	int ret;

	for (j = 0; j < i; j++)
		if (!memcmp(&sites[j].spec, &sites[i].spec, sizeof(sites[i].spec))) {
			slots[i] = slots[j];
			return 0;
		}
	if (prog->obj->usdt_specs_used >= max)
		return bb_errf(err, -E2BIG,
			       "map %s is full (%u specs; BPF_USDT_MAX_SPEC_CNT sets its size)",
			       USDT_SPECS_MAP, max);
	slots[i] = prog->obj->usdt_specs_used;
	ret = sys_map_update_elem(m->fd, &slots[i], &sites[i].spec, BPF_ANY);
	if (ret)
		return bb_errf(err, ret, "map %s: bpf(BPF_MAP_UPDATE_ELEM, slot %u): %s",
			       USDT_SPECS_MAP, slots[i], errno_text(-ret));
	prog->obj->usdt_specs_used++;
	return 0;
}

/* One uprobe at @s, its link's cookie @slot: the link fd. */
static int site_attach(struct bb_prog *prog, const char *path,
		       const struct usdt_site *s, uint32_t slot,
		       struct bb_err *err)
{
	int pfd = probe_event_open_ref("uprobe", false, path, s->offset,
				       s->sema_offset, err);

	if (pfd < 0)
		return pfd;
	return perf_link_cookie(prog, pfd, slot, "usdt", err);
}

/* Every site: fds[0] becomes attach_fd, the rest more_fds. */
static int sites_attach(struct bb_prog *prog, const char *path,
			const struct usdt_site *sites, uint32_t nr,
			struct bb_map *m, struct bb_err *err)
{
	uint32_t *slots = calloc(nr, sizeof(*slots)), i;
	int *fds = calloc(nr, sizeof(*fds)), ret = 0;

	if (!slots || !fds)
		ret = bb_errf(err, -ENOMEM, "out of memory");
	for (i = 0; !ret && i < nr; i++) {
		ret = spec_slot(prog, m, sites, i, slots, err);
		fds[i] = ret ? -1 : site_attach(prog, path, &sites[i], slots[i], err);
		if (fds[i] < 0 && !ret)
			ret = fds[i];
		if (ret)
			break;
	}
	free(slots);
	return perf_attach_fds(prog, fds, i, nr, ret);	/* i links made */
}

int usdt_attach(struct bb_prog *prog, struct bb_err *err)
{
	char path[PATH_MAX], provider[256], name[256];
	struct usdt_site *sites = NULL;
	struct bb_map *m = NULL;
	uint32_t nr = 0;
	uint8_t *data;
	size_t len;
	int ret;

	ret = usdt_split(prog->spec->target, path, sizeof(path), provider,
			 sizeof(provider), name, sizeof(name), err);
	if (!ret)
		ret = specs_map(prog, &m, err);
	if (!ret)
		ret = target_read(path, sizeof(path), &data, &len, err);
	if (!ret) {
		ret = usdt_sites_find(data, len, provider, name, &sites, &nr, err);
		free(data);
		if (ret)
			bb_err_prefix(err, ret, "%s", path);
	}
	if (!ret && narrate_on())
		narrate_say("usdt %s:%s: %u site(s) in %s", provider, name, nr, path);
	if (!ret)
		ret = sites_attach(prog, path, sites, nr, m, err);
	free(sites);
	if (ret)
		return bb_err_prefix(err, ret, "program '%s'", prog->spec->name);
	return 0;
}
