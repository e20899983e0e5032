/*
 * match.c: text as a reader sees it, and identifiers found in it
 * (match.h).
 *
 * Unicode comes from ICU's common library, which libxml2 already loads:
 * NFKC with case folding, the decomposition that lets marks go, general
 * categories, digit values and scripts. The confusables of UTS #39 live
 * in ICU's other library, opened only when a text holds a letter of
 * another script (most never do), so start-up pays nothing for them.
 */
#include "match.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utf16.h>
#include <unicode/uvernum.h>

#include "util.h"

/* What one unit of seen text is. */
enum { K_SEP, K_ALPHA, K_DIGIT };

/* One character as a reader sees it. */
struct unit {
	uint32_t c;	   /* a-z, 0-9, another letter, or a separator */
	unsigned char k;   /* K_SEP, K_ALPHA or K_DIGIT */
	size_t off, end;   /* the bytes of the original it came from */
};

/* A row of letters and digits with separators left out: bound[i] says
 * that a separator (or the start) comes before the i-th. */
struct view {
	size_t *at;	      /* index into units of each letter or digit */
	size_t *last;	      /* its last unit (a digit's word: "four") */
	uint32_t *c;	      /* the letter or digit */
	unsigned char *k;     /* K_ALPHA or K_DIGIT */
	unsigned char *bound; /* a separator before it */
	size_t n;	      /* entries */
};

/* How a view reads words. */
enum view_mode {
	V_ALL,	 /* every letter and digit */
	V_MAIL,	 /* without the words "at" and "dot" */
	V_DIGITS /* a digit's name ("four") as the digit */
};

struct fd_seen {
	struct unit *u;	   /* the text, unit by unit */
	size_t n, cap;	   /* entries and room in u */
	struct view all;   /* every letter and digit */
	struct view mail;  /* the same without the words "at" and "dot" */
	struct view num;   /* digits' names as digits; n is 0 when the
			      text names none */
};

/* Decoding: each byte of a decoded text knows the bytes it came from. */
struct dec {
	char *s;	  /* the bytes, NUL-terminated */
	size_t n;	  /* bytes in s */
	size_t *beg, *fin; /* of each byte, the original's bytes */
};

static void
dec_free(struct dec *x)
{
	free(x->s);
	free(x->beg);
	free(x->fin);
}

static void
dec_put(struct dec *x, size_t *cap, char c, size_t beg, size_t fin)
{
	if (x->n + 1 >= *cap) {
		*cap = *cap ? *cap * 2 : 64;
		x->s = fd_xrealloc(x->s, *cap);
		x->beg = fd_xreallocarray(x->beg, *cap, sizeof *x->beg);
		x->fin = fd_xreallocarray(x->fin, *cap, sizeof *x->fin);
	}
	x->s[x->n] = c;
	x->beg[x->n] = beg;
	x->fin[x->n] = fin;
	x->n++;
	x->s[x->n] = '\0';
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Appends code point cp as UTF-8, every byte from [beg, fin). */
static void
dec_put_cp(struct dec *x, size_t *cap, uint32_t cp, size_t beg, size_t fin)
{
	char b[4];
	size_t n, i;

	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		b[0] = (char)(0xF0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	for (i = 0; i < n; i++)
		dec_put(x, cap, b[i], beg, fin);
}

/* The named character references a hand might use to hide a character;
 * cmark has already resolved every other one in a document tree. */
static const struct {
	const char *name;
	uint32_t cp;
} named[] = {
	{"amp", '&'},	  {"lt", '<'},	    {"gt", '>'},      {"quot", '"'},
	{"apos", '\''},	  {"nbsp", 0xA0},   {"commat", '@'},  {"period", '.'},
	{"hyphen", 0x2010}, {"dash", 0x2010}, {"ndash", 0x2013},
	{"mdash", 0x2014}, {"sol", '/'},    {"lowbar", '_'},  {"shy", 0xAD},
	{"colon", ':'},	  {"num", '#'},	    {"percnt", '%'},
};

/* The length of a character reference at s (&#69; &#x45; &amp;) with
 * *cp its character, or 0. */
static size_t
char_ref(const char *s, size_t n, uint32_t *cp)
{
	size_t i = 1, k;
	uint32_t v = 0;
	int digits = 0;

	if (n < 3 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		int hex = i + 1 < n && (s[2] == 'x' || s[2] == 'X');

		for (i = hex ? 3 : 2; i < n && digits < 7; i++, digits++) {
			int h = hex ? hexval((unsigned char)s[i])
				    : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0'
								  : -1);
			if (h < 0)
				break;
			v = v * (hex ? 16 : 10) + (uint32_t)h;
		}
		if (digits == 0 || v == 0 || v > 0x10FFFF ||
		    (v >= 0xD800 && v <= 0xDFFF))
			return 0;
		*cp = v;
		return i < n && s[i] == ';' ? i + 1 : i;
	}
	for (k = 0; k < sizeof named / sizeof named[0]; k++) {
		size_t len = strlen(named[k].name);

		if (len + 2 <= n && strncmp(s + 1, named[k].name, len) == 0 &&
		    s[len + 1] == ';') {
			*cp = named[k].cp;
			return len + 2;
		}
	}
	return 0;
}

/* One pass of decoding over in: character references (refs) or
 * percent-encoding. */
static void
decode(const struct dec *in, int refs, struct dec *out)
{
	size_t cap = 0, i = 0, len;
	uint32_t cp;

	memset(out, 0, sizeof *out);
	dec_put(out, &cap, '\0', 0, 0);
	out->n = 0;
	while (i < in->n) {
		if (refs && (len = char_ref(in->s + i, in->n - i, &cp)) > 0) {
			dec_put_cp(out, &cap, cp, in->beg[i],
				   in->fin[i + len - 1]);
			i += len;
		} else if (!refs && in->s[i] == '%' && i + 2 < in->n &&
			   hexval((unsigned char)in->s[i + 1]) >= 0 &&
			   hexval((unsigned char)in->s[i + 2]) >= 0) {
			dec_put(out, &cap,
				(char)(hexval((unsigned char)in->s[i + 1]) * 16 +
				       hexval((unsigned char)in->s[i + 2])),
				in->beg[i], in->fin[i + 2]);
			i += 3;
		} else {
			dec_put(out, &cap, in->s[i], in->beg[i], in->fin[i]);
			i++;
		}
	}
}

/* Units. */

static void
put(struct fd_seen *t, uint32_t c, int k, size_t off, size_t end)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->u = fd_xreallocarray(t->u, t->cap, sizeof *t->u);
	}
	t->u[t->n].c = c;
	t->u[t->n].k = (unsigned char)k;
	t->u[t->n].off = off;
	t->u[t->n].end = end;
	t->n++;
}

