# The functions of the bpfkit CMake helper; loaded by BpfkitConfig.cmake,
# which sets the tool commands and flags used here.

# Depfiles of custom commands as CMake 3.20+ reads them, whatever the
# including project's minimum version (include() keeps this local, and
# the functions below remember it).
if(POLICY CMP0116)
	cmake_policy(SET CMP0116 NEW)
endif()

# bpfkit_vmlinux_h([OUTPUT <file>] [BTF <file>] [TARGET <name>])
#
#   Dumps the kernel's BTF as C (vmlinux.h) at build time.  Without
#   arguments: <build>/bpfkit/vmlinux/vmlinux.h from BPFKIT_BTF_FILE, made
#   by the target bpfkit_vmlinux_h (once per build tree; later calls only
#   return it).  Sets BPFKIT_VMLINUX_DIR and BPFKIT_VMLINUX_TARGET in the
#   caller's scope.  With BPFKIT_VMLINUX_H set to an existing file, that
#   file is used as it is and nothing is dumped.
function(bpfkit_vmlinux_h)
	cmake_parse_arguments(PARSE_ARGV 0 arg "" "OUTPUT;BTF;TARGET" "")
	if(arg_UNPARSED_ARGUMENTS)
		message(FATAL_ERROR "bpfkit_vmlinux_h: unknown arguments ${arg_UNPARSED_ARGUMENTS}")
	endif()
	if(NOT arg_TARGET)
		set(arg_TARGET bpfkit_vmlinux_h)
	endif()

	if(BPFKIT_VMLINUX_H AND NOT arg_OUTPUT)
		if(NOT EXISTS ${BPFKIT_VMLINUX_H})
			message(FATAL_ERROR "bpfkit: BPFKIT_VMLINUX_H=${BPFKIT_VMLINUX_H} does not exist")
		endif()
		get_filename_component(dir ${BPFKIT_VMLINUX_H} DIRECTORY)
		set(BPFKIT_VMLINUX_DIR ${dir} PARENT_SCOPE)
		set(BPFKIT_VMLINUX_TARGET "" PARENT_SCOPE)
		return()
	endif()

	if(NOT arg_OUTPUT)
		set(arg_OUTPUT ${CMAKE_BINARY_DIR}/bpfkit/vmlinux/vmlinux.h)
	endif()
	if(NOT arg_BTF)
		set(arg_BTF ${BPFKIT_BTF_FILE})
	endif()
	get_filename_component(dir ${arg_OUTPUT} DIRECTORY)
	set(BPFKIT_VMLINUX_DIR ${dir} PARENT_SCOPE)
	set(BPFKIT_VMLINUX_TARGET ${arg_TARGET} PARENT_SCOPE)
	if(TARGET ${arg_TARGET})
		return()
	endif()

	string(REPLACE "<BTF>" "${arg_BTF}" cmd "${BPFKIT_BTF_DUMP_CMD}")
	# A new kernel (new BTF file) makes a new vmlinux.h; a build machine
	# without BTF fails at build time with bpftool's message.
	set(deps ${BPFKIT_BTF_DEPENDS})
	if(EXISTS ${arg_BTF})
		list(APPEND deps ${arg_BTF})
	endif()
	# The header is a byproduct of a stamp: when a new bpftool dumps the
	# same text, the header keeps its time and nothing depending on it is
	# rebuilt (Ninja re-stats byproducts; make compares the times).
	add_custom_command(OUTPUT ${arg_OUTPUT}.stamp
		BYPRODUCTS ${arg_OUTPUT}
		COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
		COMMAND ${CMAKE_COMMAND} -DOUT=${arg_OUTPUT}
			-P ${BPFKIT_HELPER_DIR}/bpfkit-capture.cmake ${cmd}
		COMMAND ${CMAKE_COMMAND} -E touch ${arg_OUTPUT}.stamp
		DEPENDS ${deps}
		COMMENT "bpfkit: vmlinux.h from ${arg_BTF}"
		VERBATIM)
	add_custom_target(${arg_TARGET} DEPENDS ${arg_OUTPUT}.stamp)
endfunction()

