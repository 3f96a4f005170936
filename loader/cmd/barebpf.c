// SPDX-License-Identifier: GPL-2.0
/*
 * barebpf - look inside BPF objects, and load and run them, one plain
 * system call at a time.
 *
 *	barebpf inspect OBJ [--disasm] [--json]   what the loader sees (no root)
 *	barebpf inspect --check OBJ               would the loader take it?
 *	barebpf disasm OBJ                        every instruction (no root)
 *	barebpf run OBJ [--interval MS] [--count N] [--event-type STRUCT]
 *	            [--iface NAME [--tc-dir ingress|egress]] [--cgroup PATH]
 *	            [--sockmap MAP] [--netns PATH] [--replace PROG:FUNC]
 *	            [--freq HZ] [--pid PID]
 *	barebpf load OBJ [--prog NAME]... [--pin DIR] [--set VAR=VALUE]...
 *	             [--max-entries MAP=N]... [--value-size MAP=N]...
 *	             [--default-max-entries N]
 *	             [--each] [--xlated] [--run SECONDS]
 *	barebpf prog list | show id N [--json]    the kernel's programs
 *	barebpf map list | show|dump|lookup|update|delete|getnext|pin MAP ...
 *	barebpf btf dump [--format c] [FILE]      BTF as a C header (vmlinux.h)
 *	barebpf gen skeleton OBJ [--name NAME]    a C header that loads OBJ
 *
 * -v/--verbose, anywhere, narrates every kernel call on stderr.
 * The subcommands live in loader/cmd/barebpf/.
 */
#include <stdlib.h>
#include <string.h>

#include "loader/cmd/common/cli.h"
#include "loader/cmd/common/tool_opts.h"
#include "loader/sys/narrate.h"
#include "loader/sys/out.h"
#include "loader/cmd/barebpf/cmd.h"
#include "loader/cmd/barebpf/map_cmd.h"

