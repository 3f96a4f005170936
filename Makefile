# barebpf - an eBPF loader in plain C and raw syscalls.
#
#   make            build everything into build/
#   make install    tools, library (.a, .so), header, barebpf.pc, man pages
#                   into $(DESTDIR)$(PREFIX) (/usr/local); make uninstall
#   make run        build and run the process monitor (procmon)
#   make test       build and run every test under prove (TAP), then
#                   test-realworld and test-vm
#   make test-realworld  libbpf-tools' and xdp-tools' objects: barebpf against libbpf
#   make test-vm    run the kernel tests again inside Linux 6.1 under qemu
#   make test-busy  the kernel tests again while other processes exec and
#                   other BPF objects come and go (tests/busy/load.sh)
#   make static     fully static, stripped tools (musl) in build/static/
#   make bench      measure everything, side by side: bench/RESULTS.md
#   make test SANITIZE=1   the same under ASan+UBSan, then valgrind
#   make fuzz       fuzz the parsers for FUZZ_SECONDS (60) seconds
#
# Sources are found by wildcard, so adding a file needs no edit here:
#   elf/**/*.c loader/*/*.c -> build/libbarebpf_internal.a, which the tools
#                           and tests link (not elf/host/, loader/cmd/,
#                           loader/static/); the same code is shipped as
#                           build/libbarebpf.a and .so, which export only
#                           the bb_ names
#   docs/man/NAME.N.scd     -> build/man/NAME.N (scdoc)
#   loader/cmd/common/*.c   -> build/libbbtool.a, the tools' shared helpers
#   loader/cmd/NAME.c       -> build/NAME
#   loader/cmd/NAME/*.c     -> linked into build/NAME only (its helper files)
#   kernel/NAME.bpf.c, kernel/NAME_*.bpf.c -> also embedded in build/NAME,
#                           packed by elf/host/lzpack.c (a build tool)
#   kernel/NAME.bpf.c       -> build/NAME.bpf.o
#   kernel/test/NAME.bpf.c  -> build/test/NAME.bpf.o  (objects tests load)
#   kernel/**/NAME.bpf.c    -> build/skel/**/NAME.skel.h (barebpf gen skeleton)
#   tests/TIER/NAME.c       -> build/tests/TIER/NAME.t (TAP programs)
#   tests/TIER/NAME.sh      -> run as is (TAP scripts)

CC        ?= gcc
CLANG     ?= clang
# BPF objects that need clang 19 (address spaces, addr_space_cast: LLVM
# 18+; Debian 12's clang is 14): kernel/test/arena_*.bpf.c only.
CLANG19   ?= clang-19
# make test SANITIZE=1: everything built with ASan+UBSan, in its own
# directory, then the unprivileged tiers again under valgrind.  The fuzz
# round (itself sanitized) is shorter, and the exec storm smaller: each
# exec of an ASan binary costs ~15 ms.
ifeq ($(SANITIZE),1)
BUILD     ?= build-san
SAN_FLAGS  = -fsanitize=address,undefined -fno-sanitize-recover=all \
	     -fno-omit-frame-pointer
LDFLAGS   += $(SAN_FLAGS)
endif
BUILD     ?= build
BPF_BUILD ?= $(BUILD)
CFLAGS    ?= -O2 -g
CFLAGS    += -std=c11 -D_GNU_SOURCE -I. -Wall -Wextra -Werror $(SAN_FLAGS)
# -fdebug-compilation-dir=.: clang writes the build directory into the
# object's BTF and DWARF strings; without it .BTF's size, and every figure
# docs/ quotes from it, would depend on where the tree was checked out.
BPF_CFLAGS = -target bpf -O2 -g -Wall -Werror -Ikernel -fdebug-compilation-dir=.
DEPFLAGS   = -MMD -MP

# Debian packages the build and the tests need on a fresh machine.
PKGS = clang llvm libelf-dev strace perl musl-tools file binutils bpftool \
       libclang-rt-dev valgrind scdoc pkg-config g++ libbpf-dev \
       systemtap-sdt-dev clang-19

