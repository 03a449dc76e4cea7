// SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
/*
 * Runs a fuzz target over files without libFuzzer: each argument is a file
 * or a directory (every regular file in it, sorted, not recursive).  Used
 * by ctest to replay the regression inputs and the seed corpora in the
 * ordinary gcc build and under ASan+UBSan.  Exit status: 0, or 1 if an
 * input could not be read (a crash ends the process on its own).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	return 0;
}

static int run_file(const char *path)
{
	unsigned char *buf;
	struct stat st;
	FILE *f;
	size_t n;

	f = fopen(path, "rbe");
	if (!f || fstat(fileno(f), &st)) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		if (f)
			fclose(f);
		return 1;
	}
	buf = malloc(st.st_size ? st.st_size : 1);
	n = buf ? fread(buf, 1, st.st_size, f) : 0;
	fclose(f);
	if (!buf || n != (size_t)st.st_size) {
		free(buf);
		return 1;
	}
	fprintf(stderr, "replay: %s (%zu bytes)\n", path, n);
	LLVMFuzzerTestOneInput(buf, n);
	free(buf);
	return 0;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_dir(const char *dir, int *count)
{
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, i;
	int err = 0;
	DIR *d;

	d = opendir(dir);
	if (!d)
		return 1;
	while ((de = readdir(d))) {
		char **p;

		if (de->d_name[0] == '.')
			continue;
		p = realloc(names, (n + 1) * sizeof(*names));
		if (!p)
			break;
		names = p;
		if (asprintf(&names[n], "%s/%s", dir, de->d_name) < 0)
			break;
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp);
	for (i = 0; i < n; i++) {
		struct stat st;

		if (!stat(names[i], &st) && S_ISREG(st.st_mode)) {
			err |= run_file(names[i]);
			(*count)++;
		}
		free(names[i]);
	}
	free(names);
	return err;
}

int main(int argc, char **argv)
{
	int i, err = 0, count = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st)) {
			/* An absent corpus (not generated yet) is no failure. */
			fprintf(stderr, "replay: %s: absent, skipped\n", argv[i]);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			err |= run_dir(argv[i], &count);
		} else {
			err |= run_file(argv[i]);
			count++;
		}
	}
	fprintf(stderr, "replay: %d inputs, %s\n", count, err ? "read errors" : "no crash");
	return err;
}
