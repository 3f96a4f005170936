// SPDX-License-Identifier: GPL-2.0
/*
 * loader/cli.c's option reader, on the argument lists our tools take:
 * long options in all three spellings, prefixes, short clusters, "--",
 * operands between options (moved after them), and the errors.
 */
#include <stdio.h>
#include <string.h>

#include "loader/cmd/common/cli.h"
#include "tests/tap.h"

static const struct option longs[] = {
	{ "obj", required_argument, NULL, 'o' },
	{ "interval", required_argument, NULL, 'i' },
	{ "json", no_argument, NULL, 'j' },
	{ "pin", no_argument, NULL, 'p' },
	{ "pin-dir", required_argument, NULL, 'd' },
	{ "events", optional_argument, NULL, 'e' },
	{ 0 },
};

/*
 * Read @args (space-separated) to the end; returns "c=arg c ..." for the
 * options and, after '|', the operands in the order left in argv.
 */
static const char *run(const char *args)
{
	static char line[256], out[512];
	char *argv[32] = { "tool" };
	struct cli_getopt g = { 0 };
	int argc = 1, c, i;
	size_t n = 0;

	snprintf(line, sizeof(line), "%s", args);
	for (char *t = strtok(line, " "); t; t = strtok(NULL, " "))
		argv[argc++] = t;
	out[0] = '\0';
	while ((c = cli_getopt(&g, argc, argv, "hv", longs)) != -1)
		n += snprintf(out + n, sizeof(out) - n, g.arg ? "%c=%s " : "%c ",
			      c, g.arg);
	n += snprintf(out + n, sizeof(out) - n, "|");
	for (i = g.ind; i < argc; i++)
		n += snprintf(out + n, sizeof(out) - n, " %s", argv[i]);
	return out;
}

int main(void)
{
	is_str(run("--obj x.o --interval=5 --json"), "o=x.o i=5 j |",
	       "--name VALUE, --name=VALUE, --flag");
	is_str(run("--int 7 --js"), "i=7 j |", "unique prefixes");
	is_str(run("--pin"), "p |", "an exact name wins over a longer one");
	is_str(run("--pi"), "? |", "an ambiguous prefix is an error");
	is_str(run("--events --events=ringbuf"), "e e=ringbuf |",
	       "an optional argument only after '='");
	is_str(run("-hv -v"), "h v v |", "short options, clustered");
	is_str(run("-x"), "? |", "an unknown short option");
	is_str(run("--nope --json"), "? j |", "an unknown long option, then on");
	is_str(run("--json=1"), "? |", "an argument where none is taken");
	is_str(run("--obj"), "? |", "a missing argument");
	is_str(run("run a.o --interval 3 b c --json"), "i=3 j | run a.o b c",
	       "operands between options move after them, in order");
	is_str(run("a -- --json b"), "| a --json b",
	       "after --, everything is an operand");
	is_str(run("a - b"), "| a - b", "'-' alone is an operand");
	is_str(run(""), "|", "no arguments at all");
	return done_testing();
}
