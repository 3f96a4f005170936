// SPDX-License-Identifier: GPL-2.0
/* elf/num.c: decimal digits, a limit, and where the number ends. */
#include <errno.h>
#include <stdint.h>

#include "elf/base/num.h"
#include "loader/cmd/common/cli.h"
#include "tests/tap.h"

int main(void)
{
	const char *end;
	uint64_t v = 7;
	long l = 7;

	is_int(num_parse("1234\n", UINT32_MAX, &v, &end), 0, "1234\\n parses");
	ok(v == 1234 && *end == '\n', "to 1234, ending at the newline");
	is_int(num_parse("4294967295", UINT32_MAX, &v, NULL), 0,
	       "the largest u32 is a u32");
	ok(v == UINT32_MAX, "and its value is right");
	is_int(num_parse("4294967296", UINT32_MAX, &v, NULL), -ERANGE,
	       "one more is -ERANGE");
	is_int(num_parse("18446744073709551615", UINT64_MAX, &v, NULL), 0,
	       "the largest u64 is a u64");
	is_int(num_parse("18446744073709551616", UINT64_MAX, &v, NULL), -ERANGE,
	       "one more is -ERANGE, not a wrap");
	is_int(num_parse("", 10, &v, NULL), -EINVAL, "empty: no number");
	is_int(num_parse("-1", 10, &v, NULL), -EINVAL, "a sign is not a digit");
	is_int(num_parse(" 1", 10, &v, NULL), -EINVAL, "nor is a space");
	is_int(cli_parse_num("250", &l), 0, "cli: 250");
	is_int(l, 250, "cli: its value");
	is_int(cli_parse_num("25x", &l), -1, "cli: trailing junk is refused");
	is_int(cli_parse_num("-5", &l), -1, "cli: negative is refused");
	is_int(cli_parse_num("9223372036854775808", &l), -1,
	       "cli: over LONG_MAX is refused");
	return done_testing();
}
