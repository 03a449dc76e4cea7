# Runs GenHelperDefs.cmake on fixture_helpers.h and checks its output.
#   cmake -DGEN=<GenHelperDefs.cmake> -DFIXTURE=<fixture_helpers.h>
#         -DOUT=<dir> -DCLANG=<clang> -DCFLAGS=<;-list> -P check_gen.cmake
set(out "${OUT}/bpf/bpf_helper_defs.h")
file(REMOVE "${out}")
execute_process(COMMAND ${CMAKE_COMMAND} -DUAPI_BPF_H=${FIXTURE} -DOUT=${out}
		-DEXPECT_HELPERS=10 -P ${GEN}
	RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
	message(FATAL_ERROR "generator failed on the fixture:\n${err}")
endif()
file(READ "${out}" text)

set(expect
	"static void *(* const bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;"
	"static long (* const bpf_map_update_elem)(void *map, const void *key, const void *value, __u64 flags) = (void *) 2;"
	"static long (* const bpf_trace_printk)(const char *fmt, __u32 fmt_size, ...) = (void *) 3;"
	"static __u64 (* const bpf_ktime_get_ns)(void) = (void *) 4;"
	"static long (* const bpf_skb_store_bytes)(struct __sk_buff *skb, __u32 offset, const void *from, __u32 len, __u64 flags) = (void *) 5;"
	"static __bpf_fastcall __u32 (* const bpf_get_smp_processor_id)(void) = (void *) 6;"
	"static struct bpf_sock *(* const bpf_sk_fullsock)(struct bpf_sock *sk) = (void *) 7;"
	"static long (* const bpf_xdp_adjust_head)(struct xdp_md *xdp_md, int delta) = (void *) 8;"
	"static long (* const bpf_msg_apply_bytes)(struct sk_msg_md *msg, __u32 bytes) = (void *) 9;"
	"static __s64 (* const bpf_csum_diff)(__be32 *from, __u32 from_size, __be32 *to, __u32 to_size, __wsum seed) = (void *) 10;"
	"struct __sk_buff;"
	"struct bpf_sock;"
	"struct xdp_md;"
	"struct sk_msg_md;"
	"#define __BPFKIT_HELPER_COUNT 10")
foreach(line IN LISTS expect)
	string(FIND "${text}" "${line}" pos)
	if(pos EQUAL -1)
		message(FATAL_ERROR "generated header lacks:\n  ${line}\nit is:\n${text}")
	endif()
endforeach()
foreach(bad "struct bpf_map" "struct sk_buff;" "struct xdp_buff" " u32 ")
	string(FIND "${text}" "${bad}" pos)
	if(NOT pos EQUAL -1)
		message(FATAL_ERROR "generated header still contains '${bad}':\n${text}")
	endif()
endforeach()

# The result must be valid C for a BPF program.
file(WRITE "${OUT}/use.c" "#include <linux/types.h>\n#include <bpf/bpf_helper_defs.h>\n"
	"int f(void) { return bpf_ktime_get_ns() + bpf_get_smp_processor_id(); }\n")
execute_process(COMMAND ${CLANG} ${CFLAGS} -I${OUT} -fsyntax-only ${OUT}/use.c
	RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
	message(FATAL_ERROR "generated header does not compile:\n${err}")
endif()

# Wrong expected count is an error too.
execute_process(COMMAND ${CMAKE_COMMAND} -DUAPI_BPF_H=${FIXTURE} -DOUT=${OUT}/x.h
		-DEXPECT_HELPERS=211 -P ${GEN}
	RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "expected 211 helpers, found 10")
	message(FATAL_ERROR "EXPECT_HELPERS mismatch not reported:\n${err}")
endif()
message(STATUS "generator fixture: ok")
