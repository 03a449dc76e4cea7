# BpfkitConfig.cmake: build BPF programs and their skeletons in your own
# CMake project with bpfkit (see cmake/README.md).
#
#   list(APPEND CMAKE_MODULE_PATH <bpfkit source>/cmake)   # inside a tree that
#   include(BpfkitConfig)                                  # add_subdirectory()s bpfkit
# or, from an installed bpfkit:
#   find_package(Bpfkit REQUIRED)     # -DCMAKE_PREFIX_PATH=<prefix> if not /usr/local
#
# Gives bpfkit_vmlinux_h() and bpfkit_bpf_skeleton(), and the targets
# bpfkit::libbpf (shared) and bpfkit::libbpf_static.
#
# Settings (cache variables, all optional):
#   BPFKIT_ROOT          prefix of an installed bpfkit (default: found from
#                        this file's location)
#   BPFKIT_BPFTOOL       the bpftool that dumps vmlinux.h and writes skeletons
#   BPFKIT_CLANG         clang used for BPF C
#   BPFKIT_VMLINUX_H     a ready vmlinux.h to use instead of dumping the
#                        running kernel's BTF
#   BPFKIT_BTF_FILE      BTF to dump (default /sys/kernel/btf/vmlinux)
if(CMAKE_VERSION VERSION_LESS 3.19)
	message(FATAL_ERROR "bpfkit: the CMake helper needs CMake 3.19 or newer")
endif()

# Safe to include again (each directory of a project may): variables are
# directory-scoped, so everything below is set again, targets only once.
set(BPFKIT_HELPER_DIR ${CMAKE_CURRENT_LIST_DIR})
set(Bpfkit_FOUND TRUE)

# A status message once per configure, however often this file is included.
function(bpfkit_note msg)
	get_property(seen GLOBAL PROPERTY BPFKIT_NOTES)
	if(NOT msg IN_LIST seen)
		set_property(GLOBAL APPEND PROPERTY BPFKIT_NOTES "${msg}")
		message(STATUS "${msg}")
	endif()
endfunction()

# ---- where bpfkit is -------------------------------------------------------
# In the bpfkit tree itself, or a project that add_subdirectory()s it, the
# library and bpftool are targets of the same build.
if(TARGET bpf AND TARGET bpf_static AND TARGET bpf_objects AND TARGET bpftool
   AND TARGET bpf_helper_defs)
	set(BPFKIT_IN_TREE TRUE)
else()
	set(BPFKIT_IN_TREE FALSE)
endif()

