/* Safe, atomic export files (see file.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export/file.h"
#include "util/fileio.h"
#include "util/i18n.h"
#include "util/xalloc.h"

char *export_file_expand(const char *path)
{
	const char *home = getenv("HOME");

	if (path[0] == '~' && path[1] == '/' && home && *home)
		return xasprintf("%s/%s", home, path + 2);
	return xstrdup(path);
}

static enum export_file_status fail(char **err, const char *path, int e)
{
	*err = xasprintf(_("Cannot write %s: %s"), path, strerror(e));
	return EXPORT_FILE_ERROR;
}

/* Puts the finished temporary file at path. */
static enum export_file_status place(const char *tmp, const char *path, bool overwrite, char **err)
{
	if (overwrite) {
		if (rename(tmp, path) != 0)
			return fail(err, path, errno);
		return EXPORT_FILE_OK;
	}
	if (link(tmp, path) == 0) {
		unlink(tmp);
		return EXPORT_FILE_OK;
	}
	int e = errno;

	if (e == EEXIST)
		return EXPORT_FILE_EXISTS;
	if (e != EPERM && e != ENOTSUP && e != EOPNOTSUPP && e != EXDEV)
		return fail(err, path, e);
	/* No hard links here: check, then rename (a small race, as good
	 * as this file system allows). */
	struct stat st;

	if (lstat(path, &st) == 0)
		return EXPORT_FILE_EXISTS;
	if (rename(tmp, path) != 0)
		return fail(err, path, errno);
	return EXPORT_FILE_OK;
}

enum export_file_status export_file_write(const char *path_in, const void *data, size_t len,
					  bool overwrite, char **err)
{
	char *path = export_file_expand(path_in);
	char *dir = fileio_dirname(path);
	char *tmp = xasprintf("%s/.sagescale-export.XXXXXX", dir);
	enum export_file_status st;
	struct stat sb;

	*err = NULL;
	if (!*path) {
		*err = xstrdup(_("No file name given."));
		st = EXPORT_FILE_ERROR;
		goto out;
	}
	if (!overwrite && lstat(path, &sb) == 0) {
		st = EXPORT_FILE_EXISTS;
		goto out;
	}
	if (fileio_write_temp(tmp, data, len) != 0) {
		st = fail(err, path, errno);
		goto out;
	}
	st = place(tmp, path, overwrite, err);
	if (st != EXPORT_FILE_OK)
		unlink(tmp);
out:
	free(tmp);
	free(dir);
	free(path);
	return st;
}
