/*
 * cmd_new.c: findings new --framework F [--variant V] [-o FILE]
 *
 * Writes a starting inspection: the framework's commented starter
 * (templates/<framework>/new.xml, or new-<variant>.xml) with an
 * <?xml-model?> line naming the schema it is checked against, so that an
 * XML editor completes and validates as the author types.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "commands.h"
#include "datadir.h"
#include "util.h"

/* Bytes of a starter at most: it is a page of XML. */
#define MAX_STARTER (256u * 1024u)

static void
usage(FILE *f)
{
	fputs("usage: findings new --framework FRAMEWORK [--variant VARIANT]\n"
	      "                    [-o FILE] [--templates DIR]\n\n"
	      "Writes a starting inspection for a framework, every element\n"
	      "explained in a comment, to fill in and check with findings\n"
	      "check. Its <?xml-model?> line names the schema, so that XML\n"
	      "editors (VS Code with its XML extension, Emacs nXML and the\n"
	      "like) complete element and attribute names and mark faults as\n"
	      "you type.\n\n"
	      "  --framework F     slac-2009, jtai-2015, tlai-2016, jtai-2016\n"
	      "                    or jtai-2019\n"
	      "  --variant V       jtai-2015: joint (the default) or ofsted-only\n"
	      "  -o, --output FILE write FILE (never over an existing one)\n"
	      "                    instead of standard output\n"
	      "  --templates DIR   take the templates from DIR\n"
	      "  -h, --help        show this help\n",
	      f);
}

/* A file: URI for path, made absolute, every byte outside the unreserved
 * set and '/' percent-encoded (it goes into an XML attribute too). The
 * caller frees it. */
static char *
file_uri(const char *path)
{
	char abs[PATH_MAX];
	struct fd_buf b = {0};
	const unsigned char *p;

	if (realpath(path, abs) == NULL)
		snprintf(abs, sizeof abs, "%s", path);
	fd_buf_adds(&b, "file://");
	for (p = (const unsigned char *)abs; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			fd_buf_addc(&b, (char)*p);
		else
			fd_buf_addf(&b, "%%%02X", *p);
	}
	return fd_buf_steal(&b);
}

/* The starter with the xml-model line after its XML declaration. The
 * caller frees it. */
static char *
with_model(const char *starter, size_t len, const char *rng)
{
	struct fd_buf b = {0};
	const char *nl = memchr(starter, '\n', len);
	size_t head = 0;
	char *uri = file_uri(rng);

	if (len > 5 && strncmp(starter, "<?xml", 5) == 0 && nl != NULL)
		head = (size_t)(nl - starter) + 1;
	fd_buf_add(&b, starter, head);
	fd_buf_addf(&b,
		    "<?xml-model href=\"%s\" type=\"application/xml\" "
		    "schematypens=\"http://relaxng.org/ns/structure/1.0\"?>\n",
		    uri);
	fd_buf_add(&b, starter + head, len - head);
	free(uri);
	return fd_buf_steal(&b);
}

/* Writes text to path, refusing to replace a file. Returns 0 or an exit
 * status after reporting to d. */
static int
write_new(const char *path, const char *text, struct fd_diags *d)
{
	struct stat st;
	int err;

	if (stat(path, &st) == 0) {
		fd_msg(d, M_EXISTS, path, 0, 0);
		return FD_EXIT_IO;
	}
	if ((err = fd_write_atomic(path, text, strlen(text))) != 0) {
		fd_msg(d, M_WRITE, path, 0, 0, strerror(err));
		return FD_EXIT_IO;
	}
	return FD_EXIT_OK;
}

/* The command's own options: --framework and --variant, into
 * ctx[0] and ctx[1]. */
static int
own(struct fd_cli *c, int opt, char *arg, void *ctx)
{
	const char **names = ctx;

	(void)c;
	names[opt == 'f' ? 0 : 1] = arg;
	return 0;
}

int
fd_cmd_new(int argc, char **argv)
{
	static const struct option opts[] = {
		{"framework", required_argument, NULL, 'f'},
		{"variant", required_argument, NULL, 'v'},
		{NULL, 0, NULL, 0},
	};
	const char *names[2] = {NULL, NULL}, *framework, *variant;
	struct fd_cli c;
	char *rel = NULL, *path = NULL, *rng = NULL, *data = NULL;
	char *text = NULL;
	size_t len;
	int status, err;

	status = fd_cli_parse(&c, "new", usage, argc, argv,
			      FD_CLI_OUTPUT | FD_CLI_TEMPLATES, "f:v:o:t:h",
			      opts, own, names);
	if (status >= 0)
		return status;
	framework = names[0];
	variant = names[1];
	if (framework == NULL || optind != argc)
		return fd_cli_usage_error(&c, framework == NULL
						      ? M_NEW_FRAMEWORK
						      : M_NEW_NO_INPUT);
	status = FD_EXIT_OK;
	if (fd_cli_begin(&c) != 0) {
		status = FD_EXIT_IO;
		goto out;
	}
	/* The joint inspection is the framework's own starter. */
	if (variant != NULL && strcmp(variant, "joint") == 0)
		variant = NULL;
	if (fd_data_name_ok(framework) &&
	    (variant == NULL || fd_data_name_ok(variant))) {
		rel = variant ? fd_xasprintf("%s/new-%s.xml", framework, variant)
			      : fd_xasprintf("%s/new.xml", framework);
		path = fd_datadir_template(&c.dd, rel);
	}
	if (path == NULL) {
		if (variant != NULL)
			status = fd_msg_say(c.command, M_NEW_VARIANT,
					    framework, variant);
		else
			status = fd_msg_say(c.command, M_NEW_UNKNOWN,
					    framework);
		goto out;
	}
	if ((err = fd_read_file(path, MAX_STARTER, &data, &len)) != 0) {
		fd_msg(c.d, M_READ, path, 0, 0, strerror(err));
		status = FD_EXIT_IO;
		goto out;
	}
	rng = fd_path_join(c.dd.templates, "schema/inspection.rng");
	text = with_model(data, len, rng);
	if (c.out != NULL)
		status = write_new(c.out, text, c.d);
	else if (fputs(text, stdout) == EOF || fflush(stdout) != 0) {
		fd_msg(c.d, M_STDOUT_FAILED, "-", 0, 0, strerror(errno));
		status = FD_EXIT_IO;
	}
out:
	free(text);
	free(rng);
	free(data);
	free(path);
	free(rel);
	return fd_cli_end(&c, status);
}