# bpfkit_bpf_skeleton(<name> SOURCES <x.bpf.c>...
#                     [LIGHT] [SKEL_NAME <c_name>] [INCLUDES <dir>...]
#                     [CFLAGS <flag>...] [DEPENDS <file|target>...] [NO_VMLINUX])
#
#   Compiles the BPF C sources with clang (-g -O2 -target bpf
#   -D__TARGET_ARCH_<arch>, bpfkit's BPF-side headers, vmlinux.h), makes
#   <name>.bpf.o (several sources are linked with "bpftool gen object") and
#   <name>.skel.h with "bpftool gen skeleton".  The skeleton's C name is
#   <name>_bpf unless SKEL_NAME is given (struct <name>_bpf,
#   <name>_bpf__open_and_load(), ...), as bpftool names <name>.bpf.o.
#
#   Creates the interface target <name>_skel: link it to get the skeleton
#   header's directory on the include path, libbpf, and the build order.
#   Sets <name>_BPF_OBJECT and <name>_SKEL_HEADER in the caller's scope.
#
#   LIGHT: a light skeleton instead, <name>.lskel.h from "bpftool gen
#   skeleton -L" (same C names), and the interface target <name>_lskel:
#   the header's directory and the one of <bpf/skel_internal.h> on the
#   include path and the build order, no libbpf (a light skeleton loads
#   through the bpf() syscall alone).  Sets <name>_BPF_OBJECT and
#   <name>_LSKEL_HEADER.  Called once with and once without LIGHT in the
#   same directory, with the same SOURCES, INCLUDES, CFLAGS, DEPENDS and
#   NO_VMLINUX (SKEL_NAME may differ), the two skeletons share one
#   <name>.bpf.o.
function(bpfkit_bpf_skeleton name)
	cmake_parse_arguments(PARSE_ARGV 1 arg "NO_VMLINUX;LIGHT" "SKEL_NAME"
		"SOURCES;INCLUDES;CFLAGS;DEPENDS")
	if(arg_UNPARSED_ARGUMENTS)
		message(FATAL_ERROR "bpfkit_bpf_skeleton(${name}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
	endif()
	if(NOT arg_SOURCES)
		message(FATAL_ERROR "bpfkit_bpf_skeleton(${name}): no SOURCES")
	endif()
	if(NOT name MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
		message(FATAL_ERROR "bpfkit_bpf_skeleton(${name}): the name must be a C identifier")
	endif()
	if(NOT arg_SKEL_NAME)
		set(arg_SKEL_NAME ${name}_bpf)
	endif()
	if(arg_LIGHT)
		set(kind lskel)
		set(what "light skeleton")
	else()
		set(kind skel)
		set(what "skeleton")
	endif()
	if(TARGET ${name}_${kind})
		message(FATAL_ERROR "bpfkit_bpf_skeleton(${name}): a ${what} named '${name}' "
			"already exists (target ${name}_${kind})")
	endif()

	set(out ${CMAKE_CURRENT_BINARY_DIR}/bpfkit)
	set(final ${out}/${name}.bpf.o)

	# Where <bpf/skel_internal.h> is, before anything is added: a bpfkit
	# without it cannot make light skeletons at all.
	if(arg_LIGHT)
		set(rt_dir "")
		foreach(dir IN LISTS BPFKIT_BPF_INCLUDE_DIRS)
			if(EXISTS ${dir}/bpf/skel_internal.h)
				set(rt_dir ${dir})
				break()
			endif()
		endforeach()
		if(NOT rt_dir)
			message(FATAL_ERROR "bpfkit_bpf_skeleton(${name}): LIGHT needs <bpf/skel_internal.h>, "
				"which is not in ${BPFKIT_BPF_INCLUDE_DIRS}")
		endif()
		if(BPFKIT_IN_TREE AND NOT BPFKIT_GEN_DEPENDS STREQUAL "bpftool")
			message(FATAL_ERROR "bpfkit_bpf_skeleton(${name}): LIGHT needs "
				"'bpftool gen skeleton -L', which bpfkit-gen does not stand in for")
		endif()
	endif()

	# The object: made once per name and directory, shared by the skeleton
	# and the light skeleton of that name.
	set(sig "${arg_SOURCES}|${arg_INCLUDES}|${arg_CFLAGS}|${arg_DEPENDS}|${arg_NO_VMLINUX}")
	get_directory_property(prev BPFKIT_OBJECT_${name})
	if(prev AND NOT prev STREQUAL sig)
		message(FATAL_ERROR "bpfkit_bpf_skeleton(${name}): ${name}.bpf.o was already made "
			"from other SOURCES, INCLUDES, CFLAGS, DEPENDS or NO_VMLINUX; give it another name")
	endif()
	if(NOT prev)
		if(TARGET ${name}_bpf_obj)
			message(FATAL_ERROR "bpfkit_bpf_skeleton(${name}): the name '${name}' is "
				"already used in another directory (target ${name}_bpf_obj)")
		endif()
		_bpfkit_bpf_object(${name} ${final})
		set_directory_properties(PROPERTIES BPFKIT_OBJECT_${name} "${sig}")
	endif()

	set(gen_cmd ${BPFKIT_GEN_SKELETON_CMD})
	if(arg_LIGHT)
		# The long form of -L: cmake itself would take "-L" (list the
		# cache) from the capture script's command line.
		list(APPEND gen_cmd --use-loader)
	endif()
	set(skel ${out}/${name}.${kind}.h)
	add_custom_command(OUTPUT ${skel}.stamp
		BYPRODUCTS ${skel}
		COMMAND ${CMAKE_COMMAND} -DOUT=${skel} -P ${BPFKIT_HELPER_DIR}/bpfkit-capture.cmake
			${gen_cmd} ${final} name ${arg_SKEL_NAME}
		COMMAND ${CMAKE_COMMAND} -E touch ${skel}.stamp
		DEPENDS ${final} ${BPFKIT_GEN_DEPENDS}
		COMMENT "bpfkit: ${what} ${name}.${kind}.h"
		VERBATIM)
	add_custom_target(${name}_${kind}_gen DEPENDS ${skel}.stamp)
	add_dependencies(${name}_${kind}_gen ${name}_bpf_obj)

	add_library(${name}_${kind} INTERFACE)
	target_include_directories(${name}_${kind} INTERFACE ${out})
	if(arg_LIGHT)
		target_include_directories(${name}_${kind} INTERFACE ${rt_dir})
		set(${name}_LSKEL_HEADER ${skel} PARENT_SCOPE)
	else()
		target_link_libraries(${name}_${kind} INTERFACE bpfkit::libbpf)
		set(${name}_SKEL_HEADER ${skel} PARENT_SCOPE)
	endif()
	add_dependencies(${name}_${kind} ${name}_${kind}_gen)
	set(${name}_BPF_OBJECT ${final} PARENT_SCOPE)
endfunction()

# _bpfkit_bpf_object(<name> <final>): bpfkit_bpf_skeleton()'s compile and
# link steps, in its scope (arg_* are its parsed arguments), driven by the
# target <name>_bpf_obj: the skeletons made from <final> depend on that
# target, so that no two of them run its commands at once (make).
macro(_bpfkit_bpf_object name final)
	set(objdir ${out}/${name}.objs)
	set(flags ${BPFKIT_BPF_FLAGS} ${arg_CFLAGS})
	set(deps ${BPFKIT_HEADERS_DEPENDS} ${arg_DEPENDS})
	set(incs ${CMAKE_CURRENT_SOURCE_DIR} ${arg_INCLUDES})
	if(NOT arg_NO_VMLINUX)
		bpfkit_vmlinux_h()
		list(APPEND incs ${BPFKIT_VMLINUX_DIR})
		if(BPFKIT_VMLINUX_TARGET)
			list(APPEND deps ${BPFKIT_VMLINUX_TARGET} ${BPFKIT_VMLINUX_DIR}/vmlinux.h)
		else()
			list(APPEND deps ${BPFKIT_VMLINUX_H})
		endif()
	endif()
	foreach(dir IN LISTS incs)
		list(APPEND flags -I${dir})
	endforeach()

	set(objs "")
	foreach(src IN LISTS arg_SOURCES)
		get_filename_component(src ${src} ABSOLUTE)
		get_source_file_property(generated ${src} GENERATED)
		if(NOT EXISTS ${src} AND NOT generated)
			message(FATAL_ERROR "bpfkit_bpf_skeleton(${name}): source '${src}' not found")
		endif()
		get_filename_component(stem ${src} NAME)
		string(REGEX REPLACE "\\.c$" "" stem ${stem})
		set(obj ${objdir}/${stem}.o)
		# Headers the source includes: clang's depfile where the generator
		# reads one, make's own scan otherwise.
		if(CMAKE_GENERATOR MATCHES "Ninja" OR CMAKE_VERSION VERSION_GREATER_EQUAL 3.20)
			set(hdr_deps -MD -MF ${obj}.d)
			set(hdr_opt DEPFILE ${obj}.d)
		else()
			set(hdr_deps "")
			set(hdr_opt IMPLICIT_DEPENDS C ${src})
		endif()
		add_custom_command(OUTPUT ${obj}
			COMMAND ${CMAKE_COMMAND} -E make_directory ${objdir}
			COMMAND ${BPFKIT_CLANG} ${flags} ${hdr_deps} -c ${src} -o ${obj}
			DEPENDS ${src} ${deps}
			${hdr_opt}
			COMMENT "bpfkit: BPF ${stem}.c"
			VERBATIM)
		list(APPEND objs ${obj})
	endforeach()

	# The final object: debug info other than BTF only makes the embedded
	# copy in the skeleton bigger.
	list(LENGTH objs n)
	if(n GREATER 1)
		if(BPFKIT_IN_TREE AND NOT BPFKIT_GEN_DEPENDS STREQUAL "bpftool")
			message(FATAL_ERROR "bpfkit_bpf_skeleton(${name}): several SOURCES need "
				"'bpftool gen object', which this bpftool does not have yet")
		endif()
		list(GET BPFKIT_GEN_SKELETON_CMD 0 tool)
		add_custom_command(OUTPUT ${final}
			COMMAND ${tool} gen object ${final} ${objs}
			DEPENDS ${objs} ${BPFKIT_GEN_DEPENDS}
			COMMENT "bpfkit: link ${name}.bpf.o"
			VERBATIM)
	elseif(BPFKIT_LLVM_STRIP)
		add_custom_command(OUTPUT ${final}
			COMMAND ${BPFKIT_LLVM_STRIP} -g ${objs} -o ${final}
			DEPENDS ${objs}
			COMMENT "bpfkit: strip ${name}.bpf.o"
			VERBATIM)
	else()
		add_custom_command(OUTPUT ${final}
			COMMAND ${CMAKE_COMMAND} -E copy ${objs} ${final}
			DEPENDS ${objs}
			VERBATIM)
	endif()
	add_custom_target(${name}_bpf_obj DEPENDS ${final})
endmacro()
