// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <linux/bpf.h>
#include <string.h>

#include "elf/section_names.h"

/*
 * Section prefix -> program type.  The kernel needs the type at
 * BPF_PROG_LOAD time (it decides the context and the allowed helpers),
 * and we need to know how to attach.  Longer prefixes first.
 */
static const struct sec_def sec_defs[] = {
	{ "tracepoint/", BPF_PROG_TYPE_TRACEPOINT, 0, ATTACH_TRACEPOINT },
	{ "tp/", BPF_PROG_TYPE_TRACEPOINT, 0, ATTACH_TRACEPOINT },
	{ "raw_tracepoint/", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, ATTACH_RAW_TP },
	{ "raw_tp/", BPF_PROG_TYPE_RAW_TRACEPOINT, 0, ATTACH_RAW_TP },
	/* BTF-typed programs: the kernel checks their target at load. */
	{ "tp_btf/", BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, ATTACH_BTF },
	{ "fentry/", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, ATTACH_BTF },
	{ "fexit/", BPF_PROG_TYPE_TRACING, BPF_TRACE_FEXIT, ATTACH_BTF },
	/* Probes: the context is struct pt_regs, one type for all four. */
	{ "kprobe/", BPF_PROG_TYPE_KPROBE, 0, ATTACH_KPROBE },
	{ "kretprobe/", BPF_PROG_TYPE_KPROBE, 0, ATTACH_KRETPROBE },
	{ "uprobe/", BPF_PROG_TYPE_KPROBE, 0, ATTACH_UPROBE },
	{ "uretprobe/", BPF_PROG_TYPE_KPROBE, 0, ATTACH_URETPROBE },
	/*
	 * Loaded, not attached by us: a perf event (sampling, hardware
	 * counter) the user opens; a USDT probe (a uprobe plus the spec
	 * maps of libbpf's usdt.bpf.h, a kprobe program to the kernel).
	 */
	{ "perf_event", BPF_PROG_TYPE_PERF_EVENT, 0, ATTACH_NONE },
	/* A probe section without a target: the user attaches it. */
	{ "kprobe", BPF_PROG_TYPE_KPROBE, 0, ATTACH_NONE },
	{ "kretprobe", BPF_PROG_TYPE_KPROBE, 0, ATTACH_NONE },
	{ "uprobe", BPF_PROG_TYPE_KPROBE, 0, ATTACH_NONE },
	{ "uretprobe", BPF_PROG_TYPE_KPROBE, 0, ATTACH_NONE },
	{ "usdt", BPF_PROG_TYPE_KPROBE, 0, ATTACH_NONE },
};

const struct sec_def sec_def_unknown = {
	"", BPF_PROG_TYPE_UNSPEC, 0, ATTACH_NONE
};

int sec_def_find(const char *name, const struct sec_def **def,
		 const char **target, struct bb_err *err)
{
	size_t i, len;

	for (i = 0; i < sizeof(sec_defs) / sizeof(sec_defs[0]); i++) {
		len = strlen(sec_defs[i].prefix);
		if (strncmp(name, sec_defs[i].prefix, len))
			continue;
		/* "kprobe" is "kprobe" or "kprobe/...", not "kprobe.multi". */
		if (sec_defs[i].prefix[len - 1] != '/' && name[len] &&
		    name[len] != '/')
			continue;
		*def = &sec_defs[i];
		*target = name + len;
		return 0;
	}
	return bb_errf(err, -ENOTSUP,
		       "elf: section '%s': unknown program type (supported prefixes: tp/, tracepoint/, raw_tp/, raw_tracepoint/, tp_btf/, fentry/, fexit/, kprobe/, kretprobe/, uprobe/, uretprobe/, perf_event, usdt, and kprobe, uprobe... with no target)",
		       name);
}

