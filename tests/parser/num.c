// SPDX-License-Identifier: GPL-2.0
/*
 * elf/num.c: decimal digits, a limit, and where the number ends; and
 * num_parse_int() (--set VAR=VALUE): a sign, 0x hex, a [min, max] range.
 */
#include <errno.h>
#include <stdint.h>

#include "elf/base/num.h"
#include "loader/cmd/common/cli.h"
#include "tests/tap.h"

static void parse_int(void)
{
	uint64_t v = 7;

	is_int(num_parse_int("99999999999", 0, UINT32_MAX, &v), -ERANGE,
	       "int: 99999999999 is out of a u32's range");
	is_int(num_parse_int("4294967295", 0, UINT32_MAX, &v), 0,
	       "int: 4294967295 is a u32");
	is_int(num_parse_int("-1", 0, UINT32_MAX, &v), -ERANGE,
	       "int: -1 is out of an unsigned range");
	is_int(num_parse_int("-0", 0, UINT32_MAX, &v), 0, "int: -0 is 0");
	ok(v == 0, "int: its value is 0");
	is_int(num_parse_int("-2147483648", INT32_MIN, INT32_MAX, &v), 0,
	       "int: the smallest s32 is an s32");
	ok((int32_t)v == INT32_MIN, "int: two's complement bits");
	is_int(num_parse_int("-2147483649", INT32_MIN, INT32_MAX, &v), -ERANGE,
	       "int: one less is -ERANGE");
	is_int(num_parse_int("2147483648", INT32_MIN, INT32_MAX, &v), -ERANGE,
	       "int: over an s32's max is -ERANGE");
	is_int(num_parse_int("-9223372036854775808", INT64_MIN, INT64_MAX, &v), 0,
	       "int: the smallest s64");
	ok(v == (uint64_t)INT64_MIN, "int: its bits");
	is_int(num_parse_int("0x1F", 0, UINT8_MAX, &v), 0, "int: 0x1F hex");
	ok(v == 31, "int: is 31");
	is_int(num_parse_int("-0x10", -128, 127, &v), 0, "int: -0x10 hex");
	ok((int8_t)v == -16, "int: is -16");
	is_int(num_parse_int("0x100", 0, UINT8_MAX, &v), -ERANGE,
	       "int: 0x100 is over a u8");
	is_int(num_parse_int("0xffffffffffffffff", 0, UINT64_MAX, &v), 0,
	       "int: the largest u64 in hex");
	is_int(num_parse_int("0x10000000000000000", 0, UINT64_MAX, &v), -ERANGE,
	       "int: one more is -ERANGE, not a wrap");
	is_int(num_parse_int("2", 0, 1, &v), -ERANGE, "int: 2 is not a bool");
	is_int(num_parse_int("0x", 0, 10, &v), -EINVAL, "int: 0x alone: no number");
	is_int(num_parse_int("", 0, 10, &v), -EINVAL, "int: empty: no number");
	is_int(num_parse_int("-", -5, 10, &v), -EINVAL, "int: a sign alone");
	is_int(num_parse_int("12ab", 0, 10, &v), -EINVAL,
	       "int: junk after digits: not a number (before any range)");
	is_int(num_parse_int("1 ", 0, 10, &v), -EINVAL, "int: nor a space");
	is_int(num_parse_int("+1", 0, 10, &v), -EINVAL, "int: nor a '+'");
	is_int(num_parse_int("0xg", 0, 10, &v), -EINVAL, "int: nor a non-hex digit");
}

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
	parse_int();
	return done_testing();
}
