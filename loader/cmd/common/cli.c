// SPDX-License-Identifier: GPL-2.0
/*
 * cli.c - the tools' command lines: options read the getopt_long() way,
 * and numbers that are plain decimals.  (Finding a tool's BPF object is
 * tool.c's job.)
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "elf/base/errno_names.h"
#include "elf/base/num.h"
#include "loader/cmd/common/cli.h"
#include "loader/sys/out.h"

int cli_parse_num(const char *s, long *out)
{
	const char *end;
	uint64_t v;

	if (num_parse(s, LONG_MAX, &v, &end) || *end)
		return -1;
	*out = (long)v;
	return 0;
}

static int opt_error(char **argv, const char *what, const char *opt)
{
	out_printf(out_stderr, "%s: %s: %s\n", argv[0], what, opt);
	return '?';
}

/*
 * argv[from .. mid) are operands, argv[mid .. to) an option just found:
 * put the option first, each group keeping its order.
 */
static void options_first(char **argv, int from, int mid, int to)
{
	char *t;

	for (; mid < to; from++, mid++) {
		t = argv[mid];
		memmove(&argv[from + 1], &argv[from],
			(mid - from) * sizeof(*argv));
		argv[from] = t;
	}
}

/* The long option @name (up to '=' or its end): exact, or a unique prefix. */
static const struct option *find_long(const struct option *longs,
				      const char *name, size_t len)
{
	const struct option *o, *found = NULL;
	int n = 0;

	for (o = longs; o->name; o++) {
		if (strncmp(o->name, name, len))
			continue;
		if (!o->name[len])
			return o;		/* exact */
		found = o;
		n++;
	}
	return n == 1 ? found : NULL;
}

/* argv[@i] is "--name[=VALUE]"; its VALUE may be the next element. */
static int read_long(struct cli_getopt *g, int argc, char **argv, int i,
		     const struct option *longs)
{
	char *name = argv[i] + 2, *eq = strchr(name, '=');
	const struct option *o;
	int end = i + 1, missing = 0;

	o = find_long(longs, name, eq ? (size_t)(eq - name) : strlen(name));
	if (o && !eq && o->has_arg == required_argument) {
		if (end < argc)
			end++;		/* "--name VALUE" */
		else
			missing = 1;
	}
	options_first(argv, i - g->operands, i, end);
	g->next = end;
	i -= g->operands;		/* where the option is now */
	if (!o)
		return opt_error(argv, "unrecognized option", argv[i]);
	if (eq && o->has_arg == no_argument)
		return opt_error(argv, "option does not take an argument",
				 argv[i]);
	if (missing)
		return opt_error(argv, "option requires an argument", argv[i]);
	g->arg = eq ? eq + 1 : o->has_arg == required_argument ? argv[i + 1] :
								  NULL;
	return o->val;
}

/* The next letter of "-hv". */
static int read_short(struct cli_getopt *g, char **argv, const char *shorts)
{
	char c = *g->cluster++, opt[3] = { '-', c, '\0' };

	if (!*g->cluster)
		g->cluster = NULL;
	if (c == ':' || !strchr(shorts, c))
		return opt_error(argv, "unrecognized option", opt);
	return c;
}

int cli_getopt(struct cli_getopt *g, int argc, char **argv,
	       const char *shorts, const struct option *longs)
{
	int i;

	g->arg = NULL;
	if (g->cluster)
		return read_short(g, argv, shorts);
	if (!g->next)
		g->next = 1;
	/* Skip operands: they wait, and options found later go before them. */
	for (i = g->next; i < argc && (argv[i][0] != '-' || !argv[i][1]); i++)
		g->operands++;
	if (i == argc) {
		g->ind = argc - g->operands;
		return -1;
	}
	if (!strcmp(argv[i], "--")) {
		options_first(argv, i - g->operands, i, i + 1);
		g->ind = i - g->operands + 1;
		return -1;
	}
	if (argv[i][1] == '-')
		return read_long(g, argc, argv, i, longs);
	options_first(argv, i - g->operands, i, i + 1);
	g->next = i + 1;
	g->cluster = argv[i - g->operands] + 1;
	return read_short(g, argv, shorts);
}
