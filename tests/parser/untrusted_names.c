// SPDX-License-Identifier: GPL-2.0
/*
 * untrusted_names.c - what an object file says never escapes where it
 * belongs, and absurd files are refused before anything big is allocated:
 *
 *   - a pin's name (a map's name, from the object's BTF) must be one plain
 *     file name: "../x", "a/b", "..", "" and 300-byte names are refused,
 *     also when they come out of a real object whose map was renamed;
 *   - a file larger than FILE_MAX_SIZE is refused from its size alone
 *     (a sparse file: reading it would take gigabytes);
 *   - an ELF header announcing 65,535 sections in a small file is
 *     refused before a section table is allocated.
 * Section names that would become tracefs paths are malformed_spec.c's.
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>

#include "elf/spec.h"
#include "loader/sys/file.h"
#include "loader/pin/pin.h"
#include "tests/parser/objs.h"
#include "tests/tap.h"

static void pin_names(void)
{
	static const char *bad[] = { "../x", "..", ".", "", "a/b", "/etc/passwd" };
	char path[4096], big[300];
	struct bb_err err = { 0 };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ok(pin_path(path, sizeof(path), "/sys/fs/bpf", bad[i], &err) == -EINVAL,
		   "pin name '%s' refused", bad[i]);
		like(err.msg, "is not a plain name", "  saying why");
	}
	memset(big, 'm', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ok(pin_path(path, sizeof(path), "/sys/fs/bpf", big, &err) == -EINVAL,
	   "a 299-byte pin name refused");
	ok(pin_path(path, sizeof(path), "/sys/fs/bpf", "process_map", &err) == 0 &&
	   !strcmp(path, "/sys/fs/bpf/process_map"), "a plain name is fine");
}

/* Rename map process_map to ../../../xx everywhere (BTF and symbol). */
static void renamed_map(void)
{
	const char *b = getenv("BUILD");
	const char *from = "process_map", *to = "../../../xx";
	struct bb_err err = { 0 };
	struct obj_spec spec;
	char path[4096];
	uint8_t *data;
	size_t len = 0, i, n = strlen(from) + 1, hits = 0;

	snprintf(path, sizeof(path), "%s/procmon.bpf.o", b && *b ? b : "build");
	data = read_whole(path, &len);
	if (!ok(data != NULL, "read %s", path))
		return;
	for (i = 1; i + n <= len; i++)
		if (data[i - 1] == 0 && !memcmp(data + i, from, n)) {
			memcpy(data + i, to, n - 1);
			hits++;
		}
	ok(hits >= 2, "renamed in the BTF and the symbol table (%zu places)", hits);
	if (obj_spec_parse(&spec, data, len, &err) == 0) {
		const struct map_spec *m = obj_spec_map(&spec, to);

		ok(m != NULL, "the parser keeps the odd name");
		ok(m && pin_path(path, sizeof(path), "/sys/fs/bpf", m->name, &err) == -EINVAL,
		   "but it never becomes a pin path: %s", err.msg);
		obj_spec_free(&spec);
	} else {
		ok(1, "the parser refuses it: %s", err.msg);
	}
	free(data);
}

static void huge_file(void)
{
	struct bb_err err = { 0 };
	char path[] = "/tmp/bb_huge_XXXXXX";
	uint8_t *out = NULL;
	size_t len = 0;
	int fd = mkstemp(path), ret;

	if (!ok(fd >= 0 && ftruncate(fd, 4ull << 30) == 0, "a sparse 4 GiB file"))
		return;
	close(fd);
	ret = file_read_all(path, &out, &len, &err);
	ok(ret == -EFBIG || ret == -E2BIG, "refused (%d)", ret);
	like(err.msg, "larger than", "from its size alone: %s", err.msg);
	free(out);
	unlink(path);
}

static void many_sections(void)
{
	uint8_t buf[4096] = { 0 };
	Elf64_Ehdr eh = { 0 };
	struct bb_err err = { 0 };
	struct obj_spec spec;

	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_REL;
	eh.e_machine = EM_BPF;
	eh.e_version = EV_CURRENT;
	eh.e_ehsize = sizeof(eh);
	eh.e_shentsize = sizeof(Elf64_Shdr);
	eh.e_shoff = sizeof(eh);
	eh.e_shnum = 65535;
	memcpy(buf, &eh, sizeof(eh));
	ok(obj_spec_parse(&spec, buf, sizeof(buf), &err) < 0,
	   "a 4 KiB file announcing 65535 sections is refused");
	diag("%s", err.msg);
	ok(err.msg[0] != '\0', "with a message");
}

int main(void)
{
	pin_names();
	renamed_map();
	huge_file();
	many_sections();
	return done_testing();
}
