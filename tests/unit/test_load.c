/*
 * test_load.c: unit tests of the loader's dedent, UTF-8 validation and
 * element positions, and of strict date parsing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "load.h"

static int passed, failed;

#define EXPECT(cond, ...)                                                      \
	do {                                                                   \
		if (cond)                                                      \
			passed++;                                              \
		else {                                                         \
			failed++;                                              \
			printf("FAIL %s:%d: ", __FILE__, __LINE__);            \
			printf(__VA_ARGS__);                                   \
			putchar('\n');                                         \
		}                                                              \
	} while (0)

/* Loads xml, dedents it, and returns the text of its first <p>. */
static char *
dedented(const char *xml)
{
	struct fd_diags *d = fd_diags_new();
	struct fd_input *in = fd_load_memory("t.xml", xml, strlen(xml), d);
	char *t = NULL;

	if (in) {
		xmlNode *p;

		fd_input_dedent(in);
		p = fd_child(xmlDocGetRootElement(in->doc), "p");
		t = p ? fd_text(p) : NULL;
	}
	fd_input_free(in);
	fd_diags_free(d);
	return t;
}

static void
check_dedent(const char *xml, const char *want)
{
	char *got = dedented(xml);

	EXPECT(got && strcmp(got, want) == 0, "dedent of %s gave [%s], want [%s]",
	       xml, got ? got : "(null)", want);
	free(got);
}

static void
test_dedent(void)
{
	/* Indented to match the XML: the common indentation goes. */
	check_dedent("<r>\n  <p>\n    One line.\n    - a list\n      - nested\n  </p>\n</r>",
		     "One line.\n- a list\n  - nested");
	/* Text on the tag's own line does not set the indentation. */
	check_dedent("<r><p>First line\n      continues\n      here</p></r>",
		     "First line\ncontinues\nhere");
	/* Blank lines inside are kept, empty; blank lines at the ends go. */
	check_dedent("<r><p>\n\n    a\n\n    b\n   \n</p></r>", "a\n\nb");
	/* Tabs count as indentation, compared as written. */
	check_dedent("<r><p>\n\t\tx\n\t\t  y\n</p></r>", "x\n  y");
	/* Prose indented like a code block is prose (SPEC.md, issue 11):
	 * its extra indentation goes; a line continuing a paragraph stays. */
	check_dedent("<r><p>\n  para\n\n      code\n</p></r>", "para\n\ncode");
	check_dedent("<r><p>\n  para\n      more\n</p></r>", "para\n    more");
	/* One line: untouched. */
	check_dedent("<r><p>  just this  </p></r>", "  just this  ");
	/* CDATA is text like any other. */
	check_dedent("<r><p><![CDATA[\n    <b>not markup</b>\n    ]]></p></r>", "<b>not markup</b>");
}

static void
test_utf8(void)
{
	size_t bad = 0;

	{
		const char *ok = "caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80";

		EXPECT(fd_utf8_valid(ok, strlen(ok), &bad), "valid UTF-8");
	}
	EXPECT(!fd_utf8_valid("a\xc0\xaf", 3, &bad) && bad == 1, "overlong /, bad=%zu", bad);
	EXPECT(!fd_utf8_valid("ab\xed\xa0\x80", 5, &bad) && bad == 2, "surrogate, bad=%zu", bad);
	EXPECT(!fd_utf8_valid("\xf4\x90\x80\x80", 4, &bad) && bad == 0, "above U+10FFFF");
	EXPECT(!fd_utf8_valid("abc\xe2\x80", 5, &bad) && bad == 3, "truncated, bad=%zu", bad);
	EXPECT(!fd_utf8_valid("a\x01", 2, &bad) && bad == 1, "C0 control");
	{
		size_t n;
		char *c = fd_utf8_sanitize("a\xfe b\xed\xa0\x80" "c\xc3", 9, &n);

		EXPECT(n == 19 && strcmp(c, "a\xef\xbf\xbd b\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
					   "c\xef\xbf\xbd") == 0,
		       "sanitize gave %zu bytes [%s]", n, c);
		free(c);
		EXPECT(fd_utf8_valid_encoding("tab\there \x01 \xc3\xa9", 14), "controls are encoding");
		EXPECT(!fd_utf8_valid_encoding("\xfe", 1), "0xfe is not UTF-8");
	}
	EXPECT(fd_utf8_valid("a\tb\r\nc", 6, &bad), "tab and newlines");
}

static void
test_positions(void)
{
	const char *xml = "<r>\n  <a x=\"1\"\n     y=\"2\"/>\n  <b>\xc3\xa9<c/></b>\n</r>";
	struct fd_diags *d = fd_diags_new();
	struct fd_input *in = fd_load_memory("t.xml", xml, strlen(xml), d);
	xmlNode *r, *a, *b, *c;
	long line, col;

	EXPECT(in != NULL, "parse");
	if (in == NULL)
		return;
	r = xmlDocGetRootElement(in->doc);
	a = fd_child(r, "a");
	b = fd_child(r, "b");
	c = fd_child(b, "c");
	fd_input_locate(in, a, &line, &col);
	EXPECT(line == 2 && col == 3, "<a> at %ld:%ld, want 2:3", line, col);
	fd_input_locate_attr(in, a, "y", &line, &col);
	EXPECT(line == 3 && col == 6, "y= at %ld:%ld, want 3:6", line, col);
	/* Columns count characters: the é is one. */
	fd_input_locate(in, c, &line, &col);
	EXPECT(line == 4 && col == 7, "<c> at %ld:%ld, want 4:7", line, col);
	fd_input_free(in);
	fd_diags_free(d);
}

static void
test_dates(void)
{
	struct fd_date t;
	char buf[32];

	EXPECT(fd_date_parse("2016-02-29", &t) == 0, "leap day 2016");
	EXPECT(fd_date_parse("2019-02-29", &t) != 0, "no 29 February 2019");
	EXPECT(fd_date_parse("2000-02-29", &t) == 0, "leap day 2000");
	EXPECT(fd_date_parse("2100-02-29", &t) != 0, "no 29 February 2100");
	EXPECT(fd_date_parse("2019-04-31", &t) != 0, "no 31 April");
	EXPECT(fd_date_parse("2019-4-01", &t) != 0, "two-digit month");
	EXPECT(fd_date_parse("2019-04-01 ", &t) != 0, "trailing space");
	EXPECT(fd_date_parse("2016-03-07", &t) == 0 && fd_date_weekday(t) == 0,
	       "7 March 2016 was a Monday");
	EXPECT(strcmp(fd_date_long(t, buf, sizeof buf), "7 March 2016") == 0,
	       "long form %s", buf);
	t = fd_date_add_days(t, 366);
	EXPECT(strcmp(fd_date_iso(t, buf, sizeof buf), "2017-03-08") == 0,
	       "366 days on: %s", buf);
}

int
main(void)
{
	test_dedent();
	test_utf8();
	test_positions();
	test_dates();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
