# cmake -DOUT=<file> -P bpfkit-capture.cmake <command> [args...]
#
# Runs a command and writes its standard output to OUT, or leaves OUT alone
# and fails when the command fails (so that a half-written vmlinux.h or
# .skel.h never looks up to date to the build tool).  OUT is only replaced
# when the output differs.
if(NOT DEFINED OUT)
	message(FATAL_ERROR "bpfkit-capture: OUT is not set")
endif()

# The command starts after the script's own name on the command line.
set(cmd "")
set(after_script FALSE)
math(EXPR last "${CMAKE_ARGC} - 1")
foreach(i RANGE ${last})
	if(after_script)
		list(APPEND cmd "${CMAKE_ARGV${i}}")
	elseif(CMAKE_ARGV${i} MATCHES "bpfkit-capture\\.cmake$")
		set(after_script TRUE)
	endif()
endforeach()
if(cmd STREQUAL "")
	message(FATAL_ERROR "bpfkit-capture: no command given")
endif()

execute_process(COMMAND ${cmd}
	OUTPUT_FILE "${OUT}.tmp"
	RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
	file(REMOVE "${OUT}.tmp")
	list(JOIN cmd " " shown)
	message(FATAL_ERROR "bpfkit: ${OUT} not written, this command failed (${rc}):\n  ${shown}")
endif()
# An unchanged header keeps its time stamp: a rebuilt bpftool then does not
# make every BPF object and user program depending on it build again.
if(EXISTS "${OUT}")
	file(SHA256 "${OUT}" old_sum)
	file(SHA256 "${OUT}.tmp" new_sum)
	if(old_sum STREQUAL new_sum)
		file(REMOVE "${OUT}.tmp")
		return()
	endif()
endif()
file(RENAME "${OUT}.tmp" "${OUT}")