ELF_SRCS  := $(wildcard elf/*.c elf/base/*.c elf/btf/*.c)
LIB_SRCS  := $(ELF_SRCS) $(filter-out loader/cmd/% loader/static/%,$(wildcard loader/*/*.c))
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
LIB       := $(BUILD)/libbarebpf_internal.a
TOOL_SRCS := $(wildcard loader/cmd/common/*.c)
TOOL_LIB  := $(BUILD)/libbbtool.a
CMD_SRCS  := $(wildcard loader/cmd/*.c)
CMDS      := $(CMD_SRCS:loader/cmd/%.c=$(BUILD)/%)
BPF_SRCS  := $(wildcard kernel/*.bpf.c kernel/test/*.bpf.c)
BPF_OBJS  := $(BPF_SRCS:kernel/%.bpf.c=$(BPF_BUILD)/%.bpf.o)
TEST_SRCS := $(wildcard tests/parser/*.c tests/fake/*.c tests/kernel/*.c)
TESTS_C   := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%.t)
TESTS_SH  := $(wildcard tests/parser/*.sh tests/fake/*.sh tests/kernel/*.sh)
# Tier order: no root, fake kernel, real kernel.
TESTS     := $(foreach t,parser fake kernel,\
	       $(filter $(BUILD)/tests/$(t)/%,$(TESTS_C)) $(filter tests/$(t)/%,$(TESTS_SH)))

all: tools lib skels

tools: $(LIB) $(TOOL_LIB) $(CMDS) $(BPF_OBJS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

# The version, in one place: the release, and the git revision when built
# from git (`git describe --always --dirty`); loader/core/version.c reads
# it from $(BUILD)/bb_version.h, which is rewritten only when it changes.
# The release is BB_VERSION in the public header.
VERSION    := $(shell sed -n 's/^\#define BB_VERSION "\(.*\)"$$/\1/p' loader/barebpf.h)
SOVERSION  := 0
GIT_REV    := $(if $(wildcard .git),$(shell git describe --always --dirty 2>/dev/null))
BB_VERSION := $(VERSION)$(if $(GIT_REV), (git $(GIT_REV)))

# write_if_changed FILE, TEXT: a file whose time moves only with its text.
define write_if_changed
	@mkdir -p $(dir $(1))
	@printf '%s\n' $(2) > $(1).tmp
	@if cmp -s $(1).tmp $(1); then rm -f $(1).tmp; else mv $(1).tmp $(1); fi
endef

$(BUILD)/bb_version.h: FORCE
	$(call write_if_changed,$@,'#define BB_BUILD_VERSION "$(BB_VERSION)"')

$(BUILD)/obj/loader/core/version.o $(BUILD)/pic/loader/core/version.o: \
	$(BUILD)/bb_version.h
$(BUILD)/obj/loader/core/version.o $(BUILD)/pic/loader/core/version.o: \
	CFLAGS += -I$(BUILD)

$(LIB): $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

# The library as shipped.  Inside, the files call each other by short
# names (map_create, sort_r, sys_call...) that libbpf or a program could
# also use, so only the bb_ names may leave it.  The archive holds one
# relocatable object (ld -r of the library's objects) whose other global
# names objcopy makes local; the shared library is linked from objects
# compiled again with -fPIC, and its version script (loader/libbarebpf.ver)
# exports bb_* alone.  -z defs: nothing left undefined but libc's
# (the sanitizers' runtime is not linked into a .so, so not under them).
PUB_LIB  := $(BUILD)/libbarebpf.a
SO_LIB   := $(BUILD)/libbarebpf.so.$(VERSION)
PC       := $(BUILD)/barebpf.pc
PIC_OBJS := $(LIB_SRCS:%.c=$(BUILD)/pic/%.o)
LD       ?= ld
OBJCOPY  ?= objcopy

lib: $(PUB_LIB) $(SO_LIB) $(PC)

$(PUB_LIB): $(LIB_OBJS)
	@rm -f $@
	$(LD) -r $^ -o $(BUILD)/libbarebpf.o
	$(OBJCOPY) -w --keep-global-symbol='bb_*' $(BUILD)/libbarebpf.o
	$(AR) rcs $@ $(BUILD)/libbarebpf.o

$(BUILD)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fPIC $(DEPFLAGS) -c $< -o $@

$(SO_LIB): $(PIC_OBJS) loader/libbarebpf.ver
	$(CC) $(CFLAGS) -shared -Wl,-soname,libbarebpf.so.$(SOVERSION) \
		-Wl,--version-script=loader/libbarebpf.ver \
		$(if $(SAN_FLAGS),,-Wl,-z,defs) $(PIC_OBJS) -o $@ $(LDFLAGS)
	ln -sf $(notdir $@) $(BUILD)/libbarebpf.so.$(SOVERSION)
	ln -sf libbarebpf.so.$(SOVERSION) $(BUILD)/libbarebpf.so

# pkg-config's description of the installed library (its paths follow
# PREFIX, so it is rewritten when they change).
PREFIX     ?= /usr/local
SBINDIR    ?= $(PREFIX)/sbin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR     ?= $(PREFIX)/share/man
PCDIR      ?= $(LIBDIR)/pkgconfig

$(PC): FORCE
	$(call write_if_changed,$@,'prefix=$(PREFIX)' 'libdir=$(LIBDIR)' \
		'includedir=$(INCLUDEDIR)' '' 'Name: barebpf' \
		'Description: an eBPF loader in plain C and raw system calls' \
		'Version: $(VERSION)' \
		'Cflags: -I$${includedir}' 'Libs: -L$${libdir} -lbarebpf')

# Man pages, written in scdoc (docs/man/).
MAN_SRCS := $(wildcard docs/man/*.scd)
MANS     := $(MAN_SRCS:docs/man/%.scd=$(BUILD)/man/%)

$(BUILD)/man/%: docs/man/%.scd
	@mkdir -p $(dir $@)
	@command -v scdoc > /dev/null || { echo "no scdoc: apt-get install scdoc" >&2; exit 1; }
	scdoc < $< > $@

man: $(MANS)

INSTALLED    := $(CMDS:$(BUILD)/%=$(SBINDIR)/%) \
		$(LIBDIR)/libbarebpf.a $(LIBDIR)/libbarebpf.so.$(VERSION) \
		$(LIBDIR)/libbarebpf.so.$(SOVERSION) $(LIBDIR)/libbarebpf.so \
		$(INCLUDEDIR)/barebpf.h $(PCDIR)/barebpf.pc \
		$(foreach m,$(MANS:$(BUILD)/man/%=%),$(MANDIR)/man$(subst .,,$(suffix $(m)))/$(m))

install: $(CMDS) $(PUB_LIB) $(SO_LIB) $(PC) $(MANS)
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(PCDIR) \
		$(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man8
	install -m 755 $(CMDS) $(DESTDIR)$(SBINDIR)/
	install -m 644 $(PUB_LIB) $(DESTDIR)$(LIBDIR)/
	install -m 755 $(SO_LIB) $(DESTDIR)$(LIBDIR)/
	ln -sf libbarebpf.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libbarebpf.so.$(SOVERSION)
	ln -sf libbarebpf.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libbarebpf.so
	install -m 644 loader/barebpf.h $(DESTDIR)$(INCLUDEDIR)/barebpf.h
	install -m 644 $(PC) $(DESTDIR)$(PCDIR)/barebpf.pc
	for m in $(MANS); do \
		s=$${m##*.}; install -m 644 $$m $(DESTDIR)$(MANDIR)/man$$s/ || exit 1; \
	done

# Files only: the directories (/usr/local/lib...) are not ours alone.
uninstall:
	rm -f $(INSTALLED:%=$(DESTDIR)%)

$(TOOL_LIB): $(TOOL_SRCS:%.c=$(BUILD)/obj/%.o)
	@rm -f $@
	$(AR) rcs $@ $^

# Skeletons (`barebpf gen skeleton`, docs/library.md): a C header for
# every object, kernel/NAME.bpf.c -> $(BUILD)/skel/NAME.skel.h and
# kernel/test/NAME.bpf.c -> $(BUILD)/skel/test/NAME.skel.h, generated
# from the object without its DWARF (as the tools embed theirs, below).
# Our own barebpf writes them, so they follow the generator's changes.
SKELS     := $(BPF_SRCS:kernel/%.bpf.c=$(BUILD)/skel/%.skel.h)
# Tools and tests whose C includes a skeleton ("NAME.skel.h"): they see
# $(BUILD)/skel and <barebpf.h>, and are built after the skeletons.  Such
# a tool carries its object in the skeleton, so none is embedded below.
SKEL_USERS := $(shell grep -l '\.skel\.h"' $(CMD_SRCS) $(TEST_SRCS) 2>/dev/null)
SKEL_TOOLS := $(patsubst loader/cmd/%.c,%,$(filter loader/cmd/%,$(SKEL_USERS)))

# gen_skel OBJ, NAME, OUT: the skeleton NAME of OBJ into OUT, from a copy
# of OBJ without its DWARF (in .strip/ beside OUT: the file keeps its name,
# which the skeleton's messages use).
define gen_skel
	@mkdir -p $(dir $(3)).strip
	llvm-strip -g -R .rel.BTF -R .rel.BTF.ext -R .llvm_addrsig $(1) -o $(dir $(3)).strip/$(notdir $(1))
	$(BUILD)/barebpf gen skeleton $(dir $(3)).strip/$(notdir $(1)) --name $(2) > $(3).tmp
	mv $(3).tmp $(3)
endef

$(BUILD)/skel/%.skel.h: $(BPF_BUILD)/%.bpf.o $(BUILD)/barebpf
	$(call gen_skel,$<,$(notdir $*),$@)

skels: $(SKELS)

$(patsubst loader/cmd/%.c,$(BUILD)/obj/loader/cmd/%.o,$(filter loader/cmd/%,$(SKEL_USERS))) \
$(patsubst tests/%.c,$(BUILD)/tests/%.t,$(filter tests/%,$(SKEL_USERS))): \
	$(SKELS)
$(patsubst loader/cmd/%.c,$(BUILD)/obj/loader/cmd/%.o,$(filter loader/cmd/%,$(SKEL_USERS))) \
$(patsubst tests/%.c,$(BUILD)/tests/%.t,$(filter tests/%,$(SKEL_USERS))): \
	CFLAGS += -I$(BUILD)/skel -Iloader

# A tool also links its helper files and, embedded, its BPF objects:
# kernel/NAME.bpf.c and kernel/NAME_*.bpf.c for loader/cmd/NAME.c (unless
# it has them from its skeleton).
$(foreach c,$(CMD_SRCS:loader/cmd/%.c=%),$(eval $(BUILD)/$(c): \
	$(patsubst %.c,$(BUILD)/obj/%.o,$(wildcard loader/cmd/$(c)/*.c)) \
	$(if $(filter $(c),$(SKEL_TOOLS)),,$(patsubst kernel/%.bpf.c,$(BUILD)/obj/embed/%.o,\
		$(wildcard kernel/$(c).bpf.c kernel/$(c)_*.bpf.c)))))

# TOOL_EXTRA: sources every tool links besides its own.  Empty here; the
# musl builds (static, vm-static) pass loader/static/*.c, our own malloc
# (docs/static.md): the glibc, ASan and valgrind builds keep libc's.
TOOL_EXTRA =
$(BUILD)/%: $(BUILD)/obj/loader/cmd/%.o $(TOOL_EXTRA:%.c=$(BUILD)/obj/%.o) $(TOOL_LIB) $(LIB)
	$(CC) $(CFLAGS) $(filter %.o,$^) $(TOOL_LIB) $(LIB) -o $@ $(LDFLAGS)

# lzpack (elf/host/lzpack.c) runs at build time, so it is built with the
# build machine's compiler even when CC is musl-gcc (make static), and
# where the BPF objects go, so that the static build shares it.
HOST_CC     ?= cc
LZPACK      := $(BPF_BUILD)/host/lzpack
LZPACK_SRCS := elf/host/lzpack.c elf/base/lz_pack.c elf/base/lz.c elf/base/buf.c elf/base/err.c elf/base/fmt.c

$(LZPACK): $(LZPACK_SRCS) elf/base/lz.h elf/base/buf.h elf/base/err.h elf/base/fmt.h
	@mkdir -p $(dir $@)
	$(HOST_CC) -O2 -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -I. \
		$(LZPACK_SRCS) -o $@

# The object, without its DWARF (BTF and BTF.ext stay), packed by lzpack
# (elf/base/lz.h), and one entry of the section bb_embedded: its name, where its
# packed bytes start and end, and its size unpacked (embedded.h).  Also
# dropped: the relocations of .BTF and .BTF.ext (no loader reads them: the
# offsets they fix come from the symbol table) and clang's
# address-significance table, which only a linker uses.
# The section is writable only so that a PIE needs no text relocation.
$(BUILD)/obj/embed/%.o: $(BPF_BUILD)/%.bpf.o $(LZPACK)
	@mkdir -p $(dir $@)
	llvm-strip -g -R .rel.BTF -R .rel.BTF.ext -R .llvm_addrsig $< \
		-o $(@:.o=.embed)
	$(LZPACK) $(@:.o=.embed) $(@:.o=.lz)
	printf '\t.section .rodata\n1:\t.incbin "%s"\n2:\n3:\t.asciz "%s"\n\t.section bb_embedded,"aw"\n\t.balign 8\n\t.quad 3b, 1b, 2b, %s\n\t.section .note.GNU-stack,"",@progbits\n' \
		$(@:.o=.lz) $(notdir $<) $$(wc -c < $(@:.o=.embed)) | \
		$(CC) -c -x assembler - -o $@

# kernel/bpf/bpf_helper_defs.h, every helper's declaration, is written
# from the uapi header by kernel/bpf/helper_defs.pl and kept in the tree
# (tests/parser/helper_defs.sh checks it): `make helper-defs` after the
# host's linux-libc-dev grows new helpers.
HELPER_UAPI ?= /usr/include/linux/bpf.h
helper-defs:
	perl kernel/bpf/helper_defs.pl $(HELPER_UAPI) > kernel/bpf/bpf_helper_defs.h

$(BPF_BUILD)/%.bpf.o: kernel/%.bpf.c
	@mkdir -p $(dir $@)
	$(CLANG) $(BPF_CFLAGS) $(DEPFLAGS) -MF $(@:.o=.d) -c $< -o $@

# __arena globals need clang 19 (see CLANG19); the rest stays on clang 14.
$(BPF_BUILD)/test/arena_%.bpf.o: kernel/test/arena_%.bpf.c
	@mkdir -p $(dir $@)
	$(CLANG19) $(BPF_CFLAGS) $(DEPFLAGS) -MF $(@:.o=.d) -c $< -o $@

# Tests whose name mentions libelf use it as an oracle for our parser.
$(BUILD)/tests/%.t: tests/%.c $(TOOL_LIB) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(DEPFLAGS) -MF $(@:.t=.d) $< $(TOOL_LIB) $(LIB) -o $@ \
		$(if $(findstring libelf,$<),-lelf)

deps:
	@missing=$$(for p in $(PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:" $$missing; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq $$missing >/dev/null; \
	fi

# tracefs holds the tracepoint ids; it is not mounted on every machine.
tracefs:
	@if [ ! -d /sys/kernel/tracing/events ] && [ ! -d /sys/kernel/debug/tracing/events ]; then \
		echo "mounting tracefs: mount -t tracefs nodev /sys/kernel/tracing"; \
		mount -t tracefs nodev /sys/kernel/tracing; \
	fi

# bpffs holds pins (procmon --pin, the pin tests); mounted on most systems.
bpffs:
	@if ! stat -f -c %T /sys/fs/bpf 2>/dev/null | grep -qx bpf_fs; then \
		echo "mounting bpffs: mount -t bpf bpf /sys/fs/bpf"; \
		mount -t bpf bpf /sys/fs/bpf; \
	fi

run: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory tracefs bpffs
	$(BUILD)/procmon $(ARGS)

# Fully static, stripped tools, built with musl (Debian's musl-tools).
# musl's headers have no linux/ or asm/, and adding all of /usr/include
# would let glibc's headers in, so a directory holding links to only the
# kernel's uapi headers goes after musl's own include path.
MUSL_CC     ?= musl-gcc
STATIC      := $(BUILD)/static
STATIC_CMDS := procmon barebpf
STATIC_INC  := $(STATIC)/include
MULTIARCH   := $(shell gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
# Small (docs/static.md has what each step saved): -Oz (gcc 12: size
# before speed), no unwind tables (C needs none), no stack protector or
# CET padding, unused functions dropped, no page of padding between
# segments (-z noseparate-code; a common page size of 64 lets the writable
# segment begin in the file right after the read-only one, where 4096
# would start it on the next page: 1,696 bytes of zeros on 2026-12-03),
# and link-time optimisation in one piece (-flto: the compiler
# sees the whole program, inlines across files and drops what no one
# calls).  Data aligned as the ABI asks, not to cache lines
# (-malign-data=abi), and switches as compares rather than tables of
# addresses (-fno-jump-tables): 224 bytes of procmon on 2026-12-03.
# No RELRO: in a static binary nothing would make it read-only
# (that is the dynamic loader's job), and it pads the file to a page.
# With -flto gcc 12 warns "may be used uninitialized" where it cannot
# follow a value set through a pointer; the normal build (-O2) still
# checks that.  The linker's map (NAME.map, for bench/size.sh) says where
# every byte came from (\$$@: the inner make's target, not this one's).
STATIC_CFLAGS  = -Oz -flto -flto-partition=one -Wno-maybe-uninitialized \
		 -ffunction-sections -fdata-sections \
		 -fno-asynchronous-unwind-tables -fno-unwind-tables \
		 -fno-stack-protector -fcf-protection=none -malign-data=abi \
		 -fno-jump-tables
# The musl tools' own malloc, free, calloc and realloc (loader/static/).
MUSL_EXTRA     = $(wildcard loader/static/*.c)
STATIC_LDBASE  = -static -Wl,--gc-sections -Wl,-z,noseparate-code -Wl,-z,common-page-size=64 \
		 -Wl,--build-id=none -Wl,-z,norelro
STATIC_LDFLAGS = $(STATIC_LDBASE) -Wl,-Map=\$$@.map

static: $(BPF_OBJS) $(LZPACK)
	@mkdir -p $(STATIC_INC)
	@ln -sfn /usr/include/linux $(STATIC_INC)/linux
	@ln -sfn /usr/include/asm-generic $(STATIC_INC)/asm-generic
	@ln -sfn /usr/include/$(MULTIARCH)/asm $(STATIC_INC)/asm
	@CFLAGS="$(STATIC_CFLAGS) -idirafter $(STATIC_INC)" LDFLAGS="$(STATIC_LDFLAGS)" \
		$(MAKE) --no-print-directory CC=$(MUSL_CC) BUILD=$(STATIC)/obj SANITIZE= \
		BPF_BUILD=$(BPF_BUILD) TOOL_EXTRA="$(MUSL_EXTRA)" $(STATIC_CMDS:%=$(STATIC)/obj/%)
	@for c in $(STATIC_CMDS); do \
		strip -s -R .comment -o $(STATIC)/$$c $(STATIC)/obj/$$c || exit 1; \
		echo "$(STATIC)/$$c: $$(stat -c %s $(STATIC)/$$c) bytes"; \
	done

test: deps
	@$(MAKE) --no-print-directory all tests static
	@$(MAKE) --no-print-directory tracefs bpffs
	env -u MAKEFLAGS -u MAKELEVEL BUILD=$(BUILD) \
		$(if $(SAN_FLAGS),FUZZ_TEST_SECONDS=10 BAREBPF_STORM=2000) prove --exec '' $(PROVE_FLAGS) $(TESTS)
	@$(MAKE) --no-print-directory $(if $(SAN_FLAGS),test-valgrind,test-realworld test-vm)

# The kernel tier again on a busy machine (docs/hardening.md): while
# tests/busy/load.sh execs short processes and loads, attaches and closes
# BPF objects all the time, stopped and waited for when prove ends.  The
# exec storm is smaller (2,000 processes, as with SANITIZE=1): here the
# point is the others' activity; make test ran its 20,000.
TESTS_KERNEL = $(filter $(BUILD)/tests/kernel/% tests/kernel/%,$(TESTS))

test-busy: deps
	@$(MAKE) --no-print-directory all tests static
	@$(MAKE) --no-print-directory tracefs bpffs
	env -u MAKEFLAGS -u MAKELEVEL BUILD=$(BUILD) BAREBPF_STORM=2000 tests/busy/with_load.sh \
		prove --exec '' $(PROVE_FLAGS) $(TESTS_KERNEL)

# The tiers that need no root, under valgrind (it cannot run ASan builds,
# so on the plain build).  The .sh tests are left out: valgrind would
# follow them into the shell and the ASan-built fuzzer.
VG_BUILD = build
VALGRIND = valgrind -q --error-exitcode=97 --leak-check=full \
	   --errors-for-leak-kinds=definite --track-fds=no
test-valgrind:
	@$(MAKE) --no-print-directory BUILD=$(VG_BUILD) SANITIZE= all tests
	BUILD=$(VG_BUILD) prove --exec '$(VALGRIND)' $(PROVE_FLAGS) \
		$(filter $(VG_BUILD)/tests/parser/% $(VG_BUILD)/tests/fake/%,\
		$(TESTS_C:$(BUILD)/%=$(VG_BUILD)/%))

# The real-world tier (tests/realworld/run.sh, docs/core-and-btf.md): the
# BPF objects inside Debian's libbpf-tools and xdp-tools, each program loaded by us and
# by libbpf (libbpf_load, the oracle: a test tool, barebpf never links
# libbpf), the answers compared.
RW_PKGS = libbpf-tools xdp-tools libbpf-dev

test-realworld: deps
	@$(MAKE) --no-print-directory deps PKGS="$(RW_PKGS)"
	@$(MAKE) --no-print-directory all $(BUILD)/tests/realworld/libbpf_load
	BUILD=$(BUILD) prove --exec '' $(PROVE_FLAGS) tests/realworld/run.sh
	@cat $(BUILD)/realworld/summary.txt

$(BUILD)/tests/realworld/libbpf_load: tests/realworld/libbpf_load.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -I. $< $(LIB) -o $@ -lbpf

# The VM tier (tests/vm/run.sh, docs/vm-tests.md): the kernel-tier tests
# again, as static binaries, inside Debian's Linux 6.1 under qemu.  The
# static build lives in its own BUILD directory; vm-static is the one
# place that knows how (musl-gcc, with the kernel's uapi headers after
# musl's own).
VM_PKGS   = musl-tools qemu-system-x86
VM_BUILD  = $(BUILD)/vm
STATIC_CC = musl-gcc -static -idirafter /usr/include \
	    -idirafter /usr/include/x86_64-linux-gnu

vm-static:
	@$(MAKE) --no-print-directory deps PKGS="$(VM_PKGS)"
	@$(MAKE) --no-print-directory BUILD=$(VM_BUILD)/static CC="$(STATIC_CC)" \
		TOOL_EXTRA="$(MUSL_EXTRA)" tools kernel-tests \
		$(EX_NAMES:%=$(VM_BUILD)/static/examples/%)

kernel-tests: $(filter $(BUILD)/tests/kernel/%,$(TESTS_C)) $(BPF_OBJS)

test-vm: deps
	@$(MAKE) --no-print-directory vm-static
	tests/vm/run.sh $(VM_BUILD)

# Measurements, not tests (bench/bench.sh): installs the tools it
# compares against, builds them and the references (bench/ref/), and
# writes bench/RESULTS.md.  Needs root.
BENCH_PKGS = libbpf-tools bpftool strace libbpf-dev libelf-dev zlib1g-dev \
	     musl-tools
# The references, each loading the very objects our tools load:
#   procmon_libbpf  procmon on libbpf (Debian's libbpf.a, static).  With
#                   glibc: Debian builds libbpf.a with _FORTIFY_SOURCE, so
#                   it calls glibc's __snprintf_chk and friends, which
#                   musl has not: it does not link with musl-gcc.
#   procmon_lskel   procmon on bpftool's light skeleton (no libbpf at run
#                   time): static with musl, as our static procmon.
#   stream_libbpf   bench/stream.c's measurement with libbpf's readers.
#   lesson5_static  example 1 (docs/examples/lesson5/lesson5.c) as the
#                   static tools are built: musl, -Oz, LTO, on the library
#                   `make static` compiles; stripped.
#   lesson5_lskel   the same program on bpftool's light skeleton of the
#                   same lesson5.bpf.o (bench/ref/lesson5_lskel.c): static
#                   with musl, -Oz, LTO, stripped.
BENCH_REFS   = $(addprefix $(BUILD)/bench/,procmon_libbpf procmon_lskel stream_libbpf \
		 lesson5_static lesson5_lskel)
LIBBPF_LIBS  = -l:libbpf.a -l:libelf.a -l:libz.a
BENCH_REF_CFLAGS = -O2 -std=c11 -D_GNU_SOURCE -I. -Wall -Wextra -Werror

bench-refs: $(BENCH_REFS)

$(BUILD)/bench/procmon_libbpf: bench/ref/procmon_libbpf.c bench/ref/procmon_table.h kernel/procmon.h
	@mkdir -p $(@D)
	$(CC) -static $(BENCH_REF_CFLAGS) $< $(LIBBPF_LIBS) -o $@
	strip -s -R .comment $@

$(BUILD)/bench/stream_libbpf: bench/ref/stream_libbpf.c bench/stream_common.h
	@mkdir -p $(@D)
	$(CC) $(BENCH_REF_CFLAGS) $< $(LIBBPF_LIBS) -o $@

$(BUILD)/bench/procmon.lskel.h: $(BPF_BUILD)/procmon.bpf.o
	@mkdir -p $(@D)
	bpftool gen skeleton -L $< name procmon > $@.tmp && mv $@.tmp $@

# Its headers: musl's, then the kernel's uapi and libbpf's skel_internal.h
# (only headers: the light skeleton makes its own bpf() calls).
LSKEL_INC = @mkdir -p $(@D)/include; \
	ln -sfn /usr/include/bpf $(@D)/include/bpf; \
	ln -sfn /usr/include/linux $(@D)/include/linux; \
	ln -sfn /usr/include/asm-generic $(@D)/include/asm-generic; \
	ln -sfn /usr/include/$(MULTIARCH)/asm $(@D)/include/asm
$(BUILD)/bench/procmon_lskel: bench/ref/procmon_lskel.c bench/ref/procmon_table.h bench/ref/lskel_attach.h \
		$(BUILD)/bench/procmon.lskel.h kernel/procmon.h
	$(LSKEL_INC)
	$(MUSL_CC) -static $(BENCH_REF_CFLAGS) -I$(@D) -idirafter $(@D)/include $< -o $@
	strip -s -R .comment $@

# Example 1 both ways, with the static tools' flags (-Oz, LTO...).  The
# barebpf one links what `make static` builds in $(STATIC)/obj: the
# library, our malloc (as the static tools do) and the example's skeleton
# (made there by the example's own rule).  It relinks on each run: `static`
# is phony (cheap: the inner makes rebuild nothing).
STATIC_OBJ = $(STATIC)/obj
$(BUILD)/bench/lesson5_static: docs/examples/lesson5/lesson5.c static
	@mkdir -p $(@D)
	@CFLAGS="$(STATIC_CFLAGS) -idirafter $(STATIC_INC)" LDFLAGS="$(STATIC_LDFLAGS)" \
		$(MAKE) --no-print-directory CC=$(MUSL_CC) BUILD=$(STATIC_OBJ) SANITIZE= \
		BPF_BUILD=$(BPF_BUILD) TOOL_EXTRA="$(MUSL_EXTRA)" $(STATIC_OBJ)/examples/lesson5.skel.h
	$(MUSL_CC) $(BENCH_REF_CFLAGS) $(STATIC_CFLAGS) -idirafter $(STATIC_INC) \
		-Iloader -I$(STATIC_OBJ)/examples $< $(MUSL_EXTRA:%.c=$(STATIC_OBJ)/obj/%.o) \
		$(STATIC_OBJ)/libbarebpf_internal.a $(STATIC_LDBASE) -Wl,-Map=$@.map -o $@.full
	strip -s -R .comment -o $@ $@.full

$(BUILD)/bench/lesson5.lskel.h: $(BPF_BUILD)/examples/lesson5.bpf.o
	@mkdir -p $(@D)
	bpftool gen skeleton -L $< name lesson5 > $@.tmp && mv $@.tmp $@

$(BUILD)/bench/lesson5_lskel: bench/ref/lesson5_lskel.c bench/ref/lskel_attach.h $(BUILD)/bench/lesson5.lskel.h
	$(LSKEL_INC)
	$(MUSL_CC) $(BENCH_REF_CFLAGS) $(STATIC_CFLAGS) $(STATIC_LDBASE) \
		-I$(@D) -idirafter $(@D)/include $< -o $@
	strip -s -R .comment $@

bench:
	@$(MAKE) --no-print-directory deps PKGS="$(PKGS) $(BENCH_PKGS)"
	@$(MAKE) --no-print-directory all static bench-refs $(BPF_BUILD)/test/stream_test.bpf.o \
		$(BUILD)/tests/realworld/libbpf_load
	@$(MAKE) --no-print-directory tracefs bpffs
	sh bench/bench.sh


# The parsers under libFuzzer, ASan and UBSan (tests/fuzz/, docs/hardening.md):
# elf/ is pure, so the fuzzer links its sources directly.
#   make fuzz FUZZ_SECONDS=3600      grow $(BUILD)/fuzz/corpus for an hour
FUZZ_SECONDS ?= 60
FUZZER       := $(BUILD)/fuzz/fuzz_obj
FUZZ_CFLAGS   = -g -O1 -std=c11 -D_GNU_SOURCE -I. -Wall -Wextra -Werror \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

$(FUZZER): tests/fuzz/fuzz_obj.c $(ELF_SRCS) $(wildcard elf/*.h elf/*/*.h)
	@mkdir -p $(dir $@)
	$(CLANG) $(FUZZ_CFLAGS) tests/fuzz/fuzz_obj.c $(ELF_SRCS) -o $@

