/*
 * fuzz_pipeline.c: a libFuzzer harness over the whole pipeline. The bytes
 * are an inspection file: it is loaded and checked and, when it passes,
 * every document its framework has is rendered (each concern's form, each
 * recipient's email, the letter at its stage, the timeline, the working
 * papers). Nothing may crash, hang or leak, whatever the bytes.
 *
 * The pipeline reads and writes files, so the input goes to a file on
 * /dev/shm (memory) and the documents are written beside it.
 *
 * Build: cmake -S . -B build-fuzz -DFINDINGS_FUZZ=ON -DCMAKE_C_COMPILER=clang
 * Run:   build-fuzz/tests/fuzz/fuzz_pipeline -max_total_time=60 CORPUS...
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "datadir.h"
#include "load.h"
#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64]; /* this process's folder on /dev/shm */

static void
render_all(const char *path, const struct fd_datadir *dd, struct fd_diags *d)
{
	struct fd_render *r = fd_render_open(path, dd, NULL, d);
	struct fd_document *docs = NULL;
	long n, i;

	if (r == NULL)
		return;
	n = fd_render_documents(r, &docs, d);
	for (i = 0; i < n; i++) {
		char *out = fd_xasprintf("%s/out.%s", dir, docs[i].ext);
		struct fd_job *jobs;
		long k, nj = fd_render_jobs(r, &docs[i], NULL, &jobs, d);

		/* The first two of each: enough to reach every path. */
		for (k = 0; k < nj && k < 2; k++)
			fd_render_doc(r, &jobs[k].ro, out, d);
		/* And the empty form of a document made for each concern
		 * or complaint. */
		if (docs[i].each != NULL &&
		    strcmp(docs[i].each, "recipient") != 0) {
			struct fd_render_opts o = {0};

			o.doc = docs[i].name;
			o.blank = 1;
			fd_render_doc(r, &o, out, d);
		}
		fd_jobs_free(jobs, nj);
		free(out);
	}
	fd_documents_free(docs, n);
	fd_render_close(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fd_datadir dd;
	static int ready;
	struct fd_diags *d = fd_diags_new();
	char *path;
	FILE *f;

	if (!ready) {
		snprintf(dir, sizeof dir, "/dev/shm/findings-fuzz-%ld",
			 (long)getpid());
		mkdir(dir, 0700);
		if (fd_datadir_find(&dd, FUZZ_TEMPLATES, d) != 0)
			abort();
		ready = 1;
	}
	path = fd_xasprintf("%s/in.xml", dir);
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	render_all(path, &dd, d);
	free(path);
	free(fd_diags_text(d));
	fd_diags_free(d);
	return 0;
}
