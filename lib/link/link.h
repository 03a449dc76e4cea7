/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The private side of struct bpf_link, shared by every attach kind in this
 * directory.  A link owns one fd (a BPF link fd, a perf event fd, ...) and
 * knows how to undo its attachment; kinds needing more state embed
 * struct bpf_link first and free themselves in ->dealloc.
 */
#ifndef BPFKIT_LINK_LINK_H
#define BPFKIT_LINK_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <bpf/libbpf.h>

struct bpf_link {
	/* Undo the attachment; called at most once, not after disconnect. */
	int (*detach)(struct bpf_link *link);
	/* Free the (possibly larger) allocation; NULL means free(link). */
	void (*dealloc)(struct bpf_link *link);
	char *pin_path;
	int fd;
	bool disconnected;
};

/*
 * A zeroed link of size bytes (>= sizeof(struct bpf_link)) owning fd, whose
 * detach closes the fd.  NULL with errno ENOMEM; the fd is not closed then.
 */
struct bpf_link *link_alloc(size_t size, int fd);

/* The usual detach: close the fd (kernel links go away with their last fd). */
int link_detach_close(struct bpf_link *link);

/*
 * A link around a BPF link fd made by BPF_LINK_CREATE; closes link_fd and
 * returns NULL/errno on allocation failure.
 */
struct bpf_link *link_from_fd(int link_fd);

/* The fd of a loaded program, or -EINVAL with a message naming it. */
int link_prog_fd(const struct bpf_program *prog);

/* The program's name for messages (never NULL). */
const char *link_prog_name(const struct bpf_program *prog);

/* How a program goes onto a perf event. */
enum link_perf_mode {
	LINK_PERF_ANY,		/* a BPF perf link, else the ioctl */
	LINK_PERF_IOCTL,	/* PERF_EVENT_IOC_SET_BPF only */
	LINK_PERF_LINK,		/* a BPF perf link only */
};

/*
 * Attach through a perf event fd (tracepoint, kprobe, uprobe, perf event).
 * On success the link owns pfd and legacy (a kprobe_events/uprobe_events
 * entry removed after the perf fd is closed on detach); on failure both
 * are left to the caller (close pfd first, then free legacy).
 */
struct perf_legacy_probe {
	char *event_file;	/* "kprobe_events" or "uprobe_events" */
	char *group_event;	/* "group/event" to remove with "-:" */
};
struct bpf_link *link_attach_perf(const struct bpf_program *prog, int pfd,
				  __u64 cookie, enum link_perf_mode mode,
				  struct perf_legacy_probe *legacy);
/* Removes the legacy probe from tracefs and frees it (NULL is fine). */
void perf_legacy_probe_free(struct perf_legacy_probe *probe);
/* Frees the record, leaving the tracefs entry in place. */
void perf_legacy_probe_forget(struct perf_legacy_probe *probe);

/* tracefs root ("/sys/kernel/tracing" or the debugfs one). */
const char *link_tracefs_root(void);

/* Reads a small decimal number from a file; -errno on failure. */
int link_read_uint_file(const char *path, unsigned long *value);

/* PMU type of "kprobe"/"uprobe" and the bit of its "retprobe" config. */
int link_pmu_type(const char *pmu);
int link_pmu_retprobe_bit(const char *pmu);

/* Tracepoint id from tracefs events/<category>/<name>/id, or -errno. */
int link_tracepoint_id(const char *category, const char *name);

/* Legacy kprobe_events/uprobe_events entry; NULL with errno on failure. */
struct perf_legacy_probe *link_legacy_probe_add(const char *event_file,
						const char *group_event,
						const char *definition);

/* perf_event_open(2), always with PERF_FLAG_FD_CLOEXEC; -errno on failure. */
struct perf_event_attr;
int link_perf_event_open(struct perf_event_attr *attr, int pid, int cpu);

/*
 * Auto-attach as bpf_program__attach() does, but 0 with *link NULL when the
 * section names nothing to attach to (what skeleton attach wants).
 */
int link_auto_attach(const struct bpf_program *prog, struct bpf_link **link);

#endif
