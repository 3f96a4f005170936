// SPDX-License-Identifier: GPL-2.0
/* cpus.c - the kernel's CPU list format ("0-3,5"), parsed without sysfs. */
#include <errno.h>

#include "loader/sys/cpus.h"
#include "tests/tap.h"

static uint32_t cpus[64];

static int parse(const char *text, uint32_t *nr)
{
	struct bb_err err = { 0 };

	return cpus_parse(text, cpus, 64, nr, &err);
}

int main(void)
{
	uint32_t nr = 0;

	is_int(parse("0\n", &nr), 0, "single CPU");
	is_int(nr, 1, "one of them");
	is_int(parse("0-3,5,8-9\n", &nr), 0, "ranges and singles");
	ok(nr == 7 && cpus[3] == 3 && cpus[4] == 5 && cpus[6] == 9,
	   "0 1 2 3 5 8 9");
	is_int(parse("2,4", &nr), 0, "no trailing newline, gaps");
	ok(nr == 2 && cpus[0] == 2 && cpus[1] == 4, "2 4");
	is_int(parse("", &nr), -EINVAL, "empty list");
	is_int(parse("3-1", &nr), -EINVAL, "backwards range");
	is_int(parse("1,1", &nr), -EINVAL, "repeat");
	is_int(parse("0-x", &nr), -EINVAL, "garbage");
	is_int(parse("0-99", &nr), -EINVAL, "more CPUs than room");
	is_int(parse("99999999999", &nr), -EINVAL, "absurd number");
	return done_testing();
}
