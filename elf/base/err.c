// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "elf/base/err.h"
#include "elf/base/fmt.h"

int bb_errf(struct bb_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	va_start(ap, fmt);
	fmt_vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

int bb_err_prefix(struct bb_err *e, int code, const char *fmt, ...)
{
	char prefix[256];
	size_t n;
	va_list ap;

	if (!e)
		return code;
	va_start(ap, fmt);
	fmt_vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	/* Shift the old message right, cutting its end if it must. */
	n = strlen(prefix);
	memmove(e->msg + n + 2, e->msg, sizeof(e->msg) - n - 2);
	memcpy(e->msg, prefix, n);
	memcpy(e->msg + n, ": ", 2);
	e->msg[sizeof(e->msg) - 1] = '\0';
	return code;
}

void bb_err_detail(struct bb_err *e, char *detail)
{
	if (!e) {
		free(detail);
		return;
	}
	free(e->detail);
	e->detail = detail;
}

const char *bb_err_log(const struct bb_err *e)
{
	return e && e->detail ? e->detail : "";
}

void bb_err_free(struct bb_err *e)
{
	if (!e)
		return;
	free(e->detail);
	e->detail = NULL;
}