static void
put_ascii(struct fd_seen *t, uint32_t c, size_t off, size_t end)
{
	if (c >= 'A' && c <= 'Z')
		put(t, c - 'A' + 'a', K_ALPHA, off, end);
	else if (c >= 'a' && c <= 'z')
		put(t, c, K_ALPHA, off, end);
	else if (c >= '0' && c <= '9')
		put(t, c, K_DIGIT, off, end);
	else if (c <= ' ' || c == 0x7F)
		put(t, ' ', K_SEP, off, end);
	else
		put(t, c, K_SEP, off, end);
}

/* ICU's confusables, opened on first need. */
typedef USpoofChecker *(*spoof_open_fn)(UErrorCode *);
typedef int32_t (*spoof_skeleton_fn)(const USpoofChecker *, uint32_t,
				     const UChar *, int32_t, UChar *, int32_t,
				     UErrorCode *);
#define FD_STR2(x) #x
#define FD_STR(x) FD_STR2(x)

static pthread_once_t spoof_once = PTHREAD_ONCE_INIT;
static USpoofChecker *spoof;
static spoof_skeleton_fn spoof_skeleton;

static void
spoof_init(void)
{
	void *h = dlopen("libicui18n.so." U_ICU_VERSION_SHORT,
			 RTLD_NOW | RTLD_LOCAL);
	spoof_open_fn open_fn;
	UErrorCode e = U_ZERO_ERROR;

	if (h == NULL)
		return;
	/* POSIX's way round ISO C's ban on object to function pointers. */
	*(void **)&open_fn = dlsym(h, FD_STR(uspoof_open));
	*(void **)&spoof_skeleton = dlsym(h, FD_STR(uspoof_getSkeleton));
	if (open_fn == NULL || spoof_skeleton == NULL)
		return;
	spoof = open_fn(&e);
	if (U_FAILURE(e))
		spoof = NULL;
}

/*
 * A letter of another script as the Latin letters or digits it looks like
 * (Cyrillic 'а' as 'a'), written into out; returns how many, 0 when it
 * looks like none.
 */
static size_t
lookalike(uint32_t cp, uint32_t out[4])
{
	UChar in[2], sk[16];
	int32_t n = 0, len, i = 0;
	UErrorCode e = U_ZERO_ERROR;
	UBool bad = 0;
	size_t k = 0;

	pthread_once(&spoof_once, spoof_init);
	if (spoof == NULL)
		return 0;
	U16_APPEND(in, n, 2, (UChar32)cp, bad);
	if (bad)
		return 0;
	len = spoof_skeleton(spoof, 0, in, n, sk, 16, &e);
	if (U_FAILURE(e) || len <= 0 || len > 4)
		return 0;
	for (i = 0; i < len; i++) {
		if (sk[i] >= 0x80 || !((sk[i] >= 'a' && sk[i] <= 'z') ||
				       (sk[i] >= 'A' && sk[i] <= 'Z') ||
				       (sk[i] >= '0' && sk[i] <= '9')))
			return 0;
		out[k++] = sk[i];
	}
	return k;
}

/* A letter, as a reader takes it: not a modifier letter (U+02D0 'ː',
 * U+02BC 'ʼ'), which looks like punctuation unless it looks like a Latin
 * letter (lookalike). */
static int
is_letter_type(int8_t ty)
{
	return ty == U_UPPERCASE_LETTER || ty == U_LOWERCASE_LETTER ||
	       ty == U_TITLECASE_LETTER || ty == U_OTHER_LETTER;
}

/* lookalike() for a letter of a script other than Latin; 0 for a Latin
 * one or a letter of no script, which are what they are. */
static size_t
foreign_lookalike(uint32_t cp, uint32_t out[4])
{
	UErrorCode e = U_ZERO_ERROR;
	UScriptCode sc = uscript_getScript((UChar32)cp, &e);

	if (U_FAILURE(e) || sc == USCRIPT_LATIN || sc == USCRIPT_COMMON ||
	    sc == USCRIPT_INHERITED)
		return 0;
	return lookalike(cp, out);
}

