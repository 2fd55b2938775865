/* credential_process: run the command, read and check its JSON document.
 * A small JSON reader lives here because json-c is kept out of src/aws/. */
#include "config.h"
#include "aws/credproc.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <errno.h>
#include <openssl/crypto.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- a minimal JSON reader: one object, string and number members kept ---- */

#define JSON_MAX_DEPTH 32

struct jreader {
	const char *p, *end;
};

struct jmembers {
	char *version;		/* the number's text, or NULL */
	bool version_is_number;
	char *access_key_id, *secret_access_key, *session_token, *expiration;
};

static void ws(struct jreader *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
		r->p++;
}

static int hex4(const char *s, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static void put_utf8(struct buf *b, unsigned cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	buf_append(b, u, n);
}

/* A string at r->p (the opening quote); decoded into *out when out != NULL. */
static int jstring(struct jreader *r, char **out)
{
	struct buf b = BUF_INIT;

	if (r->p >= r->end || *r->p != '"')
		return -1;
	r->p++;
	while (r->p < r->end && *r->p != '"') {
		unsigned char c = (unsigned char)*r->p++;

		if (c < 0x20)
			goto bad;
		if (c != '\\') {
			buf_putc(&b, (char)c);
			continue;
		}
		if (r->p >= r->end)
			goto bad;
		c = (unsigned char)*r->p++;
		switch (c) {
		case '"': case '\\': case '/': buf_putc(&b, (char)c); break;
		case 'b': buf_putc(&b, '\b'); break;
		case 'f': buf_putc(&b, '\f'); break;
		case 'n': buf_putc(&b, '\n'); break;
		case 'r': buf_putc(&b, '\r'); break;
		case 't': buf_putc(&b, '\t'); break;
		case 'u': {
			unsigned cp, lo;

			if (r->end - r->p < 4 || hex4(r->p, &cp) < 0)
				goto bad;
			r->p += 4;
			if (cp >= 0xd800 && cp < 0xdc00) {
				if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u' ||
				    hex4(r->p + 2, &lo) < 0 || lo < 0xdc00 || lo > 0xdfff)
					goto bad;
				r->p += 6;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			} else if (cp >= 0xdc00 && cp < 0xe000) {
				goto bad;
			}
			put_utf8(&b, cp);
			break;
		}
		default:
			goto bad;
		}
	}
	if (r->p >= r->end)
		goto bad;
	r->p++;
	if (out)
		*out = buf_steal(&b);
	else
		buf_free_secret(&b);
	return 0;
bad:
	buf_free_secret(&b);
	return -1;
}

static int jnumber(struct jreader *r, char **text)
{
	const char *s = r->p;

	if (r->p < r->end && *r->p == '-')
		r->p++;
	if (r->p >= r->end || *r->p < '0' || *r->p > '9')
		return -1;
	if (*r->p == '0')
		r->p++;
	else
		while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
			r->p++;
	if (r->p < r->end && *r->p == '.') {
		r->p++;
		if (r->p >= r->end || *r->p < '0' || *r->p > '9')
			return -1;
		while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
			r->p++;
	}
	if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
		r->p++;
		if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
			r->p++;
		if (r->p >= r->end || *r->p < '0' || *r->p > '9')
			return -1;
		while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
			r->p++;
	}
	if (text)
		*text = xstrndup(s, (size_t)(r->p - s));
	return 0;
}

static int jliteral(struct jreader *r, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
		return -1;
	r->p += n;
	return 0;
}

static int jvalue(struct jreader *r, int depth);

/* Object or array at r->p; members are checked and dropped. */
static int jcontainer(struct jreader *r, int depth)
{
	char close = *r->p == '{' ? '}' : ']';

	if (depth > JSON_MAX_DEPTH)
		return -1;
	r->p++;
	ws(r);
	if (r->p < r->end && *r->p == close) {
		r->p++;
		return 0;
	}
	for (;;) {
		ws(r);
		if (close == '}') {
			if (jstring(r, NULL) < 0)
				return -1;
			ws(r);
			if (r->p >= r->end || *r->p++ != ':')
				return -1;
		}
		if (jvalue(r, depth + 1) < 0)
			return -1;
		ws(r);
		if (r->p >= r->end)
			return -1;
		if (*r->p == ',') {
			r->p++;
			continue;
		}
		if (*r->p++ != close)
			return -1;
		return 0;
	}
}