static void usage(struct out *f)
{
	out_printf(f,
		   "Usage: barebpf [-v] COMMAND OBJ [OPTIONS]\n"
		   "\n"
		   "Look inside a BPF object (a clang -target bpf .o file), and load it\n"
		   "with nothing but plain system calls.\n"
		   "\n"
		   "Commands:\n"
		   "  inspect OBJ [--disasm] [--json]\n"
		   "        everything the loader sees: ELF header, sections, symbols,\n"
		   "        programs, maps (from BTF), global data and every relocation\n"
		   "        with what it will become.  --disasm adds each program's\n"
		   "        instructions before and after relocation.  Needs no root.\n"
		   "  inspect --check OBJ\n"
		   "        only whether the loader's parse takes the object (its ELF,\n"
		   "        its BTF by the kernel's rules, maps, programs): exit\n"
		   "        status 0 if it does, 1 if it refuses it, saying why.\n"
		   "  disasm OBJ\n"
		   "        every instruction of every code section, as llvm-objdump -d\n"
		   "        prints them (our own disassembler).  Needs no root.\n"
		   "  run OBJ [--interval MS] [--count N] [--event-type STRUCT]\n"
		   "        load, attach every program by its section name, and print\n"
		   "        every map each interval (default 1000 ms, until Ctrl+C).\n"
		   "        Perf event arrays and ring buffers are read as event\n"
		   "        streams: each event prints as it arrives, as hex bytes, or\n"
		   "        decoded as --event-type's struct (from the object's BTF).\n"
		   "        [--iface NAME] [--cgroup PATH]: what xdp, tc and cgroup programs\n"
		   "        attach to (a cgroup v2 directory); [--tc-dir ingress|egress]:\n"
		   "        where on the interface tc and classifier programs filter (a\n"
		   "        clsact qdisc's bpf filter, through rtnetlink; default\n"
		   "        ingress); [--sockmap MAP]: the object's sockmap/sockhash\n"
		   "        sk_skb and sk_msg programs attach to; [--netns PATH]: the\n"
		   "        network namespace of sk_lookup and flow_dissector programs\n"
		   "        (default ours).  [--freq HZ] [--pid PID]:\n"
		   "        perf_event programs sample the CPU clock HZ times a second\n"
		   "        (default 99) on every CPU, or only while PID runs.\n"
		   "        syscall programs are run\n"
		   "        once (BPF_PROG_RUN: \"NAME: returned N\"), iterators read\n"
		   "        once (their output printed).  Programs of a section barebpf\n"
		   "        does not know are skipped, saying so.\n"
		   "        [--replace PROG:FUNC]: the loaded program (an id, or the path\n"
		   "        of its pin) whose global function FUNC the object's\n"
		   "        freplace/FUNC programs replace; other freplace programs are\n"
		   "        skipped, saying so.\n"
		   "  load OBJ [--prog NAME]... [--pin DIR] [--set VAR=VALUE]...\n"
		   "       [--max-entries MAP=N]... [--value-size MAP=N]...\n"
		   "       [--default-max-entries N]\n"
		   "       [--each] [--xlated] [--run SECONDS]\n"
		   "        load (without attaching) all programs, or only those named;\n"
		   "        print each one's name and kernel id.  --pin pins every\n"
		   "        program and map under DIR (a bpffs directory) so they outlive\n"
		   "        the command, as DIR/NAME with '.' made '_' (.bss: DIR/_bss);\n"
		   "        all or none: if one pin fails, those made are removed.\n"
		   "        Exit status 0 only if every program loaded.\n"
		   "        Before the load: --set VAR=VALUE sets a global variable (a\n"
		   "        const volatile knob; decimal or 0x hex, '-' if signed, within\n"
		   "        its BTF type's range), --max-entries MAP=N sizes a map,\n"
		   "        --value-size MAP=N sets its value size (a stack_trace map\n"
		   "        left at 0 gets 127*8), and\n"
		   "        --default-max-entries N every map the object leaves at 0.\n"
		   "        CO-RE relocations, .kconfig externs and the object's BTF are\n"
		   "        handled (see docs/core-and-btf.md); -v narrates each relocation.\n"
		   "        --each loads each program in a fresh copy of the object;\n"
		   "        --xlated prints the instructions as the kernel translated\n"
		   "        them; --run SECONDS attaches and prints events that long.\n"
		   "        barebpf load --help says more.\n"
		   "  prog list | prog show id N [--json]\n"
		   "        every program of the running kernel (anyone's): id, type,\n"
		   "        name, tag, BTF id.\n"
		   "  map list | map show MAP [--json]\n"
		   "        every map (anyone's), or one: id, type, name, key and value\n"
		   "        sizes, max_entries, flags, BTF id.\n"
		   "  map dump MAP [--json]\n"
		   "  map lookup MAP KEY [--flags lock] [--json]\n"
		   "  map update MAP KEY VALUE [--flags any|noexist|exist|lock]\n"
		   "  map delete MAP KEY\n"
		   "  map getnext MAP [KEY] [--json]\n"
		   "  map pin MAP PATH\n"
		   "        the user-space map calls, one bpf() each.  MAP is id N,\n"
		   "        pinned PATH or name NAME (a name two maps have is refused,\n"
		   "        with their ids).  KEY is 'key' and hex bytes (key 01 00 00 00\n"
		   "        or key 0x01 0x00 0x00 0x00), or --key-btf VALUE: a number for\n"
		   "        an integer type, a string for a char array, read through the\n"
		   "        map's BTF; VALUE likewise ('value ...', --value-btf VALUE).\n"
		   "        Keys and values print through the map's BTF if it has one,\n"
		   "        else as hex.  --flags: comma-separated (exist,lock).\n"
		   "  btf dump [--format c] [FILE]\n"
		   "        the types of a BTF (default: the running kernel's,\n"
		   "        /sys/kernel/btf/vmlinux; or a BPF object's .BTF) as a C\n"
		   "        header: barebpf btf dump --format c > vmlinux.h\n"
		   "  gen skeleton OBJ [--name NAME]\n"
		   "        write a C header (NAME.skel.h) that carries OBJ and loads it\n"
		   "        with libbpf's skeleton names (NAME__open_and_load(), ...\n"
		   "        skel->maps.MAP, skel->bss->VAR) on barebpf's library.\n"
		   "        barebpf gen --help says more.\n"
		   "\n"
		   "  -v, --verbose   narrate every kernel call on stderr\n"
		   "  -h, --help      show this help\n"
		   "      --version   print the version and exit\n");
}

/* Take -v/--verbose out of argv wherever it is; returns the new argc. */
static int take_verbose(int argc, char **argv, int *verbose)
{
	int i, n = 0;

	for (i = 0; i < argc; i++) {
		if (i > 0 && (!strcmp(argv[i], "-v") ||
			      !strcmp(argv[i], "--verbose"))) {
			*verbose = 1;
			continue;
		}
		argv[n++] = argv[i];
	}
	argv[n] = NULL;
	return n;
}

bool wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return true;
	return false;
}

long parse_count(const char *s)
{
	long v;

	return cli_parse_num(s, &v) ? -1 : v;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int argc, char **argv);
	} cmds[] = {
		{ "inspect", cmd_inspect },
		{ "disasm", cmd_disasm },
		{ "run", cmd_run },
		{ "load", cmd_load },
		{ "map", cmd_map },
		{ "prog", cmd_prog },
		{ "btf", cmd_btf },
		{ "gen", cmd_gen },
	};
	int verbose = 0;
	size_t i;

	argc = take_verbose(argc, argv, &verbose);
	if (verbose)
		narrate_start(out_stderr);
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		usage(argc < 2 ? out_stderr : out_stdout);
		return argc < 2 ? 2 : 0;
	}
	if (!strcmp(argv[1], "--version")) {
		tool_print_version("barebpf");
		return 0;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	out_printf(out_stderr, "barebpf: unknown command '%s' (see --help)\n",
		   argv[1]);
	return 2;
}
