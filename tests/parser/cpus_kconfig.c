// SPDX-License-Identifier: GPL-2.0
/*
 * cpus_kconfig.c - two small parsers of kernel text: the possible-CPU
 * list (a perf event array gets one slot per possible CPU) and uname's
 * release (LINUX_KERNEL_VERSION).
 */
#include "loader/cpus.h"
#include "loader/kconfig.h"
#include "tests/tap.h"

int main(void)
{
	uint32_t n = 0;

	ok(!cpus_parse("0\n", &n) && n == 1, "'0': 1 CPU");
	ok(!cpus_parse("0-1\n", &n) && n == 2, "'0-1': 2 CPUs");
	ok(!cpus_parse("0,2-5,7\n", &n) && n == 8, "'0,2-5,7': ids up to 7, 8 slots");
	ok(!cpus_parse("0-127", &n) && n == 128, "'0-127' without newline: 128");
	ok(cpus_parse("", &n) < 0, "empty: refused");
	ok(cpus_parse("x", &n) < 0, "'x': refused");
	is_int(kconfig_kernel_version("6.1.0-18-amd64"), 0x060100, "6.1.0-18-amd64");
	is_int(kconfig_kernel_version("6.18.44-fc"), 0x06122c, "6.18.44-fc");
	is_int(kconfig_kernel_version("4.19.300"), 0x0413ff, "4.19.300: sublevel capped at 255");
	is_int(kconfig_kernel_version("5.15"), 0x050f00, "5.15: no sublevel");
	is_int(kconfig_kernel_version("garbage"), 0, "garbage: 0");
	return done_testing();
}
