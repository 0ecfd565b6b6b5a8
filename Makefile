# SPDX-License-Identifier: GPL-2.0
#
# srcu-config: the user's entry point.
#
#   make            build srcu_config.ko (Debian 6.12 by default), the tool,
#                   libsrcu-config, the selftests and the man pages
#   make examples   the example modules of examples/, with a plain
#                   make -C $(KDIR) M=<dir> each
#   make run        set up if needed, boot Debian 6.12 in QEMU, show it work
#   make check      every test layer; ends with "N passed, N failed, N skipped"
#   make bench      the benchmark; table on stdout, JSON in $(BENCH_OUT)
#   make install    module (modules_install), UAPI header, tool, library,
#                   man pages
#   make deb        Debian packages (srcu-config-dkms, srcu-config,
#                   libsrcu-config1, libsrcu-config-dev, srcu-cxx-dev) in
#                   $(BUILD)/deb
#   make setup      install what the project needs (root, idempotent)
#   make clean
#
# KVER=<release> or KDIR=<build tree> select another kernel.

SRCU_CONFIG_CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/srcu-config
export SRCU_CONFIG_CACHE
-include $(SRCU_CONFIG_CACHE)/kernels.env

KVER ?= $(KVER_612)
KDIR ?= /usr/src/linux-headers-$(KVER)
BUILD ?= $(CURDIR)/build
MODULE_BUILD := $(BUILD)/module/$(notdir $(KDIR))
EXAMPLES_BUILD := $(BUILD)/examples/$(notdir $(KDIR))
EXAMPLES := $(notdir $(wildcard examples/*))

# Sources kbuild sees. The module is built in a copy per kernel so that
# objects for different kernels never mix and the clone stays clean.
MODULE_SOURCES := Kbuild Kconfig core module
KBUILD_SOURCES := $(MODULE_SOURCES) kunit
# What DKMS builds srcu_config.ko from (dkms.conf's MAKE line): the
# srcu-config-dkms package and scripts/dkms-check.sh install exactly this.
DKMS_SOURCES := $(MODULE_SOURCES)
DKMS_NAME := $(shell bash scripts/dkms-conf.sh PACKAGE_NAME)
DKMS_VERSION := $(shell bash scripts/dkms-conf.sh PACKAGE_VERSION)
DKMS_SOURCE_DIR ?= $(DESTDIR)/usr/src/$(DKMS_NAME)-$(DKMS_VERSION)

# What a module of someone else's builds srcu_cxx from: its fragment, its
# headers and its kernel-side sources. The srcu-cxx-dev package installs
# them in $(SRCU_CXX_SOURCE_DIR), by default $(DESTDIR)/usr/src/srcu_cxx,
# where a Kbuild includes /usr/src/srcu_cxx/srcu_cxx.mk.
SRCU_CXX_SOURCES := core/srcu_cxx.mk core/include core/kernel
SRCU_CXX_SOURCE_DIR ?= $(DESTDIR)/usr/src/srcu_cxx

BENCH_OUT ?= $(BUILD)/bench/results.json
export BENCH_OUT

.PHONY: all module examples selftests tool man setup run check bench install deb dkms-source srcu-cxx-source clean
all: module selftests tool man

setup:
	@bash scripts/setup.sh

module:
	@test -n "$(KVER)$(filter-out /usr/src/linux-headers-,$(KDIR))" || \
		{ echo "no kernel selected: run 'make setup' first" >&2; exit 1; }
	@mkdir -p $(MODULE_BUILD)
	@rsync -rlpc $(KBUILD_SOURCES) $(MODULE_BUILD)/
	$(MAKE) -C $(KDIR) M=$(MODULE_BUILD) modules
	@cp $(MODULE_BUILD)/srcu_config.ko $(BUILD)/srcu_config-$(notdir $(KDIR)).ko

# Each example is built the way its own documentation says: the library
# next to it (core/), and make -C $(KDIR) M=<the example>.
examples:
	@mkdir -p $(EXAMPLES_BUILD)
	@rsync -rlpc core examples $(EXAMPLES_BUILD)/
	@set -e; for e in $(EXAMPLES); do \
		$(MAKE) -C $(KDIR) M=$(EXAMPLES_BUILD)/examples/$$e modules; \
	done

selftests:
	$(MAKE) -C selftests OUTPUT=$(BUILD)/selftests KSRC=$(SRCU_CONFIG_CACHE)/linux-source-6.12

tool:
	$(MAKE) -C tools OUTPUT=$(BUILD)/tools

# Man pages from their reST (Documentation/man/), with docutils' rst2man.
RST2MAN ?= $(firstword $(shell command -v rst2man rst2man.py 2>/dev/null) rst2man)
MAN_SOURCES := $(wildcard Documentation/man/*.rst)
MAN_PAGES := $(patsubst Documentation/man/%.rst,$(BUILD)/man/%,$(MAN_SOURCES))

man: $(MAN_PAGES)

$(BUILD)/man/%: Documentation/man/%.rst
	@mkdir -p $(dir $@)
	$(RST2MAN) --strict --halt=warning $< $@.tmp && mv -f $@.tmp $@

run: setup
	@bash scripts/run.sh

check: setup
	@bash scripts/check.sh

bench: setup
	@bash scripts/bench.sh

install: module tool man
	@bash scripts/install.sh

# The module's sources as DKMS wants them (without dkms.conf, which
# dh_dkms installs): $(DKMS_SOURCE_DIR), by default
# $(DESTDIR)/usr/src/<name>-<version>.
dkms-source:
	@test -n "$(DKMS_NAME)" -a -n "$(DKMS_VERSION)" || \
		{ echo "dkms.conf: no PACKAGE_NAME or PACKAGE_VERSION" >&2; exit 1; }
	@mkdir -p $(DKMS_SOURCE_DIR)
	cp -R --parents $(DKMS_SOURCES) $(DKMS_SOURCE_DIR)/

srcu-cxx-source:
	@mkdir -p $(SRCU_CXX_SOURCE_DIR)
	cp -R $(SRCU_CXX_SOURCES) $(SRCU_CXX_SOURCE_DIR)/

# The Debian packages, built in a copy of the tracked sources so that
# nothing is written into the clone outside $(BUILD).
deb:
	@bash scripts/deb.sh

# The reliability layers (Documentation/testing.rst): debug kernel, torture,
# mutants, fault injection, fuzzing, load/unload; then the KCSAN kernel's
# torture and KUnit suites (scripts/kcsan.sh), which make check leaves
# out for time. DURATION=<seconds> scales the torture and the fuzzing.
# The KCSAN run goes on after a failed reliability run: it needs nothing
# of it, and both verdicts are wanted.
.PHONY: torture
torture: setup
	@rc=0; \
	DURATION=$(DURATION) bash scripts/reliability.sh || rc=1; \
	DURATION=$(DURATION) bash scripts/kcsan.sh || rc=1; \
	exit $$rc

clean:
	rm -rf $(BUILD)
