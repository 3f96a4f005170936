// SPDX-License-Identifier: GPL-2.0
/*
 * kprobe_multi.c - kprobe.multi/PATTERN through one BPF link.
 *
 * Linux 5.18 lets one BPF_LINK_CREATE (attach type BPF_TRACE_KPROBE_MULTI,
 * the program loaded with the same expected attach type) hang a kprobe
 * program on many kernel functions at once, through fprobe (ftrace):
 * kprobe_multi.syms is an array of function names, which the kernel
 * looks up with a binary search, so they must be sorted by strcmp and
 * each given once.  BPF_F_KPROBE_MULTI_RETURN makes them kretprobes.
 * Without CONFIG_FPROBE (this host, the 6.1 VM kernel) the kernel
 * answers EOPNOTSUPP whatever we pass.
 *
 * The names: tracefs' available_filter_functions lists the functions
 * ftrace can hook ("name" or "name [module]" per line), exactly what
 * fprobe accepts.  Where it cannot be read (not mounted; some hosts
 * refuse it even to root) /proc/kallsyms's text symbols ("addr t name")
 * are a wider list: a name ftrace cannot hook makes the kernel refuse.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "elf/base/sort.h"
#include "loader/attach/kprobe_multi.h"
#include "loader/attach/tracepoint.h"
#include "loader/sys/file.h"
#include "loader/sys/sys.h"

#define KPROBE_MULTI_RETURN 1u	/* BPF_F_KPROBE_MULTI_RETURN */
#define KALLSYMS "/proc/kallsyms"

struct names {
	const char **v;
	uint32_t nr, cap;
};

static int names_add(struct names *n, const char *name, struct bb_err *err)
{
	const char **more;

	if (n->nr == n->cap) {
		n->cap = n->cap ? 2 * n->cap : 64;
		more = realloc(n->v, n->cap * sizeof(*more));
		if (!more)
			return bb_errf(err, -ENOMEM, "out of memory");
		n->v = more;
	}
	n->v[n->nr++] = name;
	return 0;
}

/*
 * The function name on @line (NUL-terminated in place), or NULL if the
 * line names none: field 0 of available_filter_functions, field 2 of a
 * kallsyms text symbol.
 */
static char *line_name(char *line, bool kallsyms)
{
	char *f[3] = { 0 }, *save = NULL;
	int i;

	for (i = 0; i < (kallsyms ? 3 : 1); i++) {
		f[i] = strtok_r(i ? NULL : line, " \t", &save);
		if (!f[i])
			return NULL;
	}
	if (!kallsyms)
		return f[0];
	return (f[1][0] == 't' || f[1][0] == 'T') && !f[1][1] ? f[2] : NULL;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every name in @text matching @pattern, sorted, each once. */
static int match_names(char *text, bool kallsyms, const char *pattern,
		       struct names *n, struct bb_err *err)
{
	char *line, *save = NULL, *name;
	uint32_t i, k = 0;
	int ret = 0;

	for (line = strtok_r(text, "\n", &save); !ret && line;
	     line = strtok_r(NULL, "\n", &save)) {
		name = line_name(line, kallsyms);
		if (name && !fnmatch(pattern, name, 0))
			ret = names_add(n, name, err);
	}
	if (ret)
		return ret;
	sort(n->v, n->nr, sizeof(*n->v), cmp_name);
	for (i = 0; i < n->nr; i++)
		if (!k || strcmp(n->v[k - 1], n->v[i]))
			n->v[k++] = n->v[i];
	n->nr = k;
	return 0;
}

/* The list of functions: *@text (caller frees) and whether it is kallsyms. */
static int read_functions(char **text, bool *kallsyms, struct bb_err *err)
{
	size_t len;
	int ret;

	*kallsyms = false;
	ret = file_read_all(TRACEFS_PATH "/available_filter_functions",
			    (uint8_t **)text, &len, err);
	if (!ret)
		return 0;
	*kallsyms = true;
	return file_read_all(KALLSYMS, (uint8_t **)text, &len, err);
}

static int link_create(struct bb_prog *prog, const struct names *n,
		       struct bb_err *err)
{
	bool ret_probe = prog->spec->def->attach == ATTACH_KRETPROBE_MULTI;
	int fd = sys_link_create_kprobe_multi(prog->fd, n->v, n->nr,
					      ret_probe ? KPROBE_MULTI_RETURN : 0);

	if (fd < 0)
		return bb_errf(err, fd,
			       "program '%s' (section '%s'): bpf(BPF_LINK_CREATE, BPF_TRACE_KPROBE_MULTI) of %u functions: %s%s",
			       prog->spec->name, prog->spec->section, n->nr,
			       errno_text(-fd), fd == -EOPNOTSUPP ?
			       " (kprobe.multi needs CONFIG_FPROBE: this kernel is built without it)" :
			       errno_hint(fd));
	prog->attach_fd = fd;
	return 0;
}

int kprobe_multi_attach(struct bb_prog *prog, struct bb_err *err)
{
	const char *pattern = prog->spec->target;
	struct names n = { 0 };
	char *text = NULL;
	bool kallsyms;
	int ret;

	ret = symbol_pattern_check(pattern, prog->spec->section, err);
	if (!ret)
		ret = read_functions(&text, &kallsyms, err);
	if (!ret)
		ret = match_names(text, kallsyms, pattern, &n, err);
	if (!ret && !n.nr)
		ret = bb_errf(err, -ENOENT, "no kernel function matches '%s' in %s",
			      pattern, kallsyms ? KALLSYMS :
			      TRACEFS_PATH "/available_filter_functions");
	if (ret)
		ret = bb_err_prefix(err, ret, "program '%s'", prog->spec->name);
	else
		ret = link_create(prog, &n, err);
	free(n.v);
	free(text);
	return ret;
}
