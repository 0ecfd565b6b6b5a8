# SPDX-License-Identifier: GPL-2.0
#
# srcu_cxx for a kbuild module: include this file at the end of your
# module's Kbuild, after its obj-m and <module>-y lines:
#
#	obj-m := mymod.o
#	mymod-y := mymod_main.o mymod_table.o
#	include $(src)/path/to/srcu_cxx/core/srcu_cxx.mk
#
# and build with the ordinary `make -C $KDIR M=$PWD`. Every module of that
# Kbuild (every .o in obj-m and obj-y; set srcu_cxx-modules first to
# choose) gets its own copy of the library's C shims and C++ runtime,
# compiled into srcu_cxx/<module>/ of the build, and its .cpp files are
# compiled by the rule below. See Documentation/core-api.rst ("Using
# srcu_cxx in your module") and Documentation/build.rst for why each
# step is as it is.

srcu_cxx_dir := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))

srcu_cxx-modules ?= $(patsubst %.o,%,$(filter %.o,$(obj-m) $(obj-y)))

srcu_cxx-c-objs := $(foreach m,$(srcu_cxx-modules),srcu_cxx/$(m)/shim.o)
srcu_cxx-cxx-objs := $(foreach m,$(srcu_cxx-modules),srcu_cxx/$(m)/runtime.o)
$(foreach m,$(srcu_cxx-modules),\
	$(eval $(m)-y += srcu_cxx/$(m)/shim.o srcu_cxx/$(m)/runtime.o))

# Features of the kernel being built against, probed in its own headers
# (never guessed from a version number): what it lacks is absent from the
# C++ API.
srcu_cxx-have-down-read := $(if $(shell grep -s 'int srcu_down_read' \
	$(srctree)/include/linux/srcu.h),1,0)
# SRCU-fast: its initialiser and its (inline) reader, both in srcu.h
# (a `.` stands for each opening parenthesis, which make would count).
srcu_cxx-srcu-h := $(srctree)/include/linux/srcu.h
srcu_cxx-have-fast := $(if $(and \
	$(shell grep -s 'init_srcu_struct_fast.struct srcu_struct' $(srcu_cxx-srcu-h)),\
	$(shell grep -s 'srcu_read_lock_fast.struct srcu_struct' $(srcu_cxx-srcu-h))),1,0)
# SRCU-fast-updown (readers that may end in another context): its
# initialiser and srcu_down_read_fast().
srcu_cxx-have-fast-updown := $(if $(and \
	$(shell grep -s 'init_srcu_struct_fast_updown.struct srcu_struct' $(srcu_cxx-srcu-h)),\
	$(shell grep -s 'srcu_down_read_fast.struct srcu_struct' $(srcu_cxx-srcu-h))),1,0)

ccflags-y += -DSRCU_CXX_HAVE_SRCU_DOWN_READ=$(srcu_cxx-have-down-read) \
	-DSRCU_CXX_HAVE_SRCU_FAST=$(srcu_cxx-have-fast) \
	-DSRCU_CXX_HAVE_SRCU_FAST_UPDOWN=$(srcu_cxx-have-fast-updown) \
	-I$(srcu_cxx_dir)/kernel/include

# ---------------------------------------------------------------------------
# Generated layout: sizes and constants of the kernel being built against,
# produced like asm-offsets.h, so no number is copied by hand.

srcu_cxx-layout-h := $(obj)/srcu_cxx/include/srcu_cxx/layout.h
targets += srcu_cxx/layout.s
# kbuild's clean removes objects, not generated headers or directories.
clean-files += srcu_cxx

$(obj)/srcu_cxx/layout.s: $(srcu_cxx_dir)/kernel/layout.c FORCE
	$(call if_changed_dep,cc_s_c)

$(srcu_cxx-layout-h): $(obj)/srcu_cxx/layout.s FORCE
	$(call filechk,offsets,__SRCU_CXX_LAYOUT_H__)

# The library's own sources live outside the module's tree: static pattern
# rules keep kbuild's stem (srcu_cxx/<module>/shim), which is how kbuild
# finds the module an object belongs to (KBUILD_MODNAME, -DMODULE).
$(addprefix $(obj)/,$(srcu_cxx-c-objs)): $(obj)/%.o: \
		$(srcu_cxx_dir)/kernel/shim.c FORCE
	$(call if_changed_rule,cc_o_c)

$(addprefix $(obj)/,$(srcu_cxx-cxx-objs)): $(obj)/%.o: \
		$(srcu_cxx_dir)/kernel/runtime.cpp $(srcu_cxx-layout-h) FORCE
	$(call if_changed_dep,cc_o_cpp)

# ---------------------------------------------------------------------------
# C++ objects.
#
# Flags are kbuild's own per-object C flags, so code generation matches the
# kernel exactly (retpoline and return thunks, CET/IBT, stack protector,
# -mcmodel=kernel, sanitizer instrumentation), minus what only C accepts and
# minus the kernel include paths and forced includes: C++ sees no kernel
# header. Dependency tracking (-Wp,-MMD) comes along with c_flags, and
# objtool runs on each object exactly when kbuild would run it on a C one
# (on IBT kernels it runs once on the linked module instead). Include
# paths: the library's, the module's own directory, and cxxflags-y.

