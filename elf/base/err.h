/* SPDX-License-Identifier: GPL-2.0 */
/*
 * err.h - one error message, filled where the error happens.
 *
 * Every function that can fail returns 0 or a negative errno and, on
 * failure, writes one line into a struct bb_err saying what went wrong and
 * where ("elf: section 'x': reloc #3: symbol 91 out of range").  Callers
 * print it; nobody keeps a global error state.  Some errors come with a
 * long text that does not fit in one line (the verifier's log): it goes
 * in @detail, which bb_err_print() prints and frees.
 */
#ifndef BAREBPF_ERR_H
#define BAREBPF_ERR_H

#include <stddef.h>		/* size_t, for the headers that include us */

/*
 * struct bb_err is public: loader/barebpf.h defines it too, with the two
 * calls below, under the same guard (elf/ includes nothing of loader/).
 * Change both together.
 */
#ifndef BB_ERR_DEFINED
#define BB_ERR_DEFINED
struct bb_err {
	char msg[1024];
	char *detail;		/* malloc'd, or NULL */
};

/* The long text in @err (a verifier log), or "". */
const char *bb_err_log(const struct bb_err *err);
/* Free the long text; @err may be reused. */
void bb_err_free(struct bb_err *err);
#endif

/* Format the message into @e (if non-NULL) and return @code (a -errno). */
int bb_errf(struct bb_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Put "PREFIX: " in front of the message already in @e; returns @code. */
int bb_err_prefix(struct bb_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Attach a long text (taking ownership of malloc'd @detail). */
void bb_err_detail(struct bb_err *e, char *detail);

/*
 * Print "@who: msg" and the detail, if any, to @o (out_stderr, usually);
 * frees the detail.  Printing is output: it lives in loader/out.c.
 */
struct out;
void bb_err_print(struct out *o, const char *who, struct bb_err *e);

#endif
