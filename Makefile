# barebpf - an eBPF loader in plain C and raw syscalls.
#
#   make            build everything into build/
#   make run        build and run the process monitor (procmon)
#   make test       build and run every test under prove (TAP)
#
# Sources are found by wildcard, so adding a file needs no edit here:
#   elf/*.c loader/*.c      -> build/libbarebpf.a
#   loader/cmd/NAME.c       -> build/NAME
#   kernel/NAME.bpf.c       -> build/NAME.bpf.o
#   kernel/test/NAME.bpf.c  -> build/test/NAME.bpf.o  (objects tests load)
#   tests/TIER/NAME.c       -> build/tests/TIER/NAME.t (TAP programs)
#   tests/TIER/NAME.sh      -> run as is (TAP scripts)

CC        ?= gcc
CLANG     ?= clang
BUILD     ?= build
CFLAGS    ?= -O2 -g
CFLAGS    += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror
BPF_CFLAGS = -target bpf -O2 -g -Wall -Werror -Ikernel
DEPFLAGS   = -MMD -MP

# Debian packages the build and the tests need on a fresh machine.
PKGS = clang llvm libelf-dev strace perl

LIB_SRCS  := $(wildcard elf/*.c loader/*.c)
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
LIB       := $(BUILD)/libbarebpf.a
CMD_SRCS  := $(wildcard loader/cmd/*.c)
CMDS      := $(CMD_SRCS:loader/cmd/%.c=$(BUILD)/%)
BPF_SRCS  := $(wildcard kernel/*.bpf.c kernel/test/*.bpf.c)
BPF_OBJS  := $(BPF_SRCS:kernel/%.bpf.c=$(BUILD)/%.bpf.o)
TEST_SRCS := $(wildcard tests/parser/*.c tests/fake/*.c tests/kernel/*.c)
TESTS_C   := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%.t)
TESTS_SH  := $(wildcard tests/parser/*.sh tests/fake/*.sh tests/kernel/*.sh)
# Tier order: no root, fake kernel, real kernel.
TESTS     := $(foreach t,parser fake kernel,\
	       $(filter $(BUILD)/tests/$(t)/%,$(TESTS_C)) $(filter tests/$(t)/%,$(TESTS_SH)))

all: $(LIB) $(CMDS) $(BPF_OBJS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/%: $(BUILD)/obj/loader/cmd/%.o $(LIB)
	$(CC) $(CFLAGS) $< $(LIB) -o $@ $(LDFLAGS)

$(BUILD)/%.bpf.o: kernel/%.bpf.c
	@mkdir -p $(dir $@)
	$(CLANG) $(BPF_CFLAGS) $(DEPFLAGS) -MF $(@:.o=.d) -c $< -o $@

# Tests whose name mentions libelf use it as an oracle for our parser.
$(BUILD)/tests/%.t: tests/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(DEPFLAGS) -MF $(@:.t=.d) -I. $< $(LIB) -o $@ \
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

test: deps
	@$(MAKE) --no-print-directory all tests
	@$(MAKE) --no-print-directory tracefs bpffs
	prove --exec '' $(PROVE_FLAGS) $(TESTS)

tests: $(TESTS_C) $(BPF_OBJS)

clean:
	rm -rf $(BUILD)

.PHONY: all deps tracefs bpffs run test tests clean
.SECONDARY:
-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
