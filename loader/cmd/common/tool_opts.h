/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tool_opts.h - the options every tool in loader/cmd/ takes, and how a
 * tool adds its own.
 *
 *	--obj PATH	the BPF object to load instead of the built-in one
 *	--interval MS	how often to print (default 1000)
 *	--count N	how many times, then exit (default 0: until Ctrl+C)
 *	-v, --verbose	narrate every kernel call on stderr (narrate.h)
 *	-h, --help	print the tool's usage on stdout and exit 0
 *	--version	print "NAME VERSION" on stdout and exit 0
 */
#ifndef BAREBPF_TOOL_OPTS_H
#define BAREBPF_TOOL_OPTS_H

#include "loader/cmd/common/cli.h"

struct out;

struct tool_opts {
	const char *obj;	/* NULL: built in, or next to our binary */
	long interval_ms;
	long count;		/* 0: until a signal */
	int verbose;
};

struct tool_cli {
	const char *name;		/* for messages: "procmon" */
	const struct option *own;	/* the tool's own options, or NULL;
					 * ends with { 0 }; their val must
					 * not be one of "ocivhV" */
	/* One of the tool's own options was given: 0, or -1 if @arg is bad. */
	int (*on_opt)(void *ctx, int val, const char *arg);
	void *ctx;
	void (*usage)(struct out *o);	/* the tool's --help text */
};

/* --version's line: "procmon 0.2.0 (git a636dd1)". */
void tool_print_version(const char *name);

/*
 * Read @argv.  Returns 0 to go on, 1 after --help or --version (exit 0),
 * -1 after saying what is wrong on stderr (exit 2).  With -v, narration
 * starts.
 */
int tool_parse_opts(const struct tool_cli *cli, int argc, char **argv,
		    struct tool_opts *o);

#endif
