// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

void *util_realloc_array(void *ptr, size_t nmemb, size_t size)
{
	size_t total;

	if (__builtin_mul_overflow(nmemb, size, &total) || total > UTIL_MAX_ALLOC) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(ptr, total ? total : 1);
}

int util_ensure_cap(void **data, size_t *cap, size_t elem_sz, size_t need)
{
	size_t new_cap;
	void *p;

	if (need <= *cap)
		return 0;
	new_cap = *cap < 16 ? 16 : *cap + *cap / 2;
	if (new_cap < need)
		new_cap = need;
	p = util_realloc_array(*data, new_cap, elem_sz);
	if (!p)
		return -ENOMEM;
	memset((char *)p + *cap * elem_sz, 0, (new_cap - *cap) * elem_sz);
	*data = p;
	*cap = new_cap;
	return 0;
}