/* tracefs event and system names are C identifiers, in practice. */
static int tracefs_name_ok(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > 255)
		return 0;
	if ((len == 1 && s[0] == '.') || (len == 2 && !strncmp(s, "..", 2)))
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		      c == '.'))
			return 0;
	}
	return 1;
}

int tracepoint_split(const char *target, char *cat, size_t cat_len,
		     char *name, size_t name_len, struct bb_err *err)
{
	const char *slash = strchr(target, '/');
	size_t clen, nlen;

	if (!slash)
		return bb_errf(err, -EINVAL,
			       "tracepoint '%s': expected CATEGORY/NAME", target);
	clen = slash - target;
	nlen = strlen(slash + 1);
	if (!tracefs_name_ok(target, clen) || !tracefs_name_ok(slash + 1, nlen))
		return bb_errf(err, -EINVAL,
			       "tracepoint '%s': category and name must each be 1 to 255 letters, digits, '_', '-' or '.' (and not '.' or '..')",
			       target);
	if (clen >= cat_len || nlen >= name_len)
		return bb_errf(err, -ENAMETOOLONG,
			       "tracepoint '%s': name too long", target);
	memcpy(cat, target, clen);
	cat[clen] = '\0';
	memcpy(name, slash + 1, nlen + 1);
	return 0;
}

static int symbol_char_ok(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '$' ||
	       c == '@';
}

int symbol_name_check(const char *name, const char *what, struct bb_err *err)
{
	size_t i, len = strlen(name);

	if (len == 0 || len > 255)
		return bb_errf(err, -EINVAL,
			       "%s: expected a symbol name of 1 to 255 bytes after the prefix",
			       what);
	for (i = 0; i < len; i++)
		if (!symbol_char_ok(name[i]))
			return bb_errf(err, -EINVAL,
				       "%s: '%s' is not a symbol name (byte %zu: only letters, digits and _.$@)",
				       what, name, i);
	return 0;
}

int uprobe_split(const char *target, char *path, size_t path_len,
		 char *sym, size_t sym_len, struct bb_err *err)
{
	const char *colon = strrchr(target, ':');
	size_t plen;

	if (!colon || target[0] != '/')
		return bb_errf(err, -EINVAL,
			       "uprobe '%s': expected /ABSOLUTE/PATH:SYMBOL",
			       target);
	plen = colon - target;
	if (plen >= path_len || strlen(colon + 1) >= sym_len)
		return bb_errf(err, -ENAMETOOLONG, "uprobe '%s': name too long",
			       target);
	memcpy(path, target, plen);
	path[plen] = '\0';
	strcpy(sym, colon + 1);
	return symbol_name_check(sym, "uprobe", err);
}

int sec_target_check(const struct sec_def *def, const char *section,
		     const char *target, struct bb_err *err)
{
	char a[4096], b[256];
	int ret;

	/*
	 * A bare prefix ("kprobe", "uprobe") or a uprobe naming only its
	 * symbol ("uretprobe/readline": the binary is chosen at run time, as
	 * libbpf-tools do) leaves the target to the user.  That is fine: the
	 * program loads, and only attaching by section name needs more.
	 */
	if (!*target && section[strlen(section) - 1] != '/')
		return 0;
	switch (def->attach) {
	case ATTACH_TRACEPOINT:
		ret = tracepoint_split(target, a, sizeof(b), b, sizeof(b), err);
		break;
	case ATTACH_RAW_TP:
	case ATTACH_BTF:
	case ATTACH_KPROBE:
	case ATTACH_KRETPROBE:
		return symbol_name_check(target, section, err);
	case ATTACH_UPROBE:
	case ATTACH_URETPROBE:
		ret = strpbrk(target, "/:") ?
		      uprobe_split(target, a, sizeof(a), b, sizeof(b), err) :
		      symbol_name_check(target, "uprobe", err);
		break;
	default:
		return 0;
	}
	return ret ? bb_err_prefix(err, ret, "elf: section '%s'", section) : 0;
}