srcu_cxx-c-only-flags := -std=gnu11 -std=gnu89 \
	-Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition \
	-Wdeclaration-after-statement -Wimplicit-function-declaration \
	-Wno-pointer-sign -Wmissing-parameter-type -Wnested-externs \
	-Werror=strict-prototypes -Werror=implicit-function-declaration \
	-Werror=implicit-int -Werror=incompatible-pointer-types \
	-Werror=designated-init -Wno-override-init -Wno-pointer-to-enum-cast \
	-Werror=int-conversion -Wno-enum-int-mismatch \
	-include -I% %.h

# kbuild spells some include paths "-I <dir>"; the C-only filter drops the
# -I, and with it go the directories it named.
srcu_cxx-c-only-flags += $(srctree)/$(src) $(src) $(obj) ./$(obj)

# With module BTF, C++ debug information goes to a .dwo file beside each
# object (split DWARF) and the object keeps only a skeleton: pahole
# encodes BTF from the C units and never sees C++ types it cannot encode
# (pahole 1.24 stops at DW_TAG_reference_type). DWARF 4, because
# pahole 1.24 also warns about DWARF 5 skeleton units.
srcu_cxx-debug-flags := $(if $(CONFIG_DEBUG_INFO_BTF_MODULES),-gdwarf-4 -gsplit-dwarf)

# The module's source directory: $(src) is relative to $(srctree) in some
# kernels' in-tree builds, and absolute in others'; in M= builds it is
# absolute up to 6.12 and relative to the module's directory, where make
# then runs, from 6.13 on.
srcu_cxx-src = $(if $(filter /%,$(src)),$(src),$(if $(KBUILD_EXTMOD),\
	$(abspath $(src)),$(srctree)/$(src)))

# Constants of the module's own, from the kernel's headers, made the same
# way: each C file listed in srcu_cxx-constants (set it before this file
# is included; absolute paths, or relative to the Kbuild's directory),
# written as kernel/layout.c is (DEFINE() lines in main()), becomes
# srcu_cxx/include/<its name>.h, which the module's C++ includes as
# "<its name>.h". A name must not be "layout".
srcu_cxx-constants-h := $(foreach f,$(srcu_cxx-constants),\
	$(obj)/srcu_cxx/include/$(basename $(notdir $(f))).h)
targets += $(foreach f,$(srcu_cxx-constants),\
	srcu_cxx/$(basename $(notdir $(f))).s)

define srcu_cxx-constants-rules
$(obj)/srcu_cxx/$(2).s: $(1) FORCE
	$$(call if_changed_dep,cc_s_c)

$(obj)/srcu_cxx/include/$(2).h: $(obj)/srcu_cxx/$(2).s FORCE
	$$(call filechk,offsets,__SRCU_CXX_CONSTANTS_$(2)_H__)
endef
$(foreach f,$(srcu_cxx-constants),$(eval $(call srcu_cxx-constants-rules,\
	$(if $(filter /%,$(f)),$(f),$(srcu_cxx-src)/$(f)),$(basename $(notdir $(f))))))

srcu_cxx-flags := -std=gnu++20 -ffreestanding -fno-exceptions -fno-rtti \
	-fno-threadsafe-statics -fno-use-cxa-atexit -nostdinc++ \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	$(srcu_cxx-debug-flags) \
	-I$(srcu_cxx_dir)/include -I$(srcu_cxx_dir)/kernel/include \
	-I$(obj)/srcu_cxx/include -I$(srcu_cxx-src) $(cxxflags-y)

# kbuild runs make without built-in variables, so there is no $(CXX):
# use the C++ driver that belongs to the kernel's $(CC).
SRCU_CXX ?= $(subst clang,clang++,$(subst gcc,g++,$(CC)))

# C++ puts inline functions, template instantiations and inline variables
# in COMDAT section groups, one section each (.text._Z..., .bss._Z...).
# objtool (6.12 and older) renumbers the symbol table without fixing the
# groups' signature symbols, after which the final link discards the wrong
# sections; and vmlinux's linker script places only .text, .data, ... So
# each C++ object goes through a partial link that dissolves the groups
# and folds those sections into the standard ones.
srcu_cxx-sections-lds := $(srcu_cxx_dir)/kernel/cxx-sections.lds

# One command per line under kbuild's `set -e`: a failure anywhere fails
# the object (an `&&` list would hide all but the last one's).
quiet_cmd_cc_o_cpp = CXX $(quiet_modtag) $@
      cmd_cc_o_cpp = $(SRCU_CXX) \
		$(filter-out $(srcu_cxx-c-only-flags),$(c_flags)) \
		$(srcu_cxx-flags) -c -o $@ $<; \
		$(LD) -r --force-group-allocation -T $(srcu_cxx-sections-lds) \
			-o $@.folded $@; \
		mv -f $@.folded $@ $(cmd_objtool)

$(obj)/%.o: $(src)/%.cpp $(srcu_cxx-layout-h) $(srcu_cxx-constants-h) \
		$(srcu_cxx-sections-lds) FORCE
	$(call if_changed_dep,cc_o_cpp)
