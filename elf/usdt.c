// SPDX-License-Identifier: GPL-2.0
/*
 * usdt.c - the sites of a USDT probe, from an executable's .note.stapsdt.
 *
 * The steps, each over bytes checked by buf.c:
 *	1. the ELF header and the section names (elf/exec.c's readers);
 *	2. .note.stapsdt: a list of notes (a 12-byte header, the owner name
 *	   and the description, each padded to 4 bytes); ours are owner
 *	   "stapsdt", type 3;
 *	3. for each note of the probe we want: its address, corrected if
 *	   the file was prelinked since (the note holds the address
 *	   .stapsdt.base had when it was written: a moved .stapsdt.base moved
 *	   the probe by as much), then made a file offset through the
 *	   PT_LOADs, as is the semaphore's;
 *	4. its argument string, parsed (usdt_args.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "elf/exec.h"
#include "elf/section_names.h"
#include "elf/usdt.h"

#define NT_STAPSDT 3
#define STAPSDT_OWNER "stapsdt"

struct usdt_walk {
	const struct bytes *b;
	const Elf64_Ehdr *eh;
	const char *provider, *name;
	uint64_t base;		/* .stapsdt.base's address; 0: none */
	struct usdt_site *sites;
	uint32_t nr, cap;
};

/* Section @name's header in *@sh; -ENOENT (no message) if there is none. */
static int find_section(const struct bytes *b, const Elf64_Ehdr *eh,
			const char *name, Elf64_Shdr *sh, uint32_t *idx,
			struct bb_err *err)
{
	struct bytes strs;
	Elf64_Shdr strsh;
	const char *s;
	uint32_t i;
	int ret;

	ret = exec_shdr(b, eh, eh->e_shstrndx, &strsh, err);
	if (!ret)
		ret = exec_sec_bytes(b, &strsh, eh->e_shstrndx, &strs, err);
	for (i = 0; !ret && i < eh->e_shnum; i++) {
		ret = exec_shdr(b, eh, i, sh, err);
		s = ret ? NULL : buf_str(&strs, sh->sh_name);
		if (s && !strcmp(s, name)) {
			*idx = i;
			return 0;
		}
	}
	return ret ? ret : -ENOENT;
}

static int site_add(struct usdt_walk *w, struct bb_err *err)
{
	struct usdt_site *more;

	if (w->nr < w->cap)
		return 0;
	if (w->cap >= USDT_MAX_SITES)
		return bb_errf(err, -E2BIG, "more than %u sites", USDT_MAX_SITES);
	w->cap = w->cap ? 2 * w->cap : 4;
	more = realloc(w->sites, w->cap * sizeof(*more));
	if (!more)
		return bb_errf(err, -ENOMEM, "out of memory");
	w->sites = more;
	return 0;
}

/* A note of our probe: its site, appended to w->sites. */
static int site_read(struct usdt_walk *w, uint64_t pc, uint64_t note_base,
		     uint64_t sema, const char *args, struct bb_err *err)
{
	struct usdt_site *s;
	int ret = site_add(w, err);

	if (ret)
		return ret;
	s = &w->sites[w->nr];
	memset(s, 0, sizeof(*s));
	if (w->base && note_base)
		pc += w->base - note_base;	/* prelinked since */
	s->pc = pc;
	ret = exec_addr_offset(w->b, w->eh, pc, &s->offset, err);
	if (!ret && sema)
		ret = exec_addr_offset(w->b, w->eh, sema, &s->sema_offset, err);
	if (!ret)
		ret = usdt_args_parse(args, &s->spec, err);
	if (!ret)
		w->nr++;
	return ret;
}

/* A stapsdt note's description: three addresses, then three strings. */
static int note_desc(struct usdt_walk *w, const struct bytes *d,
		     struct bb_err *err)
{
	const char *provider, *name, *args;
	uint64_t addr[3];

	if (buf_read(d, 0, addr, sizeof(addr)))
		return bb_errf(err, -EINVAL, "description of %zu bytes is too short",
			       d->len);
	provider = buf_str(d, sizeof(addr));
	name = provider ? buf_str(d, sizeof(addr) + strlen(provider) + 1) : NULL;
	args = name ? buf_str(d, (const uint8_t *)name + strlen(name) + 1 - d->data)
		    : NULL;
	if (!args)
		return bb_errf(err, -EINVAL,
			       "provider, name and arguments are not three strings");
	if (strcmp(provider, w->provider) || strcmp(name, w->name))
		return 0;
	return site_read(w, addr[0], addr[1], addr[2], args, err);
}

