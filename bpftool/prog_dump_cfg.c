// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* prog dump xlated visual: placeholder until the CFG printer lands. */
#include "common.h"
#include "prog.h"

int prog_dump_xlated_cfg(struct prog_dump_ctx *c)
{
	(void)c;
	p_err("'visual' is not supported yet");
	return -1;
}
