# Compiling BPF C inside this project's own build (tests, examples, demo).
# Users' projects use cmake/BpfkitConfig helpers instead (see cmake/README.md).

find_program(BPF_CLANG NAMES clang-14 clang REQUIRED)
execute_process(COMMAND ${CMAKE_C_COMPILER} -print-multiarch
	OUTPUT_VARIABLE BPFKIT_MULTIARCH OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(CMAKE_SYSTEM_PROCESSOR MATCHES "aarch64|arm64")
	set(BPFKIT_TARGET_ARCH arm64)
else()
	set(BPFKIT_TARGET_ARCH x86)
endif()

# bpf_helper_defs.h is generated from the helper list in our uapi bpf.h.
set(BPFKIT_HELPER_DEFS ${BPFKIT_GENERATED_INCLUDE}/bpf/bpf_helper_defs.h)
add_custom_command(
	OUTPUT ${BPFKIT_HELPER_DEFS}
	COMMAND ${CMAKE_COMMAND} -DUAPI_BPF_H=${BPFKIT_UAPI_DIR}/linux/bpf.h
		-DOUT=${BPFKIT_HELPER_DEFS} -P ${PROJECT_SOURCE_DIR}/cmake/GenHelperDefs.cmake
	DEPENDS ${BPFKIT_UAPI_DIR}/linux/bpf.h ${PROJECT_SOURCE_DIR}/cmake/GenHelperDefs.cmake
	COMMENT "Generating bpf_helper_defs.h")
add_custom_target(bpf_helper_defs ALL DEPENDS ${BPFKIT_HELPER_DEFS})

set(BPFKIT_BPF_CFLAGS -g -O2 -target bpf -mcpu=v3 -D__TARGET_ARCH_${BPFKIT_TARGET_ARCH}
	-Wall -Wno-unused-value -Wno-pointer-sign -Wno-compare-distinct-pointer-types
	-I${BPFKIT_PUBLIC_INCLUDE} -I${BPFKIT_GENERATED_INCLUDE} -I${BPFKIT_UAPI_DIR})
if(BPFKIT_MULTIARCH)
	list(APPEND BPFKIT_BPF_CFLAGS -idirafter /usr/include/${BPFKIT_MULTIARCH})
endif()

# bpfkit_add_bpf_objects(<target> <out_dir> <src>...)
#   Compiles each X.bpf.c to <out_dir>/X.bpf.o and makes <target> build them.
#   Extra include directories: set BPFKIT_BPF_EXTRA_INCLUDES before calling.
function(bpfkit_add_bpf_objects target out_dir)
	set(outputs "")
	set(extra "")
	foreach(dir IN LISTS BPFKIT_BPF_EXTRA_INCLUDES)
		list(APPEND extra -I${dir})
	endforeach()
	foreach(src IN LISTS ARGN)
		get_filename_component(name ${src} NAME_WE)
		set(out ${out_dir}/${name}.bpf.o)
		add_custom_command(
			OUTPUT ${out}
			COMMAND ${CMAKE_COMMAND} -E make_directory ${out_dir}
			COMMAND ${BPF_CLANG} ${BPFKIT_BPF_CFLAGS} ${extra} -c ${src} -o ${out}
			DEPENDS ${src} bpf_helper_defs ${BPFKIT_HELPER_DEFS}
			IMPLICIT_DEPENDS C ${src}
			COMMENT "BPF ${name}.bpf.c"
			VERBATIM)
		list(APPEND outputs ${out})
	endforeach()
	add_custom_target(${target} ALL DEPENDS ${outputs})
endfunction()