static uint64_t align4(uint64_t n)
{
	return (n + 3) & ~(uint64_t)3;
}

/* Every note of .note.stapsdt (@notes); ours go to note_desc(). */
static int walk_notes(struct usdt_walk *w, const struct bytes *notes,
		      struct bb_err *err)
{
	Elf64_Nhdr nh;
	struct bytes desc;
	const char *owner;
	uint64_t off = 0, name_off, desc_off;
	int ret;

	while (off < notes->len) {
		if (buf_read(notes, off, &nh, sizeof(nh)))
			return bb_errf(err, -EINVAL, "elf: .note.stapsdt: note at 0x%llx: truncated header",
				       (unsigned long long)off);
		name_off = off + sizeof(nh);
		desc_off = name_off + align4(nh.n_namesz);
		desc.data = buf_slice(notes, desc_off, nh.n_descsz);
		desc.len = nh.n_descsz;
		owner = buf_slice(notes, name_off, nh.n_namesz);
		if (!desc.data || !owner)
			return bb_errf(err, -EINVAL, "elf: .note.stapsdt: note at 0x%llx: past the section's end",
				       (unsigned long long)off);
		if (nh.n_type == NT_STAPSDT && nh.n_namesz == sizeof(STAPSDT_OWNER) &&
		    !memcmp(owner, STAPSDT_OWNER, sizeof(STAPSDT_OWNER))) {
			ret = note_desc(w, &desc, err);
			if (ret)
				return bb_err_prefix(err, ret, "elf: .note.stapsdt: note at 0x%llx",
						     (unsigned long long)off);
		}
		off = desc_off + align4(nh.n_descsz);
	}
	return 0;
}

static int find_sites(struct usdt_walk *w, struct bb_err *err)
{
	struct bytes notes;
	Elf64_Shdr sh;
	uint32_t idx;
	int ret;

	ret = find_section(w->b, w->eh, ".stapsdt.base", &sh, &idx, err);
	if (ret && ret != -ENOENT)
		return ret;
	w->base = ret ? 0 : sh.sh_addr;
	ret = find_section(w->b, w->eh, ".note.stapsdt", &sh, &idx, err);
	if (ret == -ENOENT)
		return bb_errf(err, ret,
			       "elf: no .note.stapsdt section: the file has no USDT probes");
	if (!ret && sh.sh_type != SHT_NOTE)
		ret = bb_errf(err, -EINVAL, "elf: .note.stapsdt is not SHT_NOTE");
	if (!ret)
		ret = exec_sec_bytes(w->b, &sh, idx, &notes, err);
	if (!ret)
		ret = walk_notes(w, &notes, err);
	if (!ret && !w->nr)
		ret = bb_errf(err, -ENOENT, "elf: no USDT probe %s:%s in .note.stapsdt",
			      w->provider, w->name);
	return ret;
}

int usdt_sites_find(const void *data, size_t len, const char *provider,
		    const char *name, struct usdt_site **sites, uint32_t *nr,
		    struct bb_err *err)
{
	struct bytes b = { data, len };
	struct usdt_walk w = { .b = &b, .provider = provider, .name = name };
	Elf64_Ehdr eh;
	int ret;

	w.eh = &eh;
	ret = exec_ehdr(&b, &eh, err);
	if (!ret)
		ret = find_sites(&w, err);
	if (ret) {
		free(w.sites);
		return ret;
	}
	*sites = w.sites;
	*nr = w.nr;
	return 0;
}

int usdt_split(const char *target, char *path, size_t path_len,
	       char *provider, size_t provider_len, char *name,
	       size_t name_len, struct bb_err *err)
{
	const char *c2 = strrchr(target, ':');
	const char *c1 = c2 ? memrchr(target, ':', c2 - target) : NULL;
	size_t plen;
	int ret;

	if (!c1 || c1 == target)
		return bb_errf(err, -EINVAL,
			       "usdt '%s': expected PATH:PROVIDER:NAME", target);
	plen = c1 - target;
	if (plen >= path_len || (size_t)(c2 - c1 - 1) >= provider_len ||
	    strlen(c2 + 1) >= name_len)
		return bb_errf(err, -ENAMETOOLONG, "usdt '%s': name too long",
			       target);
	memcpy(path, target, plen);
	path[plen] = '\0';
	memcpy(provider, c1 + 1, c2 - c1 - 1);
	provider[c2 - c1 - 1] = '\0';
	strcpy(name, c2 + 1);
	ret = symbol_name_check(provider, "usdt provider", err);
	return ret ? ret : symbol_name_check(name, "usdt name", err);
}