static int jvalue(struct jreader *r, int depth)
{
	ws(r);
	if (r->p >= r->end)
		return -1;
	switch (*r->p) {
	case '{': case '[': return jcontainer(r, depth);
	case '"': return jstring(r, NULL);
	case 't': return jliteral(r, "true");
	case 'f': return jliteral(r, "false");
	case 'n': return jliteral(r, "null");
	default: return jnumber(r, NULL);
	}
}

static char **member_slot(struct jmembers *m, const char *key)
{
	if (strcmp(key, "AccessKeyId") == 0)
		return &m->access_key_id;
	if (strcmp(key, "SecretAccessKey") == 0)
		return &m->secret_access_key;
	if (strcmp(key, "SessionToken") == 0)
		return &m->session_token;
	if (strcmp(key, "Expiration") == 0)
		return &m->expiration;
	return NULL;
}

static void wipe_free(char **s)
{
	if (*s) {
		OPENSSL_cleanse(*s, strlen(*s));
		free(*s);
		*s = NULL;
	}
}

static void members_free(struct jmembers *m)
{
	wipe_free(&m->version);
	wipe_free(&m->access_key_id);
	wipe_free(&m->secret_access_key);
	wipe_free(&m->session_token);
	wipe_free(&m->expiration);
}

/* The top-level object; string members we know are kept (last one wins). */
static int jdocument(struct jreader *r, struct jmembers *m)
{
	ws(r);
	if (r->p >= r->end || *r->p != '{')
		return -1;
	r->p++;
	ws(r);
	if (r->p < r->end && *r->p == '}') {
		r->p++;
		goto end;
	}
	for (;;) {
		char *key = NULL, **slot;

		ws(r);
		if (jstring(r, &key) < 0)
			return -1;
		ws(r);
		if (r->p >= r->end || *r->p++ != ':') {
			free(key);
			return -1;
		}
		ws(r);
		slot = member_slot(m, key);
		if (strcmp(key, "Version") == 0) {
			wipe_free(&m->version);
			m->version_is_number = r->p < r->end && (*r->p == '-' || (*r->p >= '0' && *r->p <= '9'));
			if ((m->version_is_number ? jnumber(r, &m->version) : jvalue(r, 1)) < 0) {
				free(key);
				return -1;
			}
		} else if (slot && r->p < r->end && *r->p == '"') {
			wipe_free(slot);
			if (jstring(r, slot) < 0) {
				free(key);
				return -1;
			}
		} else {
			if (slot)
				wipe_free(slot);	/* not a string: treated as absent */
			if (jvalue(r, 1) < 0) {
				free(key);
				return -1;
			}
		}
		free(key);
		ws(r);
		if (r->p >= r->end)
			return -1;
		if (*r->p == ',') {
			r->p++;
			continue;
		}
		if (*r->p++ != '}')
			return -1;
		break;
	}
end:
	ws(r);
	return r->p == r->end ? 0 : -1;
}

/* ---- Expiration: RFC 3339 / ISO 8601 ---- */

static int digits(const char **p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		char c = (*p)[i];

		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

/* "2026-11-27T12:00:00Z", with optional fraction and "+HH:MM" offset (no
 * zone means UTC, as botocore assumes).  Returns 0 and seconds since 1970. */
static int parse_time(const char *s, long long *out)
{
	struct tm tm = { 0 };
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0;
	const char *p = s;

	if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' ||
	    digits(&p, 2, &d) || (*p != 'T' && *p != 't' && *p != ' '))
		return -1;
	p++;
	if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi) || *p++ != ':' ||
	    digits(&p, 2, &sec))
		return -1;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p++ == '+' ? 1 : -1;
		if (digits(&p, 2, &oh))
			return -1;
		if (*p == ':')
			p++;
		if (digits(&p, 2, &om))
			return -1;
	}
	if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 ||
	    oh > 23 || om > 59)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = (long long)timegm(&tm) - sign * (oh * 3600LL + om * 60LL);
	return 0;
}

/* ---- checks ---- */

int credproc_parse(const char *json, size_t len, const char *profile, long long now,
		   struct aws_credentials *out, char **err)
{
	struct jreader r = { json, json + len };
	struct jmembers m = { 0 };
	long long exp = 0;
	int rc = -1;

