// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include "opts.h"
#include "log.h"

bool util_opts_ok(const void *opts, size_t user_sz, size_t known_sz,
		  const char *type_name)
{
	const unsigned char *bytes = opts;
	size_t i;

	if (user_sz < sizeof(size_t)) {
		pr_warn("%s: sz %zu is too small (initialise it with LIBBPF_OPTS)\n",
			type_name, user_sz);
		return false;
	}
	for (i = known_sz; i < user_sz; i++) {
		if (bytes[i]) {
			pr_warn("%s: byte %zu is set but this library knows only %zu bytes of it\n",
				type_name, i, known_sz);
			return false;
		}
	}
	return true;
}
