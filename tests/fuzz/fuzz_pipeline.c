/*
 * fuzz_pipeline.c: a libFuzzer harness over the pipeline: the bytes are an
 * inspection file; it is loaded, checked and, when it passes, every
 * document it supports is rendered to memory. Nothing may crash, hang or
 * leak, whatever the bytes.
 *
 * Build: cmake -S . -B build-fuzz -DFINDINGS_FUZZ=ON -DCMAKE_C_COMPILER=clang
 * Run:   build-fuzz/tests/fuzz/fuzz_pipeline -max_total_time=60 CORPUS...
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "datadir.h"
#include "load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fd_datadir dd;
	static int ready;
	struct fd_diags *d = fd_diags_new();
	struct fd_input *in;

	if (!ready) {
		if (fd_datadir_find(&dd, FUZZ_TEMPLATES, d) != 0)
			abort();
		ready = 1;
	}
	in = fd_load_memory("fuzz.xml", (const char *)data, size, d);
	if (in != NULL)
		fd_check(in, &dd, fd_inspection_stage(in), d);
	fd_input_free(in);
	free(fd_diags_text(d));
	fd_diags_free(d);
	return 0;
}
