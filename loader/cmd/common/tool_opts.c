// SPDX-License-Identifier: GPL-2.0
/*
 * tool_opts.c - the options every tool takes, then the tool's own.
 */
#include "loader/barebpf.h"
#include "loader/sys/out.h"
#include "loader/cmd/common/tool_opts.h"

static const struct option common[] = {
	{ "obj", required_argument, NULL, 'o' },
	{ "interval", required_argument, NULL, 'i' },
	{ "count", required_argument, NULL, 'c' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
};

#define NR_COMMON (sizeof(common) / sizeof(common[0]))
#define MAX_OPTS 24

/* common[], then the tool's own, then the { 0 } that ends them. */
static int all_options(const struct tool_cli *cli, struct option *all)
{
	size_t n;

	for (n = 0; n < NR_COMMON; n++)
		all[n] = common[n];
	while (cli->own && cli->own[n - NR_COMMON].name) {
		if (n == MAX_OPTS - 1)
			return -1;
		all[n] = cli->own[n - NR_COMMON];
		n++;
	}
	all[n] = (struct option){ 0 };
	return 0;
}

static int one_option(const struct tool_cli *cli, struct tool_opts *o,
		      int val, const char *arg)
{
	switch (val) {
	case 'o':
		o->obj = arg;
		return 0;
	case 'i':
		return cli_parse_num(arg, &o->interval_ms);
	case 'c':
		return cli_parse_num(arg, &o->count);
	case 'v':
		o->verbose = 1;
		return 0;
	default:
		return cli->on_opt ? cli->on_opt(cli->ctx, val, arg) : -1;
	}
}

void tool_print_version(const char *name)
{
	out_printf(out_stdout, "%s %s\n", name, bb_version());
	out_flush(out_stdout);
}

int tool_parse_opts(const struct tool_cli *cli, int argc, char **argv,
		    struct tool_opts *o)
{
	struct option all[MAX_OPTS];
	struct cli_getopt g = { 0 };
	int c;

	*o = (struct tool_opts){ .interval_ms = 1000 };
	if (all_options(cli, all)) {
		out_printf(out_stderr, "%s: too many options\n", cli->name);
		return -1;
	}
	while ((c = cli_getopt(&g, argc, argv, "hv", all)) != -1) {
		if (c == 'h') {
			cli->usage(out_stdout);
			out_flush(out_stdout);
			return 1;
		}
		if (c == 'V') {
			tool_print_version(cli->name);
			return 1;
		}
		if (c == '?') {
			cli->usage(out_stderr);
			return -1;
		}
		if (one_option(cli, o, c, g.arg))
			goto bad;
	}
	if (g.ind < argc)
		goto bad;
	if (o->verbose)
		bb_set_verbose(2);
	return 0;
bad:
	out_printf(out_stderr, "%s: bad argument '%s' (see --help)\n",
		   cli->name, g.arg ? g.arg : argv[g.ind]);
	return -1;
}
