# virtsim - one non-recursive GNU Makefile.
#
#   make                 build ./virtsim (objects under build/)
#   make test            unit + validation tests (Check); SANITIZE=1 for ASan+UBSan
#   make run             build and run the main job (see README.md)
#   make bench           benchmarks; prints figures, writes bench/results.json
#   make mpi             build ./virtsim-mpi (needs mpicc: Open MPI)
#   make test-mpi        its tests under mpirun (tests/mpi/run.sh)
#   make catalog         regenerate models/catalog.def from data/instances.json
#   make install PREFIX=/usr/local DESTDIR=
#   make clean
#
# Local overrides go in an untracked config.mak (CC=clang, CFLAGS=..., V=1).

-include config.mak

PKGS     = gsl jansson
CSTD     = -std=c11 -D_POSIX_C_SOURCE=200809L
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wundef -Wvla \
           -Wpointer-arith -Wcast-qual
CFLAGS  ?= -O2 -g
LDFLAGS ?=
PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build

ifdef SANITIZE
BUILD   := build-san
CFLAGS  += -O1 -fsanitize=address,undefined,float-cast-overflow \
           -fno-sanitize-recover=all \
           -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined,float-cast-overflow
endif

ifeq ($(V),1)
Q =
else
Q = @
endif

# The install step runs only when pkg-config cannot find a library; it is a
# prerequisite of everything that compiles.
DEPS_OK := $(shell pkg-config --exists $(PKGS) check 2>/dev/null && echo yes)
ifeq ($(DEPS_OK),yes)
DEPS_STAMP =
else
DEPS_STAMP = $(BUILD)/.deps-installed
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   = $(shell pkg-config --libs check 2>/dev/null)

ALL_CFLAGS = $(CSTD) $(WARN) $(CFLAGS) -I. $(PKG_CFLAGS) -MMD -MP

