// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* Helper names by id, generated from the uapi helper list. */
#include "disasm.h"

#define DISASM_HELPER_NAME(x, id, ...) [id] = "bpf_" #x,
static const char *const helper_names[__BPF_FUNC_MAX_ID] = {
	___BPF_FUNC_MAPPER(DISASM_HELPER_NAME)
};
#undef DISASM_HELPER_NAME

const char *disasm_helper_name(int id)
{
	if (id < 0 || id >= __BPF_FUNC_MAX_ID)
		return NULL;
	return helper_names[id];
}
