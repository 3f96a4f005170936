// SPDX-License-Identifier: GPL-2.0
/*
 * gen_skel_names.c - the names in a skeleton: the sections' names, NAME
 * and FILE put into its text (skel_puts()), and may a map, program or
 * variable name be a member of a skeleton's struct?  The header must compile as C and as C++, so a name
 * may not be a keyword of either, nor a macro of the headers it includes
 * (errno, stdin, bool...).  Clang takes such names in BPF C only when
 * they are not keywords there (a map called "class" or "new" is fine in
 * C), so the object may well have them.
 */
#include <errno.h>
#include <string.h>

#include "loader/cmd/barebpf/gen_skel_types.h"

static const char *const reserved[] = {
	/* C11 */
	"auto", "break", "case", "char", "const", "continue", "default", "do",
	"double", "else", "enum", "extern", "float", "for", "goto", "if",
	"inline", "int", "long", "register", "restrict", "return", "short",
	"signed", "sizeof", "static", "struct", "switch", "typedef", "union",
	"unsigned", "void", "volatile", "while", "_Alignas", "_Alignof",
	"_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn",
	"_Static_assert", "_Thread_local",
	/* C++ (up to C++20) */
	"alignas", "alignof", "and", "and_eq", "asm", "bitand", "bitor",
	"bool", "catch", "char8_t", "char16_t", "char32_t", "class", "compl",
	"concept", "consteval", "constexpr", "constinit", "const_cast",
	"co_await", "co_return", "co_yield", "decltype", "delete",
	"dynamic_cast", "explicit", "export", "false", "friend", "mutable",
	"namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator",
	"or", "or_eq", "private", "protected", "public", "reinterpret_cast",
	"requires", "static_assert", "static_cast", "template", "this",
	"thread_local", "throw", "true", "try", "typeid", "typename", "using",
	"virtual", "wchar_t", "xor", "xor_eq",
	/* macros of the headers a skeleton includes, and gcc's own */
	"errno", "stdin", "stdout", "stderr", "assert", "offsetof", "NULL",
	"EOF", "linux", "unix", "i386",
};

static int is_identifier(const char *s)
{
	if (!*s || (*s >= '0' && *s <= '9'))
		return 0;
	for (; *s; s++)
		if (!(*s == '_' || (*s >= 'a' && *s <= 'z') ||
		      (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9')))
			return 0;
	return 1;
}

int skel_check_name(const char *what, const char *name, struct bb_err *err)
{
	size_t i;

	if (!is_identifier(name))
		return bb_errf(err, -EINVAL,
			       "%s '%s': not a C identifier", what, name);
	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (!strcmp(name, reserved[i]))
			return bb_errf(err, -EINVAL,
				       "%s '%s': a C or C++ keyword or a standard macro, which cannot name a member of the skeleton: rename it in the BPF C",
				       what, name);
	/* Our padding members are __padN. */
	if (!strncmp(name, "__pad", 5))
		return bb_errf(err, -EINVAL,
			       "%s '%s': names starting with __pad are the skeleton's padding",
			       what, name);
	return 0;
}

const char *const skel_sect_names[SKEL_NR_SECTS] = {
	".bss", ".data", ".rodata"
};

/*
 * Write @text, a piece of a skeleton, with NAME replaced by the skeleton's
 * name and FILE by its object's file name.
 */
void skel_puts(struct out *f, const struct skel *s, const char *text)
{
	const char *p = text, *name, *file;

	for (;;) {
		name = strstr(p, "NAME");
		file = strstr(p, "FILE");
		if (file && (!name || file < name))
			name = file;
		if (!name)
			break;
		out_printf(f, "%.*s%s", (int)(name - p), p,
			   name == file ? s->file : s->name);
		p = name + 4;
	}
	out_puts(f, p);
}
