/*
 * fuzz_match.c: libFuzzer harness over the privacy gate's normaliser and
 * matcher (match.h). The input is split at its first NUL: what is left
 * of it becomes identifiers of every kind, what is right is the text they
 * are looked for in; every date and email address of the text is found
 * too. The sanitizers catch what goes wrong; the asserts check that what
 * is found lies inside the text.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "match.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *nul = memchr(s, '\0', size);
	size_t left = nul ? (size_t)(nul - s) : size / 2;
	const char *text = s + left + (nul ? 1 : 0);
	size_t tlen = size - left - (nul ? 1 : 0), from, off, end, i, n;
	static const enum fd_ident_kind kinds[] = {FD_ID_CASE, FD_ID_EMAIL,
						   FD_ID_WITHHELD};
	struct fd_seen *t;
	struct fd_seen_date *dv;
	struct fd_ident id;
	size_t *offs;
	char **ev, *vis;

	if (size > 1 << 16)
		return 0;
	t = fd_seen_new(text, tlen);
	for (i = 0; i < 3; i++) {
		if (fd_ident_make(&id, kinds[i], s, left) != 0)
			continue;
		from = 0;
		while (fd_seen_find(t, &id, &from, &off, &end)) {
			assert(off < end && end <= tlen);
		}
		fd_ident_clear(&id);
	}
	n = fd_seen_dates(t, &dv);
	for (i = 0; i < n; i++) {
		assert(dv[i].off < dv[i].end && dv[i].end <= tlen);
		assert(dv[i].m >= 1 && dv[i].m <= 12 && dv[i].d >= 1 &&
		       dv[i].d <= 31);
	}
	free(dv);
	ev = fd_seen_emails(t, &offs);
	for (i = 0; ev[i] != NULL; i++)
		assert(offs[2 * i] < offs[2 * i + 1] && offs[2 * i + 1] <= tlen);
	fd_strv_free(ev);
	free(offs);
	vis = fd_seen_visible(text, tlen);
	free(vis);
	fd_seen_free(t);
	return 0;
}