LIB_SRC  = $(wildcard base/*.c sim/*.c models/*.c workloads/*.c reports/*.c \
                     run/*.c measure/*.c select/*.c api/*.c)
CLI_SRC  = $(wildcard cli/*.c)
TEST_SRC = $(wildcard tests/*.c)
BENCH_SRC = $(wildcard bench/*.c)

LIB_OBJ   = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   = $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ  = $(TEST_SRC:%.c=$(BUILD)/%.o)
BENCH_OBJ = $(BENCH_SRC:%.c=$(BUILD)/%.o)
LIB_A     = $(BUILD)/libvirtsim.a

# The shared library: the same sources compiled position-independent into
# $(BUILD)/pic/, exporting only the public API (api/libvirtsim.map).
# VERSION is base/version.h's; SOMAJOR changes when the ABI breaks.
VERSION  := $(shell sed -n 's/^\#define VIRTSIM_VERSION "\(.*\)"/\1/p' base/version.h)
SOMAJOR   = 1
SONAME    = libvirtsim.so.$(SOMAJOR)
LIB_SO    = $(BUILD)/libvirtsim.so.$(SOMAJOR).$(VERSION)
PIC_OBJ   = $(LIB_SRC:%.c=$(BUILD)/pic/%.o)
LIBDIR   ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include

ifdef SANITIZE
PROG = $(BUILD)/virtsim
else
PROG = virtsim
endif
TEST_BIN  = $(BUILD)/tests/check_all
BENCH_BIN = $(BUILD)/bench/bench_engine

.PHONY: mpi test-mpi
.PHONY: all test run bench install uninstall shared clean deps golden-update \
        test-embed fuzz fuzz-build catalog FORCE
all: $(PROG)

deps $(BUILD)/.deps-installed:
	$(Q)sh scripts/install-deps.sh
	$(Q)mkdir -p $(BUILD) && touch $(BUILD)/.deps-installed

$(BUILD)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(if $(filter tests/%,$<),$(CHECK_CFLAGS)) \
	    -c $< -o $@

$(BUILD)/pic/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC [pic] $<")
	$(Q)$(CC) $(ALL_CFLAGS) -fPIC -c $< -o $@

$(LIB_SO): $(PIC_OBJ) api/libvirtsim.map
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) \
	    -Wl,--version-script=api/libvirtsim.map -o $@ $(PIC_OBJ) \
	    $(PKG_LIBS) -lm

shared: $(LIB_SO)

$(LIB_A): $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

# The commit `virtsim --version` names: rewritten only when it changes, so
# only cli/main.o is rebuilt after a commit ("unknown" outside a git tree).
VIRTSIM_COMMIT := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)$(shell \
    git diff --quiet HEAD -- 2>/dev/null || echo -dirty)
$(BUILD)/commit.h: FORCE
	@mkdir -p $(BUILD)
	@echo '#define VIRTSIM_COMMIT "$(VIRTSIM_COMMIT)"' >$@.tmp
	@if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
$(BUILD)/cli/main.o: $(BUILD)/commit.h
$(BUILD)/cli/main.o: ALL_CFLAGS += -include $(BUILD)/commit.h
FORCE:

$(PROG): $(CLI_OBJ) $(LIB_A)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

# The tests also link the program's option parser and run notes
# (tests/check_opt.c, tests/check_run_notes.c).
$(TEST_BIN): $(TEST_OBJ) $(BUILD)/cli/opt.o $(BUILD)/cli/run_notes.o $(LIB_A)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(PKG_LIBS) -lm

$(BENCH_BIN): $(BENCH_OBJ) $(LIB_A)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

# Unit and validation tests. Under the sanitizers Check must not fork, so
# that ASan sees the whole process and reports leaks at exit.
test: $(TEST_BIN) $(PROG)
ifdef SANITIZE
	$(Q)CK_FORK=no ASAN_OPTIONS=detect_leaks=1 $(TEST_BIN)
else
	$(Q)$(TEST_BIN)
endif
	$(Q)VIRTSIM=$(abspath $(PROG)) sh tests/cli/run.sh
	$(Q)VIRTSIM=$(abspath $(PROG)) sh tests/bad/run.sh
	$(Q)VIRTSIM=$(abspath $(PROG)) sh tests/golden/run.sh
	$(Q)VIRTSIM=$(abspath $(PROG)) sh tests/shard/run.sh
	$(Q)VIRTSIM=$(abspath $(PROG)) sh tests/html/check.sh
	$(Q)VIRTSIM=$(abspath $(PROG)) sh tests/measure/run.sh
	$(Q)sh tests/catalog/run.sh
	$(Q)sh tests/layers/check.sh
ifndef SANITIZE
	$(Q)MAKE="$(MAKE)" sh tests/embed/run.sh
	$(Q)VIRTSIM=$(abspath $(PROG)) sh tests/readme/run.sh
endif

# Rewrites the golden files (scenario results, report formats) from the
# current build, for review with `git diff` before committing.
golden-update: $(TEST_BIN) $(PROG)
	$(Q)CK_RUN_SUITE=reports VIRTSIM_GOLDEN_UPDATE=1 $(TEST_BIN) >/dev/null
	$(Q)CK_RUN_SUITE=charts VIRTSIM_GOLDEN_UPDATE=1 $(TEST_BIN) >/dev/null
	$(Q)UPDATE=1 VIRTSIM=$(abspath $(PROG)) sh tests/golden/run.sh

# The instance catalog's C initializers from its source data (python3,
# standard library only; the build itself never runs it). Commit both.
PYTHON ?= python3
catalog:
	$(Q)$(PYTHON) scripts/gen-catalog.py

# The main job: the shipped quickstart scenario, with its report.
run: $(PROG)
	$(Q)./$(PROG) run scenarios/quickstart.json

bench: $(BENCH_BIN) $(PROG)
	$(Q)mkdir -p bench
	$(Q)$(BENCH_BIN) --virtsim $(abspath $(PROG)) --json bench/results.json
	$(Q)if command -v $(MPICC) >/dev/null 2>&1; then \
	    $(MAKE) --no-print-directory mpi && \
	    VIRTSIM=$(abspath $(PROG)) VIRTSIM_MPI=$(abspath $(MPI_PROG)) \
	    sh bench/mpi.sh; \
	else echo "bench: no $(MPICC): the MPI case is skipped"; fi

# The program, its manual, and the library for embedding: libvirtsim.a,
# libvirtsim.so (versioned soname), virtsim.h and virtsim.pc, which is
# written from api/virtsim.pc.in for this PREFIX.
#
# Beside them, under DATADIR (PREFIX/share/virtsim), what the README's tour
# needs from any directory: the scenarios (`virtsim run quickstart` finds
# them there, relative to the installed program), the traces and the
# documents; and the bash and zsh completions, generated by the program
# from its command table.
DATADIR  ?= $(PREFIX)/share/virtsim
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions

$(BUILD)/completion/virtsim.bash: $(PROG)
	@mkdir -p $(dir $@)
	$(Q)./$(PROG) completion bash >$@.tmp && mv $@.tmp $@

$(BUILD)/completion/_virtsim: $(PROG)
	@mkdir -p $(dir $@)
	$(Q)./$(PROG) completion zsh >$@.tmp && mv $@.tmp $@

install: $(PROG) $(LIB_A) $(LIB_SO) $(BUILD)/completion/virtsim.bash \
         $(BUILD)/completion/_virtsim
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)
	install -d $(DESTDIR)$(DATADIR)/scenarios $(DESTDIR)$(DATADIR)/traces \
	    $(DESTDIR)$(DATADIR)/doc/images $(DESTDIR)$(BASHCOMPDIR) \
	    $(DESTDIR)$(ZSHCOMPDIR)
	install -m 644 scenarios/*.json scenarios/README.md \
	    $(DESTDIR)$(DATADIR)/scenarios/
	install -m 644 workloads/traces/* $(DESTDIR)$(DATADIR)/traces/
	install -m 644 README.md doc/select.md $(DESTDIR)$(DATADIR)/doc/
	install -m 644 doc/images/*.png $(DESTDIR)$(DATADIR)/doc/images/
	install -m 644 $(BUILD)/completion/virtsim.bash \
	    $(DESTDIR)$(BASHCOMPDIR)/virtsim
	install -m 644 $(BUILD)/completion/_virtsim $(DESTDIR)$(ZSHCOMPDIR)/_virtsim
	install -m 755 $(PROG) $(DESTDIR)$(PREFIX)/bin/virtsim
	install -m 644 doc/virtsim.1 $(DESTDIR)$(PREFIX)/share/man/man1/virtsim.1
	install -m 644 $(LIB_A) $(DESTDIR)$(LIBDIR)/libvirtsim.a
	install -m 755 $(LIB_SO) $(DESTDIR)$(LIBDIR)/$(notdir $(LIB_SO))
	ln -sf $(notdir $(LIB_SO)) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libvirtsim.so
	install -m 644 api/virtsim.h $(DESTDIR)$(INCLUDEDIR)/virtsim.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    api/virtsim.pc.in >$(DESTDIR)$(LIBDIR)/pkgconfig/virtsim.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/virtsim \
	    $(DESTDIR)$(PREFIX)/share/man/man1/virtsim.1 \
	    $(DESTDIR)$(LIBDIR)/libvirtsim.a $(DESTDIR)$(LIBDIR)/libvirtsim.so \
	    $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/$(notdir $(LIB_SO)) \
	    $(DESTDIR)$(INCLUDEDIR)/virtsim.h \
	    $(DESTDIR)$(LIBDIR)/pkgconfig/virtsim.pc \
	    $(DESTDIR)$(BASHCOMPDIR)/virtsim $(DESTDIR)$(ZSHCOMPDIR)/_virtsim
	rm -rf $(DESTDIR)$(DATADIR)

# examples/embed.c built against an installed copy (a scratch PREFIX) with
# pkg-config alone, then run.
test-embed:
	$(Q)MAKE="$(MAKE)" sh tests/embed/run.sh

# libFuzzer harnesses (tests/fuzz/), built with clang under ASan and UBSan
# (float-cast-overflow included) into build-fuzz/; run each for
# FUZZ_SECONDS (default 60), or FUZZ_RUNS inputs with a fixed seed.
FUZZ_CC     ?= clang
FUZZ_BUILD   = build-fuzz
FUZZ_SAN     = -fsanitize=address,undefined,float-cast-overflow \
               -fno-sanitize-recover=all
FUZZ_NAMES   = scenario trace results_in run import
FUZZ_LIB_OBJ = $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_BINS    = $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_SECONDS ?= 60

$(FUZZ_BUILD)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC [fuzz] $<")
	$(Q)$(FUZZ_CC) $(CSTD) $(WARN) -g -O1 -fsanitize=fuzzer-no-link \
	    $(FUZZ_SAN) -I. $(PKG_CFLAGS) -MMD -MP -c $< -o $@

$(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/tests/fuzz/fuzz_%.o \
                      $(FUZZ_BUILD)/tests/fuzz/fuzz.o $(FUZZ_LIB_OBJ)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^ $(PKG_LIBS) -lm

fuzz-build: $(FUZZ_BINS)

.SECONDARY: $(FUZZ_LIB_OBJ) $(FUZZ_BUILD)/tests/fuzz/fuzz.o \
            $(FUZZ_NAMES:%=$(FUZZ_BUILD)/tests/fuzz/fuzz_%.o)

fuzz: $(FUZZ_BINS)
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_RUNS=$(FUZZ_RUNS) sh tests/fuzz/run.sh

# virtsim-mpi: the program with the pool over MPI ranks (mpi/). Only this
# target needs mpicc; cli/main.c is compiled again with its main renamed
# so that mpi/main.c can start MPI around it.
MPICC    ?= mpicc
MPI_PROG  = virtsim-mpi
MPI_SRC   = $(wildcard mpi/*.c)
MPI_OBJ   = $(MPI_SRC:%.c=$(BUILD)/%.o) $(BUILD)/mpi/cli_main.o
MPI_CLI_OBJ = $(filter-out $(BUILD)/cli/main.o,$(CLI_OBJ))

$(BUILD)/mpi/%.o: mpi/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  MPICC   $<")
	$(Q)$(MPICC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/mpi/cli_main.o: cli/main.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  MPICC   $< (main renamed)")
	$(Q)$(MPICC) $(ALL_CFLAGS) -Wno-missing-prototypes \
	    -Dmain=virtsim_cli_main -c $< -o $@

$(MPI_PROG): $(MPI_OBJ) $(MPI_CLI_OBJ) $(LIB_A)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(MPICC) $(CFLAGS) $(LDFLAGS) -pthread -o $@ $^ $(PKG_LIBS) -lm

mpi: $(MPI_PROG)

test-mpi: $(MPI_PROG) $(PROG)
	$(Q)VIRTSIM=$(abspath $(PROG)) VIRTSIM_MPI=$(abspath $(MPI_PROG)) \
	    sh tests/mpi/run.sh

clean:
	rm -rf build build-san build-san-clang build-fuzz virtsim virtsim-mpi \
	    bench/results.json

-include $(LIB_OBJ:.o=.d) $(PIC_OBJ:.o=.d) $(FUZZ_LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) \
         $(TEST_OBJ:.o=.d) $(BENCH_OBJ:.o=.d) $(MPI_OBJ:.o=.d)