if(BPFKIT_IN_TREE)
	# From the targets, not bpfkit's variables: a parent project that
	# add_subdirectory()s bpfkit does not see those.
	get_target_property(_bpfkit_src bpftool SOURCE_DIR)
	get_filename_component(BPFKIT_SOURCE_ROOT ${_bpfkit_src} DIRECTORY)
	# bpf_helper_defs.h is generated into the library's include path.
	get_target_property(_bpfkit_incs bpf_objects INCLUDE_DIRECTORIES)
	set(BPFKIT_BPF_INCLUDE_DIRS ${BPFKIT_SOURCE_ROOT}/lib/include)
	foreach(_d IN LISTS _bpfkit_incs)
		if(_d MATCHES "/generated/include$")
			list(APPEND BPFKIT_BPF_INCLUDE_DIRS ${_d})
		endif()
	endforeach()
	if(NOT TARGET bpfkit::libbpf)
		add_library(bpfkit::libbpf ALIAS bpf)
		add_library(bpfkit::libbpf_static ALIAS bpf_static)
	endif()
	if(NOT BPFKIT_CLANG AND BPF_CLANG)
		set(BPFKIT_CLANG ${BPF_CLANG} CACHE FILEPATH "clang for BPF C")
	endif()
	# bpftool's "gen" and "btf" commands are being written; until bpftool
	# defines them, a small driver around the same library code
	# (examples/tools/bpfkit-gen.c) stands in.  Detected from the sources
	# so that the switch to bpftool happens by itself.
	file(GLOB _bpfkit_tool_srcs ${BPFKIT_SOURCE_ROOT}/bpftool/*.c)
	set(_bpfkit_tool_text "")
	foreach(_f IN LISTS _bpfkit_tool_srcs)
		file(STRINGS ${_f} _l REGEX "^int do_(gen|btf)\\(")
		string(APPEND _bpfkit_tool_text "${_l};")
	endforeach()
	set(BPFKIT_INTREE_GEN auto CACHE STRING
		"in this tree, vmlinux.h and skeletons from: auto, bpftool or fallback")
	set(_bpfkit_gen_ok FALSE)
	set(_bpfkit_btf_ok FALSE)
	if(_bpfkit_tool_text MATCHES "int do_gen\\(" OR BPFKIT_INTREE_GEN STREQUAL "bpftool")
		set(_bpfkit_gen_ok TRUE)
	endif()
	if(_bpfkit_tool_text MATCHES "int do_btf\\(" OR BPFKIT_INTREE_GEN STREQUAL "bpftool")
		set(_bpfkit_btf_ok TRUE)
	endif()
	if(BPFKIT_INTREE_GEN STREQUAL "fallback")
		set(_bpfkit_gen_ok FALSE)
		set(_bpfkit_btf_ok FALSE)
	endif()
	if(NOT (_bpfkit_gen_ok AND _bpfkit_btf_ok))
		if(NOT TARGET bpfkit_gen_fallback)
			if(NOT TARGET skelgen)
				message(FATAL_ERROR "bpfkit: bpftool has no 'gen'/'btf' command and skeleton-gen is not built")
			endif()
			add_executable(bpfkit_gen_fallback ${BPFKIT_SOURCE_ROOT}/examples/tools/bpfkit-gen.c)
			target_link_libraries(bpfkit_gen_fallback PRIVATE skelgen bpf_static)
			target_compile_definitions(bpfkit_gen_fallback PRIVATE _GNU_SOURCE)
		endif()
	endif()
	if(_bpfkit_gen_ok)
		set(BPFKIT_GEN_SKELETON_CMD $<TARGET_FILE:bpftool> gen skeleton)
		set(BPFKIT_GEN_DEPENDS bpftool)
	else()
		bpfkit_note("bpfkit: 'bpftool gen skeleton' not built yet, skeletons come from bpfkit-gen")
		set(BPFKIT_GEN_SKELETON_CMD $<TARGET_FILE:bpfkit_gen_fallback> skeleton)
		set(BPFKIT_GEN_DEPENDS bpfkit_gen_fallback)
	endif()
	if(_bpfkit_btf_ok)
		set(BPFKIT_BTF_DUMP_CMD $<TARGET_FILE:bpftool> btf dump file <BTF> format c)
		set(BPFKIT_BTF_DEPENDS bpftool)
	else()
		bpfkit_note("bpfkit: 'bpftool btf dump' not built yet, vmlinux.h comes from bpfkit-gen")
		set(BPFKIT_BTF_DUMP_CMD $<TARGET_FILE:bpfkit_gen_fallback> vmlinux <BTF>)
		set(BPFKIT_BTF_DEPENDS bpfkit_gen_fallback)
	endif()
	set(BPFKIT_HEADERS_DEPENDS bpf_helper_defs)
else()
	# Installed: <prefix>/lib[/<multiarch>]/cmake/Bpfkit/BpfkitConfig.cmake,
	# headers in <prefix>/include/bpf, bpftool in <prefix>/sbin.
	if(NOT BPFKIT_ROOT)
		set(_dir ${CMAKE_CURRENT_LIST_DIR})
		foreach(_i RANGE 5)
			get_filename_component(_dir ${_dir} DIRECTORY)
			if(EXISTS ${_dir}/include/bpf/libbpf.h AND EXISTS ${_dir}/include/bpf/bpf_helpers.h)
				set(BPFKIT_ROOT ${_dir})
				break()
			endif()
		endforeach()
	endif()
	if(NOT BPFKIT_ROOT OR NOT EXISTS ${BPFKIT_ROOT}/include/bpf/libbpf.h)
		message(FATAL_ERROR "bpfkit: no installed bpfkit found next to ${CMAKE_CURRENT_LIST_DIR}. "
			"Either add_subdirectory(<bpfkit source>) before include(BpfkitConfig), "
			"or install bpfkit (cmake --install <build> --prefix P) and set BPFKIT_ROOT=P.")
	endif()
	set(BPFKIT_ROOT ${BPFKIT_ROOT} CACHE PATH "prefix of the installed bpfkit")
	set(BPFKIT_BPF_INCLUDE_DIRS ${BPFKIT_ROOT}/include)

	find_library(BPFKIT_LIBBPF NAMES libbpf.so.1 bpf
		PATHS ${BPFKIT_ROOT}/lib ${BPFKIT_ROOT}/lib64 ${BPFKIT_ROOT}/${CMAKE_INSTALL_LIBDIR}
		NO_DEFAULT_PATH)
	find_library(BPFKIT_LIBBPF_STATIC NAMES libbpf.a
		PATHS ${BPFKIT_ROOT}/lib ${BPFKIT_ROOT}/lib64 ${BPFKIT_ROOT}/${CMAKE_INSTALL_LIBDIR}
		NO_DEFAULT_PATH)
	if(NOT BPFKIT_LIBBPF)
		message(FATAL_ERROR "bpfkit: libbpf.so.1 not found under ${BPFKIT_ROOT}")
	endif()
	find_program(BPFKIT_BPFTOOL bpftool PATHS ${BPFKIT_ROOT}/sbin ${BPFKIT_ROOT}/bin NO_DEFAULT_PATH)
	if(NOT BPFKIT_BPFTOOL)
		message(FATAL_ERROR "bpfkit: bpftool not found in ${BPFKIT_ROOT}/sbin (set BPFKIT_BPFTOOL)")
	endif()

	if(NOT TARGET bpfkit::libbpf)
		add_library(bpfkit::libbpf SHARED IMPORTED GLOBAL)
		set_target_properties(bpfkit::libbpf PROPERTIES
			IMPORTED_LOCATION ${BPFKIT_LIBBPF}
			INTERFACE_INCLUDE_DIRECTORIES ${BPFKIT_ROOT}/include)
		if(BPFKIT_LIBBPF_STATIC)
			find_library(BPFKIT_LIBELF elf REQUIRED)
			find_library(BPFKIT_LIBZ z REQUIRED)
			add_library(bpfkit::libbpf_static STATIC IMPORTED GLOBAL)
			set_target_properties(bpfkit::libbpf_static PROPERTIES
				IMPORTED_LOCATION ${BPFKIT_LIBBPF_STATIC}
				INTERFACE_INCLUDE_DIRECTORIES ${BPFKIT_ROOT}/include
				INTERFACE_LINK_LIBRARIES "${BPFKIT_LIBELF};${BPFKIT_LIBZ};pthread")
		endif()
	endif()
	set(BPFKIT_GEN_SKELETON_CMD ${BPFKIT_BPFTOOL} gen skeleton)
	set(BPFKIT_BTF_DUMP_CMD ${BPFKIT_BPFTOOL} btf dump file <BTF> format c)
	set(BPFKIT_GEN_DEPENDS ${BPFKIT_BPFTOOL})
	set(BPFKIT_BTF_DEPENDS ${BPFKIT_BPFTOOL})
	set(BPFKIT_HEADERS_DEPENDS "")
endif()

# ---- the BPF compiler --------------------------------------------------------
if(NOT BPFKIT_CLANG)
	find_program(BPFKIT_CLANG NAMES clang clang-18 clang-17 clang-16 clang-15 clang-14 REQUIRED)
endif()
find_program(BPFKIT_LLVM_STRIP NAMES llvm-strip llvm-strip-18 llvm-strip-17 llvm-strip-16
	llvm-strip-15 llvm-strip-14)

# __TARGET_ARCH_<arch> selects the register layout bpf_tracing.h reads.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64|i.86)$")
	set(BPFKIT_ARCH x86)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)")
	set(BPFKIT_ARCH arm64)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^arm")
	set(BPFKIT_ARCH arm)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(ppc64|powerpc)")
	set(BPFKIT_ARCH powerpc)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^s390")
	set(BPFKIT_ARCH s390)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^riscv")
	set(BPFKIT_ARCH riscv)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^loongarch")
	set(BPFKIT_ARCH loongarch)
else()
	message(FATAL_ERROR "bpfkit: no BPF target arch for processor '${CMAKE_SYSTEM_PROCESSOR}'")
endif()

# Programs that include <linux/*.h> rather than vmlinux.h find the asm/
# headers of the host's multiarch directory.
execute_process(COMMAND ${CMAKE_C_COMPILER} -print-multiarch
	OUTPUT_VARIABLE _bpfkit_multiarch OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)

set(BPFKIT_BPF_FLAGS -g -O2 -target bpf -D__TARGET_ARCH_${BPFKIT_ARCH} -Wall
	-Wno-compare-distinct-pointer-types)
foreach(_d IN LISTS BPFKIT_BPF_INCLUDE_DIRS)
	list(APPEND BPFKIT_BPF_FLAGS -I${_d})
endforeach()
if(_bpfkit_multiarch)
	list(APPEND BPFKIT_BPF_FLAGS -idirafter /usr/include/${_bpfkit_multiarch})
endif()

if(NOT BPFKIT_BTF_FILE)
	set(BPFKIT_BTF_FILE /sys/kernel/btf/vmlinux)
endif()

include(${CMAKE_CURRENT_LIST_DIR}/bpfkit-functions.cmake)
