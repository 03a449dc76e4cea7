// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Fuzz target "usdt": the USDT parsers of lib/link.  An input starting
 * with a byte other than 0x7f is an argument string ("-4@%eax 8@-8(%rbp)")
 * for usdt_parse_args(); an ELF image ("\x7fELF...") goes through
 * usdt_find_sites() (the .note.stapsdt walk, through a memfd since it takes
 * a path) and each site's argument string through usdt_parse_args().
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"
#include "link/usdt.h"

static int memfd = -1;
static char memfd_path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_quiet();
	return 0;
}

static void fuzz_args(const uint8_t *data, size_t size)
{
	struct usdt_spec spec;
	char *s = malloc(size + 1);

	if (!s)
		return;
	memcpy(s, data, size);
	s[size] = '\0';
	usdt_parse_args(s, &spec);
	free(s);
}

static void fuzz_notes(const uint8_t *data, size_t size)
{
	/* Provider/name pairs the seeds use, then a wildcard-free miss. */
	static const char *const probes[][2] = {
		{ "bpfkit", "probe" }, { "test", "usdt" }, { "libc", "setjmp" },
	};
	struct usdt_site *sites;
	struct usdt_spec spec;
	size_t cnt, i, j;

	if (memfd < 0) {
		memfd = memfd_create("fuzz_usdt", MFD_CLOEXEC);
		if (memfd < 0)
			return;
		snprintf(memfd_path, sizeof(memfd_path), "/proc/self/fd/%d", memfd);
	}
	if (ftruncate(memfd, 0) || pwrite(memfd, data, size, 0) != (ssize_t)size)
		return;
	for (j = 0; j < sizeof(probes) / sizeof(probes[0]); j++) {
		if (usdt_find_sites(memfd_path, probes[j][0], probes[j][1],
				    &sites, &cnt))
			continue;
		for (i = 0; i < cnt; i++)
			if (sites[i].args)
				usdt_parse_args(sites[i].args, &spec);
		usdt_sites_free(sites, cnt);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 4 && !memcmp(data, "\x7f" "ELF", 4))
		fuzz_notes(data, size);
	else
		fuzz_args(data, size);
	return 0;
}
