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
		struct fd_render_opts o = {0};
		char *out = fd_xasprintf("%s/out.%s", dir, docs[i].ext);
		char **ids = NULL;
		size_t k;

		o.doc = docs[i].name;
		if (docs[i].each && strcmp(docs[i].each, "recipient") != 0)
			ids = fd_render_ids(r, docs[i].each);
		else if (docs[i].each)
			ids = fd_render_recipients(r, &o, d);
		if (ids == NULL) {
			fd_render_doc(r, &o, out, d);
		} else {
			/* The first two of each: enough to reach every path. */
			for (k = 0; ids[k] && k < 2; k++) {
				if (docs[i].each[0] == 'c')
					o.concern_id = ids[k];
				else
					o.to = ids[k];
				fd_render_doc(r, &o, out, d);
			}
			o.concern_id = NULL;
			o.blank = docs[i].each[0] == 'c';
			if (o.blank)
				fd_render_doc(r, &o, out, d);
		}
		fd_strv_free(ids);
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
