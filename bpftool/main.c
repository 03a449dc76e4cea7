// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* PLACEHOLDER: replaced by the bpftool owner. */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("bpftool v%s\n", BPFKIT_VERSION);
	return 0;
}
