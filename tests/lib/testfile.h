/* Files for the C tests and test programs: a private temporary directory,
 * its removal, a file written or read whole.  Header-only (static inline),
 * so that every test program can use it without one more library; the
 * helpers abort the test program on failure, since a test that cannot set
 * itself up has nothing to say. */
#ifndef SAGESCALE_TESTS_TESTFILE_H
#define SAGESCALE_TESTS_TESTFILE_H
#include "util/buf.h"
#include "util/fileio.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>

/* A new directory $TEST_TMP/NAME.XXXXXX (else $TMPDIR, else /tmp), mode
 * 0700.  The caller removes it with testfile_rmtree(). */
static inline char *testfile_tmpdir(const char *name)
{
	const char *base = getenv("TEST_TMP");

	if (!base || !*base)
		base = getenv("TMPDIR");
	char *t = xasprintf("%s/%s.XXXXXX", base && *base ? base : "/tmp", name);

	if (!mkdtemp(t))
		xfatal("cannot create a directory from %s", t);
	return t;
}

/* rm -rf dir, then frees it.  Returns 0, or -1 when rm failed. */
static inline int testfile_rmtree(char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);

	free(cmd);
	free(dir);
	return rc == 0 ? 0 : -1;
}

/* Writes text to DIR/REL; returns the path (the caller frees). */
static inline char *testfile_put(const char *dir, const char *rel, const char *text)
{
	char *path = xasprintf("%s/%s", dir, rel);
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0)
		xfatal("cannot write %s", path);
	return path;
}

/* The whole of path, NUL-terminated (its length in *len when len is not
 * NULL), or NULL when it cannot be opened or read. */
static inline char *testfile_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;

	if (!f)
		return NULL;
	int rc = fileio_read_stream(f, 0, &b);

	fclose(f);
	if (rc != 0) {
		buf_free(&b);
		return NULL;
	}
	if (len)
		*len = b.len;
	return buf_steal(&b);
}
#endif
