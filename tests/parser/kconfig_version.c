// SPDX-License-Identifier: GPL-2.0
/*
 * kconfig_version.c - uname's release as LINUX_KERNEL_VERSION sees it.
 */
#include "loader/load/kconfig.h"
#include "tests/tap.h"

int main(void)
{
	is_int(kconfig_kernel_version("6.1.0-18-amd64"), 0x060100, "6.1.0-18-amd64");
	is_int(kconfig_kernel_version("6.18.44-fc"), 0x06122c, "6.18.44-fc");
	is_int(kconfig_kernel_version("4.19.300"), 0x0413ff, "4.19.300: sublevel capped at 255");
	is_int(kconfig_kernel_version("5.15"), 0x050f00, "5.15: no sublevel");
	is_int(kconfig_kernel_version("garbage"), 0, "garbage: 0");
	return done_testing();
}
