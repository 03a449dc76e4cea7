// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * tracefs and sysfs look-ups shared by the perf-event based attach kinds:
 * where tracefs is mounted, tracepoint ids, dynamic PMU types, and the
 * legacy kprobe_events/uprobe_events interface for kernels without PMUs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "link.h"
#include "util/err.h"
#include "util/log.h"

const char *link_tracefs_root(void)
{
	static const char *root;	/* shared by threads: atomic accesses */
	const char *r = __atomic_load_n(&root, __ATOMIC_ACQUIRE);

	if (!r) {
		r = access("/sys/kernel/tracing/events", F_OK) == 0 ?
		    "/sys/kernel/tracing" : "/sys/kernel/debug/tracing";
		__atomic_store_n(&root, r, __ATOMIC_RELEASE);
	}
	return r;
}

int link_read_uint_file(const char *path, unsigned long *value)
{
	char buf[64];
	ssize_t n;
	char *end;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	err = n < 0 ? -errno : 0;
	close(fd);
	if (err)
		return err;
	buf[n] = '\0';
	errno = 0;
	*value = strtoul(buf, &end, 10);
	if (errno || end == buf)
		return -EINVAL;
	return 0;
}

int link_pmu_type(const char *pmu)
{
	char path[128];
	unsigned long type;
	int err;

	snprintf(path, sizeof(path), "/sys/bus/event_source/devices/%s/type", pmu);
	err = link_read_uint_file(path, &type);
	if (err)
		return err;
	return (int)type;
}

int link_pmu_retprobe_bit(const char *pmu)
{
	char path[128], buf[64];
	int bit, fd;
	ssize_t n;

	snprintf(path, sizeof(path),
		 "/sys/bus/event_source/devices/%s/format/retprobe", pmu);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -EINVAL;
	buf[n] = '\0';
	/* The file reads "config:<bit>". */
	if (sscanf(buf, "config:%d", &bit) != 1)
		return -EINVAL;
	return bit;
}

static int tracefs_write(const char *file, const char *text)
{
	char path[256];
	ssize_t n;
	int fd, err = 0;

	snprintf(path, sizeof(path), "%s/%s", link_tracefs_root(), file);
	fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n < 0)
		err = -errno;
	else if ((size_t)n != strlen(text))
		err = -EIO;
	close(fd);
	return err;
}

/*
 * Adds "<p|r>:group/event target" to kprobe_events or uprobe_events and
 * returns the probe record, or NULL with errno.
 */
struct perf_legacy_probe *link_legacy_probe_add(const char *event_file,
						const char *group_event,
						const char *definition)
{
	struct perf_legacy_probe *probe;
	int err;

	probe = calloc(1, sizeof(*probe));
	if (!probe)
		return util_err_ptr(-ENOMEM);
	probe->event_file = strdup(event_file);
	probe->group_event = strdup(group_event);
	if (!probe->event_file || !probe->group_event) {
		perf_legacy_probe_forget(probe);
		return util_err_ptr(-ENOMEM);
	}
	err = tracefs_write(event_file, definition);
	if (err) {
		perf_legacy_probe_forget(probe);
		return util_err_ptr(err);
	}
	return probe;
}

void perf_legacy_probe_forget(struct perf_legacy_probe *probe)
{
	if (!probe)
		return;
	free(probe->event_file);
	free(probe->group_event);
	free(probe);
}

void perf_legacy_probe_free(struct perf_legacy_probe *probe)
{
	char cmd[256];
	int err;

	if (!probe)
		return;
	snprintf(cmd, sizeof(cmd), "-:%s\n", probe->group_event);
	err = tracefs_write(probe->event_file, cmd);
	if (err)
		pr_warn("link: removing legacy probe '%s' failed: %s\n",
			probe->group_event, util_errstr(err));
	perf_legacy_probe_forget(probe);
}

int link_tracepoint_id(const char *category, const char *name)
{
	char path[512];
	unsigned long id;
	int err;

	snprintf(path, sizeof(path), "%s/events/%s/%s/id", link_tracefs_root(),
		 category, name);
	err = link_read_uint_file(path, &id);
	if (err)
		return err;
	return (int)id;
}