/* One code point already folded and decomposed. */
static void
put_folded(struct fd_seen *t, uint32_t cp, size_t off, size_t end)
{
	int8_t ty;
	uint32_t look[4];
	size_t n, i;

	if (cp < 0x80) {
		put_ascii(t, cp, off, end);
		return;
	}
	ty = (int8_t)u_charType((UChar32)cp);
	if (ty == U_NON_SPACING_MARK || ty == U_ENCLOSING_MARK ||
	    ty == U_COMBINING_SPACING_MARK || ty == U_FORMAT_CHAR ||
	    u_hasBinaryProperty((UChar32)cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
		return;
	if (ty == U_DECIMAL_DIGIT_NUMBER && u_charDigitValue((UChar32)cp) >= 0) {
		put(t, '0' + (uint32_t)u_charDigitValue((UChar32)cp), K_DIGIT,
		    off, end);
	} else if (ty == U_MODIFIER_LETTER) {
		if ((n = lookalike(cp, look)) > 0)
			for (i = 0; i < n; i++)
				put_ascii(t, look[i], off, end);
		else
			put(t, cp, K_SEP, off, end);
	} else if (is_letter_type(ty)) {
		if ((n = foreign_lookalike(cp, look)) > 0) {
			for (i = 0; i < n; i++)
				put_ascii(t, look[i], off, end);
			return;
		}
		put(t, cp, K_ALPHA, off, end);
	} else if (ty == U_SPACE_SEPARATOR || ty == U_LINE_SEPARATOR ||
		   ty == U_PARAGRAPH_SEPARATOR || ty == U_CONTROL_CHAR) {
		put(t, ' ', K_SEP, off, end);
	} else if (ty == U_DASH_PUNCTUATION) {
		put(t, '-', K_SEP, off, end);
	} else {
		put(t, cp, K_SEP, off, end);
	}
}

/* One code point of the text, as a reader sees it: NFKC with case
 * folding, then decomposed so that its marks can go. */
static void
put_cp(struct fd_seen *t, uint32_t cp, size_t off, size_t end)
{
	static const UNormalizer2 *nfkc_cf, *nfd;
	UChar in[2], a[32], b[96];
	int32_t n = 0, na, nb, i = 0;
	UErrorCode e = U_ZERO_ERROR;
	UBool bad = 0;
	UChar32 c;
	int8_t ty;

	uint32_t look[4];
	size_t nl, k;

	if (cp < 0x80) {
		put_ascii(t, cp, off, end);
		return;
	}
	ty = (int8_t)u_charType((UChar32)cp);
	if (ty == U_FORMAT_CHAR ||
	    u_hasBinaryProperty((UChar32)cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
		return;
	/* A capital looks like its Latin twin before folding does (Cyrillic
	 * 'М' is 'M', its small 'м' like no Latin letter). */
	if (is_letter_type(ty) && (nl = foreign_lookalike(cp, look)) > 0) {
		for (k = 0; k < nl; k++)
			put_ascii(t, look[k], off, end);
		return;
	}
	if (nfkc_cf == NULL) {
		/* ICU's instances are built once and shared; a race sets
		 * the same pointer twice. */
		nfkc_cf = unorm2_getNFKCCasefoldInstance(&e);
		nfd = unorm2_getNFDInstance(&e);
		if (U_FAILURE(e)) {
			nfkc_cf = NULL;
			put(t, cp, K_SEP, off, end);
			return;
		}
	}
	U16_APPEND(in, n, 2, (UChar32)cp, bad);
	na = bad ? -1 : unorm2_normalize(nfkc_cf, in, n, a, 32, &e);
	nb = na < 0 || U_FAILURE(e) ? -1 : unorm2_normalize(nfd, a, na, b, 96, &e);
	if (nb < 0 || U_FAILURE(e)) {
		put(t, cp, K_SEP, off, end);
		return;
	}
	while (i < nb) {
		U16_NEXT(b, i, nb, c);
		put_folded(t, (uint32_t)c, off, end);
	}
}

/* Decodes one UTF-8 sequence at s; returns its length, 0 when invalid. */
static size_t
utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t v;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2;
		v = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3;
		v = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4;
		v = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((len == 2 && v < 0x80) || (len == 3 && v < 0x800) ||
	    (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}

static int
is_word(const struct fd_seen *t, size_t a, size_t b, const char *w)
{
	size_t i;

	if (b - a != strlen(w))
		return 0;
	for (i = a; i < b; i++)
		if (t->u[i].c != (uint32_t)(unsigned char)w[i - a])
			return 0;
	return 1;
}

/* The digit a whole word t->u[a..b) names (four, nought, oh), or -1. */
static int
digit_word(const struct fd_seen *t, size_t a, size_t b)
{
	static const char *const names[] = {"zero", "one", "two", "three",
	    "four", "five", "six", "seven", "eight", "nine"};
	size_t d;

	if (is_word(t, a, b, "oh") || is_word(t, a, b, "nought"))
		return 0;
	for (d = 0; d < 10; d++)
		if (is_word(t, a, b, names[d]))
			return (int)d;
	return -1;
}

static void
view_add(struct view *v, const struct unit *u, size_t at, size_t last,
	 int bound)
{
	v->at[v->n] = at;
	v->last[v->n] = last;
	v->c[v->n] = u->c;
	v->k[v->n] = u->k;
	v->bound[v->n] = (unsigned char)bound;
	v->n++;
}

/* Builds v over t's letters and digits, reading words as mode says.
 * Returns the number of words it read otherwise than V_ALL would. */
static size_t
view_build(struct fd_seen *t, struct view *v, enum view_mode mode)
{
	size_t i = 0, j, k, changed = 0;
	int sep = 1, d;

	v->at = fd_xreallocarray(NULL, t->n + 1, sizeof *v->at);
	v->last = fd_xreallocarray(NULL, t->n + 1, sizeof *v->last);
	v->c = fd_xreallocarray(NULL, t->n + 1, sizeof *v->c);
	v->k = fd_xmalloc(t->n + 1);
	v->bound = fd_xmalloc(t->n + 1);
	v->n = 0;
	while (i < t->n) {
		if (t->u[i].k == K_SEP) {
			sep = 1;
			i++;
			continue;
		}
		for (j = i; j < t->n && t->u[j].k != K_SEP; j++)
			;
		if (mode == V_MAIL && (is_word(t, i, j, "at") || is_word(t, i, j, "dot"))) {
			changed++;
			sep = 1;
			i = j;
			continue;
		}
		if (mode == V_DIGITS && (d = digit_word(t, i, j)) >= 0) {
			struct unit u = {(uint32_t)('0' + d), K_DIGIT, 0, 0};

			changed++;
			view_add(v, &u, i, j - 1, 1);
			sep = 1;
			i = j;
			continue;
		}
		for (k = i; k < j; k++)
			view_add(v, &t->u[k], k, k, k == i && sep);
		sep = 0;
		i = j;
	}
	return changed;
}

static void
view_free(struct view *v)
{
	free(v->at);
	free(v->last);
	free(v->c);
	free(v->k);
	free(v->bound);
	memset(v, 0, sizeof *v);
}

struct fd_seen *
fd_seen_new(const char *s, size_t len)
{
	struct fd_seen *t = fd_xcalloc(1, sizeof *t);
	struct dec a = {0}, b, c, d;
	size_t i, cap = 0, step;
	uint32_t cp;

	for (i = 0; i < len; i++)
		dec_put(&a, &cap, s[i], i, i + 1);
	if (a.s == NULL) {
		dec_put(&a, &cap, '\0', 0, 0);
		a.n = 0;
	}
	/* References first (&#37;45 is a percent sign), then percent
	 * twice (%2545 is %45 is E); a text without '&' or '%' (most)
	 * skips the copies. */
	if (memchr(a.s, '&', a.n) != NULL)
		decode(&a, 1, &b);
	else
		b = a, memset(&a, 0, sizeof a);
	if (memchr(b.s, '%', b.n) != NULL) {
		decode(&b, 0, &c);
		decode(&c, 0, &d);
	} else {
		d = b, memset(&b, 0, sizeof b);
		memset(&c, 0, sizeof c);
	}
	for (i = 0; i < d.n; i += step) {
		step = utf8_next((const unsigned char *)d.s + i, d.n - i, &cp);
		if (step == 0) {
			put(t, ' ', K_SEP, d.beg[i], d.fin[i]);
			step = 1;
			continue;
		}
		put_cp(t, cp, d.beg[i], d.fin[i + step - 1]);
	}
	dec_free(&a);
	dec_free(&b);
	dec_free(&c);
	dec_free(&d);
	view_build(t, &t->all, V_ALL);
	view_build(t, &t->mail, V_MAIL);
	if (view_build(t, &t->num, V_DIGITS) == 0)
		view_free(&t->num);
	return t;
}

void
fd_seen_free(struct fd_seen *t)
{
	if (t == NULL)
		return;
	free(t->u);
	view_free(&t->all);
	view_free(&t->mail);
	view_free(&t->num);
	free(t);
}

/* Identifiers. */

int
fd_ident_make(struct fd_ident *id, enum fd_ident_kind kind, const char *s,
	      size_t len)
{
	struct fd_seen *t = fd_seen_new(s, len);
	const struct view *v = kind == FD_ID_EMAIL ? &t->mail : &t->all;
	size_t i;
	int digit = 0;

	memset(id, 0, sizeof *id);
	id->kind = kind;
	id->c = fd_xreallocarray(NULL, v->n + 1, sizeof *id->c);
	for (i = 0; i < v->n; i++) {
		id->c[i] = v->c[i];
		if (v->k[i] == K_DIGIT)
			digit = 1;
	}
	id->n = v->n;
	fd_seen_free(t);
	if (id->n == 0 || (kind == FD_ID_CASE && (!digit || id->n < 4))) {
		fd_ident_clear(id);
		return -1;
	}
	return 0;
}

void
fd_ident_clear(struct fd_ident *id)
{
	free(id->c);
	id->c = NULL;
	id->n = 0;
}

static int
is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* A digit and the letter a reader takes for it: 0 and o, 1 and l or i. */
static int
same_case_char(uint32_t want, uint32_t got)
{
	if (want == got)
		return 1;
	switch (want) {
	case '0':
		return got == 'o';
	case 'o':
		return got == '0';
	case '1':
		return got == 'l' || got == 'i';
	case 'l':
	case 'i':
		return got == '1';
	default:
		return 0;
	}
}

/* A letter of a name and a digit written for it (Jayd3n, J4yden). */
static int
same_name_char(uint32_t want, uint32_t got)
{
	static const char pairs[] = "o0l1i1e3a4s5t7";
	size_t i;

	if (want == got)
		return 1;
	for (i = 0; pairs[i] != '\0'; i += 2)
		if (want == (uint32_t)pairs[i] && got == (uint32_t)pairs[i + 1])
			return 1;
	return 0;
}

/* Whether id is at the k-th letter or digit of v. */
static int
match_at(const struct view *v, size_t k, const struct fd_ident *id)
{
	size_t i;

	if (k + id->n > v->n)
		return 0;
	for (i = 0; i < id->n; i++) {
		uint32_t got = v->c[k + i];

		if (id->kind == FD_ID_CASE ? !same_case_char(id->c[i], got)
		    : id->kind == FD_ID_WITHHELD ? !same_name_char(id->c[i], got)
					   : id->c[i] != got)
			return 0;
	}
	if (id->kind == FD_ID_CASE) {
		/* Any character beside it but a digit running on: 148213
		 * is not the reference 48213. */
		if (is_digit(id->c[0]) && k > 0 && !v->bound[k] &&
		    v->k[k - 1] == K_DIGIT)
			return 0;
		if (is_digit(id->c[id->n - 1]) && k + id->n < v->n &&
		    !v->bound[k + id->n] && v->k[k + id->n] == K_DIGIT)
			return 0;
		return 1;
	}
	/* Whole words. */
	return v->bound[k] && (k + id->n == v->n || v->bound[k + id->n]);
}

/* Finds id in v from entry *k on; 1 with the bytes of the hit. */
static int
find_in(const struct fd_seen *t, const struct view *v,
	const struct fd_ident *id, size_t *k, size_t *off, size_t *end)
{
	for (; *k + id->n <= v->n; ++*k) {
		if (!match_at(v, *k, id))
			continue;
		*off = t->u[v->at[*k]].off;
		*end = t->u[v->last[*k + id->n - 1]].end;
		return 1;
	}
	return 0;
}

/* *from counts the entries of the views searched in turn: for a case
 * reference, every letter and digit, then digits' names as digits ("NS
 * four eight two one three"). */
int
fd_seen_find(const struct fd_seen *t, const struct fd_ident *id, size_t *from,
	     size_t *off, size_t *end)
{
	const struct view *v = id->kind == FD_ID_EMAIL ? &t->mail : &t->all;
	size_t k;

	if (id->n == 0 || id->kind == FD_ID_DOB)
		return 0;
	if (*from < v->n) {
		k = *from;
		if (find_in(t, v, id, &k, off, end)) {
			*from = k + 1;
			return 1;
		}
		*from = v->n;
	}
	if (id->kind != FD_ID_CASE || t->num.n == 0)
		return 0;
	k = *from - v->n;
	if (find_in(t, &t->num, id, &k, off, end)) {
		*from = v->n + k + 1;
		return 1;
	}
	*from = v->n + t->num.n;
	return 0;
}

/* Dates. A token is a run of letters or of digits (3rd is 3 and rd). */

struct tok {
	char s[16];	 /* its letters or digits, ASCII, cut to 15 */
	size_t len;	 /* its length, uncut */
	int digits;	 /* all digits */
	long val;	 /* its value when all digits (up to 9 of them) */
	size_t off, end; /* the original's bytes */
};

static size_t
tokens(const struct fd_seen *t, struct tok **out)
{
	struct tok *v = NULL;
	size_t n = 0, cap = 0, i = 0, j;

	while (i < t->n) {
		int k = t->u[i].k;

		if (k == K_SEP) {
			i++;
			continue;
		}
		for (j = i; j < t->n && t->u[j].k == k; j++)
			;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = fd_xreallocarray(v, cap, sizeof *v);
		}
		memset(&v[n], 0, sizeof v[n]);
		v[n].len = j - i;
		v[n].digits = k == K_DIGIT;
		for (size_t q = i; q < j; q++) {
			if (q - i < 15)
				v[n].s[q - i] = t->u[q].c < 0x80
							? (char)t->u[q].c
							: '?';
			if (v[n].digits && q - i < 9)
				v[n].val = v[n].val * 10 + (long)(t->u[q].c - '0');
		}
		v[n].off = t->u[i].off;
		v[n].end = t->u[j - 1].end;
		n++;
		i = j;
	}
	*out = v;
	return n;
}

static const char *const months[] = {
	"january", "february", "march",	    "april",   "may",	   "june",
	"july",	   "august",   "september", "october", "november", "december",
};

/* The month a word names (april, apr, sept), or 0. */
static int
month_word(const struct tok *k)
{
	int m;

	if (k->digits || k->len < 3 || k->len > 9)
		return 0;
	for (m = 0; m < 12; m++)
		if (strncmp(months[m], k->s, k->len) == 0 &&
		    (k->len == 3 || k->len == strlen(months[m]) ||
		     (m == 8 && k->len == 4)))
			return m + 1;
	return 0;
}

static const char *const units_card[] = {
	"", "one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
	"sixteen", "seventeen", "eighteen", "nineteen",
};
static const char *const units_ord[] = {
	"", "first", "second", "third", "fourth", "fifth", "sixth",
	"seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
	"thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
	"eighteenth", "nineteenth",
};

/* A number from 1 to 19 written as a word, or 0. */
static int
small_word(const struct tok *k)
{
	int i;

	if (k->digits || k->len > 11)
		return 0;
	for (i = 1; i < 20; i++)
		if (strcmp(k->s, units_card[i]) == 0 ||
		    strcmp(k->s, units_ord[i]) == 0)
			return i;
	return 0;
}

/* A day of the month at v[i] (3, 03, 3rd, third, twenty-third): its value
 * with *next past it, or 0. */
static int
day_at(const struct tok *v, size_t n, size_t i, size_t *next)
{
	int d;

	if (i >= n)
		return 0;
	if (v[i].digits) {
		if (v[i].len > 2 || v[i].val < 1 || v[i].val > 31)
			return 0;
		*next = i + 1;
		if (i + 1 < n && !v[i + 1].digits &&
		    (strcmp(v[i + 1].s, "st") == 0 || strcmp(v[i + 1].s, "nd") == 0 ||
		     strcmp(v[i + 1].s, "rd") == 0 || strcmp(v[i + 1].s, "th") == 0))
			*next = i + 2;
		return (int)v[i].val;
	}
	if (strcmp(v[i].s, "twenty") == 0 || strcmp(v[i].s, "thirty") == 0) {
		int tens = v[i].s[1] == 'w' ? 20 : 30;

		if (i + 1 < n && (d = small_word(&v[i + 1])) > 0 && d < 10) {
			*next = i + 2;
			return tens + d <= 31 ? tens + d : 0;
		}
		*next = i + 1;
		return tens;
	}
	if (strcmp(v[i].s, "twentieth") == 0 || strcmp(v[i].s, "thirtieth") == 0) {
		*next = i + 1;
		return v[i].s[1] == 'w' ? 20 : 30;
	}
	if ((d = small_word(&v[i])) > 0) {
		*next = i + 1;
		return d;
	}
	return 0;
}

/* A year at v[i]: four digits from 1900 to 2099, or two. */
static int
year_at(const struct tok *v, size_t n, size_t i)
{
	if (i >= n || !v[i].digits)
		return -1;
	if (v[i].len == 4 && v[i].val >= 1900 && v[i].val <= 2099)
		return (int)v[i].val;
	if (v[i].len == 2)
		return (int)v[i].val;
	return -1;
}

static int
skip_word(const struct tok *v, size_t n, size_t i, const char *w)
{
	return i < n && !v[i].digits && strcmp(v[i].s, w) == 0 ? 1 : 0;
}

/* A number from 1 to 99 in words (twelve, forty-one) at v[i], with *next
 * past it, or 0. */
static int
number_words(const struct tok *v, size_t n, size_t i, size_t *next)
{
	static const char *const tens[] = {"twenty", "thirty", "forty", "fifty",
					   "sixty", "seventy", "eighty",
					   "ninety"};
	size_t k;
	int u;

	if (i >= n || v[i].digits)
		return 0;
	for (k = 0; k < 8; k++)
		if (strcmp(v[i].s, tens[k]) == 0) {
			*next = i + 1;
			if (i + 1 < n && (u = small_word(&v[i + 1])) > 0 && u < 10 &&
			    strcmp(v[i + 1].s, units_card[u]) == 0) {
				*next = i + 2;
				return (int)(k + 2) * 10 + u;
			}
			return (int)(k + 2) * 10;
		}
	if ((u = small_word(&v[i])) > 0 && strcmp(v[i].s, units_card[u]) == 0) {
		*next = i + 1;
		return u;
	}
	return 0;
}

/* A year at v[i] in digits (year_at) or in words (two thousand and twelve,
 * twenty twelve, nineteen ninety-nine), with *next past it; or -1. */
static int
year_any(const struct tok *v, size_t n, size_t i, size_t *next)
{
	size_t j;
	int y;

	if ((y = year_at(v, n, i)) >= 0) {
		*next = i + 1;
		return y;
	}
	if (i + 1 < n && strcmp(v[i].s, "two") == 0 &&
	    strcmp(v[i + 1].s, "thousand") == 0) {
		j = i + 2 + (size_t)skip_word(v, n, i + 2, "and");
		*next = i + 2;
		y = number_words(v, n, j, next);
		return 2000 + y;
	}
	if (i < n && (strcmp(v[i].s, "nineteen") == 0 ||
		      strcmp(v[i].s, "twenty") == 0) &&
	    (y = number_words(v, n, i + 1, next)) >= 10)
		return (v[i].s[1] == 'i' ? 1900 : 2000) + y;
	return -1;
}

static int
valid(int y, int m, int d)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int full = y < 100 ? 2000 + y : y;

	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((full % 4 == 0 && full % 100 != 0) ||
				   full % 400 == 0))
		return 0;
	return 1;
}

/* A label of a date of birth ending just before v[i], within a few
 * words: DOB, D.O.B., date of birth, born (on the). */
static int
labelled(const struct tok *v, size_t i)
{
	size_t back;

	for (back = 1; back <= 4 && back <= i; back++) {
		const struct tok *k = &v[i - back];

		if (k->digits)
			return 0;
		if (strcmp(k->s, "dob") == 0 || strcmp(k->s, "born") == 0 ||
		    strcmp(k->s, "birth") == 0 || strcmp(k->s, "birthday") == 0 ||
		    strcmp(k->s, "birthdate") == 0)
			return 1;
		if (strcmp(k->s, "b") == 0 && i - back >= 2 &&
		    strcmp(v[i - back - 1].s, "o") == 0 &&
		    strcmp(v[i - back - 2].s, "d") == 0)
			return 1;
	}
	return 0;
}

/* A date starting at v[i]; fills f and returns the token after it, or
 * returns i. */
static size_t
date_at(const struct tok *v, size_t n, size_t i, struct fd_seen_date *f)
{
	size_t j = i, after;
	int d, m, y;

	memset(f, 0, sizeof *f);
	/* Only digits and the words a date starts with (the, a month, a
	 * number): a, d, e, f, j, m, n, o, s, t. */
	if (i < n && !v[i].digits && strchr("adefjmnost", v[i].s[0]) == NULL)
		return i;
	/* the 3rd of April 2012, 3 Apr 12 */
	j += (size_t)skip_word(v, n, j, "the");
	if ((d = day_at(v, n, j, &after)) > 0) {
		/* the 3rd day of April two thousand and twelve */
		size_t k = after + (size_t)skip_word(v, n, after, "day");

		k += (size_t)skip_word(v, n, k, "of");
		if (k < n && (m = month_word(&v[k])) > 0 &&
		    (y = year_any(v, n, k + 1 + (size_t)skip_word(v, n, k + 1, "in"),
				  &after)) >= 0 &&
		    valid(y, m, d)) {
			f->y = y, f->m = m, f->d = d;
			return after;
		}
	}
	/* April 3, 2012; April the 3rd 2012 */
	if (i < n && (m = month_word(&v[i])) > 0) {
		j = i + 1 + (size_t)skip_word(v, n, i + 1, "the");
		if ((d = day_at(v, n, j, &after)) > 0 &&
		    (y = year_any(v, n, after, &after)) >= 0 && valid(y, m, d)) {
			f->y = y, f->m = m, f->d = d;
			return after;
		}
	}
	if (i >= n || !v[i].digits)
		return i;
	/* 2012-04-03 */
	if (v[i].len == 4 && i + 2 < n && v[i + 1].digits && v[i + 2].digits &&
	    v[i + 1].len <= 2 && v[i + 2].len <= 2 &&
	    (y = year_at(v, n, i)) >= 0 &&
	    valid(y, (int)v[i + 1].val, (int)v[i + 2].val)) {
		f->y = y, f->m = (int)v[i + 1].val, f->d = (int)v[i + 2].val;
		return i + 3;
	}
	/* 3/4/2012, 03.04.12, and April 3 read the American way */
	if (v[i].len <= 2 && i + 2 < n && v[i + 1].digits && v[i + 1].len <= 2 &&
	    (y = year_at(v, n, i + 2)) >= 0) {
		int a = (int)v[i].val, b = (int)v[i + 1].val;

		if (valid(y, b, a)) {
			f->y = y, f->m = b, f->d = a;
			if (valid(y, a, b) && a != b)
				f->alt_m = a, f->alt_d = b;
			return i + 3;
		}
		if (valid(y, a, b)) {
			f->y = y, f->m = a, f->d = b;
			return i + 3;
		}
	}
	/* 20120403, 03042012, 030412 */
	if (v[i].len == 8 || v[i].len == 6) {
		long x = v[i].val;
		int p = (int)(x / (v[i].len == 8 ? 10000 : 10000)),
		    q = (int)(x % 10000);

		if (v[i].len == 8 && p >= 1900 && p <= 2099 &&
		    valid(p, q / 100, q % 100)) {
			f->y = p, f->m = q / 100, f->d = q % 100;
			return i + 1;
		}
		/* ddmmyyyy or ddmmyy */
		if (v[i].len == 8) {
			d = (int)(x / 1000000), m = (int)(x / 10000 % 100),
			y = (int)(x % 10000);
		} else {
			d = (int)(x / 10000), m = (int)(x / 100 % 100),
			y = (int)(x % 100);
		}
		if ((v[i].len == 6 || (y >= 1900 && y <= 2099))) {
			int ok1 = valid(y, m, d), ok2 = valid(y, d, m);

			if (ok1 || ok2) {
				f->y = y;
				f->m = ok1 ? m : d;
				f->d = ok1 ? d : m;
				if (ok1 && ok2 && m != d)
					f->alt_m = d, f->alt_d = m;
				return i + 1;
			}
		}
	}
	return i;
}

size_t
fd_seen_dates(const struct fd_seen *t, struct fd_seen_date **out)
{
	struct tok *v = NULL;
	size_t n = tokens(t, &v), i, next, count = 0;
	struct fd_seen_date f, *r = NULL;

	for (i = 0; i < n; i++) {
		if ((next = date_at(v, n, i, &f)) == i)
			continue;
		f.off = v[i].off;
		f.end = v[next - 1].end;
		f.labelled = labelled(v, i);
		r = fd_xreallocarray(r, count + 1, sizeof *r);
		r[count++] = f;
	}
	free(v);
	*out = r;
	return count;
}

int
fd_seen_date_is(const struct fd_seen_date *f, int y, int m, int d)
{
	int year = f->y < 100 ? (y % 100 == f->y) : (y == f->y);

	return year && ((f->m == m && f->d == d) ||
			(f->alt_m == m && f->alt_d == d));
}

/* Email addresses. */

static int
local_char(const struct unit *u)
{
	return u->k != K_SEP || u->c == '.' || u->c == '_' || u->c == '%' ||
	       u->c == '+' || u->c == '-';
}

/* Spaces and brackets round " at ", "[at]", "(dot)". */
static int
wrap_char(uint32_t c)
{
	return c == ' ' || c == '[' || c == ']' || c == '(' || c == ')' ||
	       c == '{' || c == '}' || c == '<' || c == '>';
}

/* The end of the word "at" or "dot" (or '@', '.') at t->u[i] as an email
 * writes it, with the spaces and brackets round a word, or 0. kind is '@'
 * or '.'. *start is where the disguise starts. */
static size_t
marker(const struct fd_seen *t, size_t i, int kind, size_t *start)
{
	const char *w = kind == '@' ? "at" : "dot";
	size_t j, wl = strlen(w), a = i;

	if (t->u[i].k == K_SEP && t->u[i].c == (uint32_t)kind) {
		*start = i;
		/* " @ " is an @ too */
		while (*start > 0 && t->u[*start - 1].c == ' ' && kind == '@')
			(*start)--;
		for (j = i + 1; j < t->n && t->u[j].c == ' ' && kind == '@'; j++)
			;
		return j;
	}
	if (t->u[i].k != K_SEP || !wrap_char(t->u[i].c))
		return 0;
	while (a < t->n && wrap_char(t->u[a].c))
		a++;
	if (a + wl > t->n || !is_word(t, a, a + wl, w) ||
	    (a + wl < t->n && t->u[a + wl].k != K_SEP))
		return 0;
	j = a + wl;
	if (j >= t->n || !wrap_char(t->u[j].c))
		return 0;
	while (j < t->n && wrap_char(t->u[j].c))
		j++;
	*start = i;
	return j;
}

static void
add_utf8(struct fd_buf *b, uint32_t c)
{
	struct dec x = {0};
	size_t cap = 0, i;

	dec_put_cp(&x, &cap, c, 0, 0);
	for (i = 0; i < x.n; i++)
		fd_buf_addc(b, x.s[i]);
	dec_free(&x);
}

/* The address whose @ (or " at ") starts at t->u[i], or NULL. */
static char *
email_at(const struct fd_seen *t, size_t i, size_t *off, size_t *end)
{
	size_t s, j, k, a, labels = 0, last_alpha = 0, last_len = 0, start;
	struct fd_buf b = {0};

	if ((j = marker(t, i, '@', &start)) == 0)
		return NULL;
	for (s = start; s > 0 && local_char(&t->u[s - 1]); s--)
		;
	if (s == start || t->u[s].k == K_SEP)
		return NULL;
	for (k = s; k < start; k++)
		add_utf8(&b, t->u[k].c);
	fd_buf_addc(&b, '@');
	for (;;) {
		for (a = j; j < t->n && (t->u[j].k != K_SEP || t->u[j].c == '-'); j++)
			;
		if (j == a)
			break;
		labels++;
		last_alpha = 1;
		last_len = j - a;
		for (k = a; k < j; k++) {
			add_utf8(&b, t->u[k].c);
			if (t->u[k].k != K_ALPHA)
				last_alpha = 0;
		}
		if (j >= t->n)
			break;
		if (t->u[j].c == '.' && j + 1 < t->n && t->u[j + 1].k != K_SEP) {
			j++;
		} else if ((k = marker(t, j, '.', &start)) != 0 && k < t->n &&
			   t->u[k].k != K_SEP) {
			j = k;
		} else {
			break;
		}
		fd_buf_addc(&b, '.');
	}
	if (labels < 2 || !last_alpha || last_len < 2) {
		fd_buf_free(&b);
		return NULL;
	}
	*off = t->u[s].off;
	*end = t->u[j - 1].end;
	return fd_buf_steal(&b);
}

char **
fd_seen_emails(const struct fd_seen *t, size_t **offs)
{
	char **v = fd_xcalloc(1, sizeof *v), *e;
	size_t n = 0, i, off, end;

	*offs = NULL;
	for (i = 0; i < t->n; i++) {
		if ((e = email_at(t, i, &off, &end)) == NULL)
			continue;
		v = fd_xreallocarray(v, n + 2, sizeof *v);
		*offs = fd_xreallocarray(*offs, 2 * n + 2, sizeof **offs);
		v[n] = e;
		(*offs)[2 * n] = off;
		(*offs)[2 * n + 1] = end;
		v[++n] = NULL;
	}
	return v;
}

char *
fd_seen_visible(const char *s, size_t len)
{
	struct fd_buf b = {0};
	size_t i = 0, step;
	uint32_t cp;

	while (i < len) {
		step = utf8_next((const unsigned char *)s + i, len - i, &cp);
		if (step == 0) {
			fd_buf_adds(&b, "<?>");
			i++;
			continue;
		}
		if (cp < 0x20 || cp == 0x7F)
			fd_buf_addc(&b, ' ');
		else if (cp >= 0x80 &&
			 (u_charType((UChar32)cp) == U_FORMAT_CHAR ||
			  u_charType((UChar32)cp) == U_CONTROL_CHAR ||
			  u_hasBinaryProperty((UChar32)cp,
					      UCHAR_DEFAULT_IGNORABLE_CODE_POINT)))
			fd_buf_addf(&b, "<U+%04X>", (unsigned)cp);
		else
			fd_buf_add(&b, s + i, step);
		i += step;
	}
	if (b.data == NULL)
		fd_buf_adds(&b, "");
	return fd_buf_steal(&b);
}
