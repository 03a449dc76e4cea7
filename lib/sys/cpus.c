// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/* The number of possible CPUs: the size of every per-CPU map value array. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/libbpf.h>

#include "util/err.h"
#include "util/log.h"

#define CPU_POSSIBLE_PATH "/sys/devices/system/cpu/possible"

/*
 * Counts the CPUs of a list such as "0-3,8,10-11".  Returns the count or
 * -EINVAL for text that is not such a list.
 */
static int count_cpu_list(const char *s)
{
	int total = 0;

	while (*s && *s != '\n') {
		char *end;
		long first, last;

		first = strtol(s, &end, 10);
		if (end == s || first < 0)
			return -EINVAL;
		last = first;
		s = end;
		if (*s == '-') {
			s++;
			last = strtol(s, &end, 10);
			if (end == s || last < first)
				return -EINVAL;
			s = end;
		}
		total += (int)(last - first + 1);
		if (*s == ',')
			s++;
		else if (*s && *s != '\n')
			return -EINVAL;
	}
	return total ? total : -EINVAL;
}

LIBBPF_API int libbpf_num_possible_cpus(void)
{
	static int cached;
	char buf[256];
	ssize_t len;
	int fd, n;

	n = __atomic_load_n(&cached, __ATOMIC_RELAXED);
	if (n > 0)
		return n;

	fd = open(CPU_POSSIBLE_PATH, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		n = -errno;
		pr_warn("sys: cannot open %s: %s\n", CPU_POSSIBLE_PATH,
			util_errstr(n));
		return util_err(n);
	}
	len = read(fd, buf, sizeof(buf) - 1);
	n = len < 0 ? -errno : 0;
	close(fd);
	if (len <= 0) {
		n = n ? n : -EINVAL;
		pr_warn("sys: cannot read %s: %s\n", CPU_POSSIBLE_PATH,
			util_errstr(n));
		return util_err(n);
	}
	buf[len] = '\0';
	n = count_cpu_list(buf);
	if (n < 0) {
		pr_warn("sys: cannot parse %s: '%s'\n", CPU_POSSIBLE_PATH, buf);
		return util_err(n);
	}
	__atomic_store_n(&cached, n, __ATOMIC_RELAXED);
	return n;
}