fuzz: $(FUZZER) $(BPF_OBJS)
	tests/fuzz/run.sh $(FUZZER) $(FUZZ_SECONDS)

# The tutorial examples (docs/examples/NAME/): NAME.bpf.c -> build/examples/
# NAME.bpf.o, NAME.c -> build/examples/NAME.  The user side is built as a
# library user builds it: it includes <barebpf.h> and links libbarebpf.a.
EX_DIRS  := $(wildcard docs/examples/*/)
EX_NAMES := $(notdir $(patsubst %/,%,$(EX_DIRS)))
# An example with no NAME.bpf.c is user space only (map_api).  One with
# a NAME.bpf.c also gets its skeleton, build/examples/NAME.skel.h (struct
# NAME, NAME__open()...), which NAME.c may include.  NAME_libbpf.c, if
# there is one, is the same user program on libbpf, for comparison: built
# only where libbpf-dev and bpftool are installed (against bpftool's
# skeleton of the same object, build/examples/libbpf/NAME.skel.h): the
# tests' oracle, never shipped.
EX_BPF   := $(foreach n,$(EX_NAMES),$(if $(wildcard docs/examples/$(n)/$(n).bpf.c),$(n)))
EX_PLAIN := $(filter-out $(EX_BPF),$(EX_NAMES))
HAVE_LIBBPF := $(and $(wildcard /usr/include/bpf/libbpf.h),$(shell command -v bpftool 2>/dev/null))
EX_LIBBPF := $(if $(HAVE_LIBBPF),$(foreach n,$(EX_NAMES),\
	$(if $(wildcard docs/examples/$(n)/$(n)_libbpf.c),$(BUILD)/examples/$(n)_libbpf)))
EXAMPLES := $(foreach n,$(EX_NAMES),$(BUILD)/examples/$(n)) \
	    $(foreach n,$(EX_BPF),$(BPF_BUILD)/examples/$(n).bpf.o) $(EX_LIBBPF)

examples: $(EXAMPLES)

# An example whose BPF side includes "vmlinux.h" gets it from the running
# kernel's BTF, written by our own `barebpf btf dump --format c`; bpftool
# only if that fails (it says so).
$(BUILD)/vmlinux.h: $(BUILD)/barebpf
	$(BUILD)/barebpf btf dump --format c > $@.tmp || \
		{ echo "barebpf btf dump failed: vmlinux.h from bpftool instead"; \
		  bpftool btf dump file /sys/kernel/btf/vmlinux format c > $@.tmp; }
	mv $@.tmp $@

define example_rules
$(BPF_BUILD)/examples/$(1).bpf.o: docs/examples/$(1)/$(1).bpf.c \
		$(if $(shell grep -l '"vmlinux.h"' docs/examples/$(1)/$(1).bpf.c),$(BUILD)/vmlinux.h)
	@mkdir -p $$(dir $$@)
	$(CLANG) $(BPF_CFLAGS) -Idocs/examples/$(1) -I$(BUILD) $(DEPFLAGS) -MF $$(@:.o=.d) -c $$< -o $$@

$(BUILD)/examples/$(1).skel.h: $(BPF_BUILD)/examples/$(1).bpf.o $(BUILD)/barebpf
	$$(call gen_skel,$$<,$(1),$$@)

$(BUILD)/examples/$(1): docs/examples/$(1)/$(1).c $(BUILD)/examples/$(1).skel.h $(LIB)
	@mkdir -p $$(dir $$@)
	$(CC) $(CFLAGS) -Iloader -I$(BUILD)/examples -Idocs/examples/$(1) $(DEPFLAGS) -MF $$@.d $$< $(LIB) -o $$@ $(LDFLAGS)

$(BUILD)/examples/libbpf/$(1).skel.h: $(BPF_BUILD)/examples/$(1).bpf.o
	@mkdir -p $$(dir $$@)
	bpftool gen skeleton $$< name $(1) > $$@.tmp
	mv $$@.tmp $$@

$(BUILD)/examples/$(1)_libbpf: docs/examples/$(1)/$(1)_libbpf.c $(BUILD)/examples/libbpf/$(1).skel.h
	$(CC) $(CFLAGS) -I$(BUILD)/examples/libbpf $$< -o $$@ -lbpf $(LDFLAGS)
endef
$(foreach n,$(EX_BPF),$(eval $(call example_rules,$(n))))

# A user-space-only example: no object, no skeleton.
define example_plain_rules
$(BUILD)/examples/$(1): docs/examples/$(1)/$(1).c $(LIB)
	@mkdir -p $$(dir $$@)
	$(CC) $(CFLAGS) -Iloader -Idocs/examples/$(1) $(DEPFLAGS) -MF $$@.d $$< $(LIB) -o $$@ $(LDFLAGS)

$(BUILD)/examples/$(1)_libbpf: docs/examples/$(1)/$(1)_libbpf.c
	@mkdir -p $$(dir $$@)
	$(CC) $(CFLAGS) -Idocs/examples/$(1) $(DEPFLAGS) -MF $$@.d $$< -o $$@ -lbpf $(LDFLAGS)
endef
$(foreach n,$(EX_PLAIN),$(eval $(call example_plain_rules,$(n))))

.PHONY: examples

tests: $(TESTS_C) $(BPF_OBJS) $(FUZZER) lib $(MANS) $(EXAMPLES) $(SKELS)

clean:
	rm -rf $(BUILD)

# Rerun every command docs/ shows and write the real output into the
# blocks that no longer match (docs/checked-outputs.md): review the diff.
# The ```sh vm blocks run in the VM (only they: VM_ONLY=docs), and their
# outputs are written back the same way.
docs-update: all tests examples static
	@$(MAKE) --no-print-directory tracefs bpffs
	perl tests/docs_check.pl --update docs/*.md | grep -v '^ok'; true
	@$(MAKE) --no-print-directory vm-static
	VM_ONLY=docs tests/vm/run.sh $(VM_BUILD)
	perl tests/docs_check.pl --update --vm $(VM_BUILD)/docs docs/*.md | grep -v '^ok'; true

.PHONY: docs-update
.PHONY: helper-defs
.PHONY: skels all deps tracefs bpffs run test tests clean fuzz test-valgrind static vm-static \
	kernel-tests test-vm test-busy bench bench-refs test-realworld tools lib man install uninstall FORCE
.SECONDARY:
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