	if (jdocument(&r, &m) < 0) {
		*err = xasprintf(_("The credential_process of profile (%s) did not print a JSON object."),
				 profile);
	} else if (!m.version_is_number || strtod(m.version, NULL) != 1.0) {
		*err = xasprintf(_("The credential_process of profile (%s) must print \"Version\": 1."),
				 profile);
	} else if (!m.access_key_id || !*m.access_key_id) {
		*err = xasprintf(_("The credential_process of profile (%s) did not print %s."),
				 profile, "AccessKeyId");
	} else if (!m.secret_access_key || !*m.secret_access_key) {
		*err = xasprintf(_("The credential_process of profile (%s) did not print %s."),
				 profile, "SecretAccessKey");
	} else if (m.expiration && parse_time(m.expiration, &exp) < 0) {
		*err = xasprintf(_("The credential_process of profile (%s) printed an Expiration "
				   "that is not an ISO 8601 time."), profile);
	} else if (m.expiration && exp <= now) {
		char when[32];
		time_t t = (time_t)exp;
		struct tm tm;

		if (!gmtime_r(&t, &tm) || !strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm))
			strcpy(when, "?");
		*err = xasprintf(_("The credentials from the credential_process of profile (%s) "
				   "expired at %s."), profile, when);
	} else {
		out->access_key_id = m.access_key_id;
		out->secret_access_key = m.secret_access_key;
		out->session_token = m.session_token && *m.session_token ? m.session_token : NULL;
		if (!out->session_token)
			wipe_free(&m.session_token);
		out->source = xasprintf(_("credential_process (profile %s)"), profile);
		out->expiration = m.expiration ? exp : 0;
		m.access_key_id = m.secret_access_key = m.session_token = NULL;
		rc = 0;
	}
	members_free(&m);
	return rc;
}

/* ---- running the command ---- */

static int read_output(int fd, struct buf *out, bool *too_big)
{
	char chunk[4096];

	*too_big = false;
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		if (out->len + (size_t)n > CREDPROC_MAX_OUTPUT) {
			*too_big = true;
			break;
		}
		buf_append(out, chunk, (size_t)n);
	}
	OPENSSL_cleanse(chunk, sizeof chunk);
	return 0;
}

int credproc_run(const char *command, const char *profile, struct aws_credentials *out,
		 char **err)
{
	struct buf output = BUF_INIT;
	int fds[2], status, rc;
	bool too_big = false;
	pid_t pid;

	if (pipe(fds) < 0) {
		*err = xasprintf(_("The credential_process of profile (%s) could not be started: %s."),
				 profile, strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		int e = errno;

		close(fds[0]);
		close(fds[1]);
		*err = xasprintf(_("The credential_process of profile (%s) could not be started: %s."),
				 profile, strerror(e));
		return -1;
	}
	if (pid == 0) {
		/* stdin and stderr stay ours: a process may prompt for an MFA code. */
		close(fds[0]);
		if (fds[1] != STDOUT_FILENO) {
			dup2(fds[1], STDOUT_FILENO);
			close(fds[1]);
		}
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	rc = read_output(fds[0], &output, &too_big);
	close(fds[0]);	/* a process still writing gets SIGPIPE */
	if (too_big)
		kill(pid, SIGTERM);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			status = -1;
			break;
		}

	if (too_big) {
		*err = xasprintf(_("The credential_process of profile (%s) printed more than %d KiB."),
				 profile, CREDPROC_MAX_OUTPUT / 1024);
		rc = -1;
	} else if (status == -1 || rc < 0) {
		*err = xasprintf(_("The credential_process of profile (%s) could not be read."), profile);
		rc = -1;
	} else if (WIFSIGNALED(status)) {
		*err = xasprintf(_("The credential_process of profile (%s) was killed by signal %d."),
				 profile, WTERMSIG(status));
		rc = -1;
	} else if (WEXITSTATUS(status) != 0) {
		*err = xasprintf(_("The credential_process of profile (%s) failed with exit status %d."),
				 profile, WEXITSTATUS(status));
		rc = -1;
	} else {
		rc = credproc_parse(buf_str(&output), output.len, profile, (long long)time(NULL), out, err);
	}
	buf_free_secret(&output);
	return rc;
}
