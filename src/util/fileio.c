/* Directory of a path, bounded stream reads, whole writes and private
 * temporary files (see fileio.h). */
#include "config.h"
#include "util/fileio.h"
#include "util/buf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <pwd.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

char *fileio_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int fileio_read_stream(FILE *f, size_t limit, struct buf *b)
{
	char chunk[8192];
	size_t n;
	int rc = 0;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf_append(b, chunk, n);
		if (limit && b->len > limit) {
			errno = EFBIG;
			rc = -1;
			break;
		}
	}
	explicit_bzero(chunk, sizeof(chunk));
	if (rc == 0 && ferror(f)) {
		if (!errno)
			errno = EIO;
		rc = -1;
	}
	return rc;
}

int fileio_write_all(int fd, const void *data, size_t n)
{
	const char *p = data;

	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int fileio_write_temp(char *tmpl, const void *data, size_t len)
{
	int fd = mkstemp(tmpl); /* mode 0600 less the umask */

	if (fd < 0)
		return -1;
	/* 0600 whatever the umask: the file may hold account details. */
	if (fchmod(fd, 0600) == 0 && fileio_write_all(fd, data, len) == 0 && fsync(fd) == 0) {
		if (close(fd) == 0)
			return 0;
	} else {
		int e = errno;

		close(fd);
		errno = e;
	}
	int e = errno;

	unlink(tmpl);
	errno = e;
	return -1;
}

int fileio_mkdirs(const char *dir)
{
	char *p = xstrdup(dir);
	int rc = 0;

	if (*p == '\0') {
		free(p);
		return 0;
	}
	for (char *s = p + 1; rc == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*s = c;
		if (c == '\0')
			break;
	}
	int saved = errno;

	free(p);
	errno = saved;
	return rc;
}

const char *fileio_home(void)
{
	const char *h = getenv("HOME");
	struct passwd *pw;

	if (h && *h)
		return h;
	pw = getpwuid(getuid());
	return pw && pw->pw_dir ? pw->pw_dir : "/";
}

char *fileio_state_dir(void)
{
	const char *state = getenv("XDG_STATE_HOME");

	if (state && state[0] == '/')
		return xasprintf("%s/sagescale", state);
	return xasprintf("%s/.local/state/sagescale", fileio_home());
}
