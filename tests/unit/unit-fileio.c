/* Unit tests of the shared file pieces of src/util/fileio.c that the
 * history, the undo records, the AWS CLI cache and the completion cache
 * rely on: mkdir -p with private modes, the home and the state directory
 * as the XDG base directory spec defines them. */
#include "config.h"
#include "../lib/unit.h"
#include "../lib/testfile.h"
#include "util/fileio.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *tmpdir;

static int setup(void **state)
{
	(void)state;
	tmpdir = testfile_tmpdir("unit-fileio");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return testfile_rmtree(tmpdir);
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	return st.st_mode & 07777;
}

static void test_mkdirs_nested_private(void **state)
{
	char *deep = xasprintf("%s/a/b/c", tmpdir), *mid = xasprintf("%s/a/b", tmpdir);
	mode_t old = umask(0);

	(void)state;
	assert_int_equal(fileio_mkdirs(deep), 0);
	assert_int_equal(mode_of(deep), 0700);
	assert_int_equal(mode_of(mid), 0700);
	/* Again: what exists is fine, and keeps its mode. */
	assert_int_equal(chmod(mid, 0750), 0);
	assert_int_equal(fileio_mkdirs(deep), 0);
	assert_int_equal(mode_of(mid), 0750);
	umask(old);
	free(deep);
	free(mid);
}

static void test_mkdirs_file_in_the_way(void **state)
{
	char *file = testfile_put(tmpdir, "plain", ""), *under = xasprintf("%s/plain/x/y", tmpdir);

	(void)state;
	errno = 0;
	assert_int_equal(fileio_mkdirs(under), -1);
	assert_int_equal(errno, ENOTDIR);
	assert_int_equal(fileio_mkdirs(""), 0);
	free(file);
	free(under);
}

static void expect_state(const char *xdg, const char *home, const char *want)
{
	char *got;

	if (xdg)
		setenv("XDG_STATE_HOME", xdg, 1);
	else
		unsetenv("XDG_STATE_HOME");
	setenv("HOME", home, 1);
	got = fileio_state_dir();
	assert_string_equal(got, want);
	free(got);
}

static void test_state_dir(void **state)
{
	(void)state;
	expect_state("/xdg/state", "/home/u", "/xdg/state/sagescale");
	/* The spec: a relative value is invalid and is ignored. */
	expect_state("rel/state", "/home/u", "/home/u/.local/state/sagescale");
	expect_state("", "/home/u", "/home/u/.local/state/sagescale");
	expect_state(NULL, "/home/u", "/home/u/.local/state/sagescale");
	assert_string_equal(fileio_home(), "/home/u");
	/* An empty HOME falls back to the password database, never to "". */
	setenv("HOME", "", 1);
	assert_true(fileio_home()[0] == '/');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mkdirs_nested_private, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mkdirs_file_in_the_way, setup, teardown),
		cmocka_unit_test(test_state_dir),
	};

	return cmocka_run_group_tests_name("fileio", tests, NULL, NULL);
}
