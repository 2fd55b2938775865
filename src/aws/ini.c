/* Parser for the AWS shared config/credentials files, as botocore reads them
 * (configparser; a key with an empty value followed by indented
 * "sub = value" lines is a nested block, stored as "key.sub"). */
#include "config.h"
#include "aws/ini.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/xalloc.h"

#include <errno.h>
#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A shared config file is a few KiB; refuse anything absurd. */
#define INI_MAX_SIZE (4 * 1024 * 1024)

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static char *trimmed(const char *s, size_t n)
{
	while (n && is_blank(*s))
		s++, n--;
	while (n && is_blank(s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* "profile   name" and "profile \"name\"" become "profile name". */
static char *section_name(const char *s, size_t n)
{
	char *raw = trimmed(s, n);

	if (strncmp(raw, "profile", 7) == 0 && is_blank(raw[7])) {
		char *name = raw + 8;
		size_t l;

		while (is_blank(*name))
			name++;
		l = strlen(name);
		if (l >= 2 && (name[0] == '"' || name[0] == '\'') && name[l - 1] == name[0]) {
			name++;
			l -= 2;
		}
		char *out = xasprintf("profile %.*s", (int)l, name);

		free(raw);
		return out;
	}
	return raw;
}

static void add_entry(struct ini *ini, const char *section, char *key, char *value)
{
	if (ini->n == ini->cap) {
		ini->cap = ini->cap ? ini->cap * 2 : 16;
		ini->e = xrealloc(ini->e, ini->cap * sizeof *ini->e);
	}
	ini->e[ini->n].section = xstrdup(section);
	ini->e[ini->n].key = key;
	ini->e[ini->n].value = value;
	ini->n++;
}

struct parse_state {
	char *section;
	bool in_key; /* after a key: indented lines belong to it */
	char *nest;  /* that key, when its value was empty (a nested block) */
};

/* "sub = value" inside the nested block of key nest: stored as "nest.sub". */
static void parse_nested(struct ini *ini, const char *p, size_t l, const struct parse_state *st)
{
	size_t d = 0;

	while (d < l && p[d] != '=')
		d++;
	if (d == l)
		return;
	char *sub = trimmed(p, d);

	if (*sub)
		add_entry(ini, st->section, xasprintf("%s.%s", st->nest, sub),
			  trimmed(p + d + 1, l - d - 1));
	free(sub);
}

static void parse_line(struct ini *ini, const char *p, size_t l, struct parse_state *st)
{
	char **section = &st->section;
	size_t i = 0;

	while (i < l && is_blank(p[i]))
		i++;
	if (i == l || p[i] == '#' || p[i] == ';')
		return; /* blank or comment: a nested block goes on after these */
	if (i > 0 && st->in_key) {
		/* indented line after a key: nested block or continuation */
		if (st->nest)
			parse_nested(ini, p + i, l - i, st);
		return;
	}
	st->in_key = false;
	free(st->nest);
	st->nest = NULL;
	if (p[i] == '[') {
		const char *close = NULL;

		for (size_t j = l; j > i + 1; j--)
			if (p[j - 1] == ']') {
				close = p + j - 1;
				break;
			}
		if (!close)
			return; /* not a header; botocore would refuse the file */
		free(*section);
		*section = section_name(p + i + 1, (size_t)(close - (p + i + 1)));
		ini->sections =
			xrealloc(ini->sections, (ini->nsections + 1) * sizeof *ini->sections);
		ini->sections[ini->nsections++] = xstrdup(*section);
		return;
	}
	if (!*section)
		return; /* a key before any section belongs to nothing */
	size_t d = i;

	while (d < l && p[d] != '=' && p[d] != ':')
		d++;
	if (d == l || d == i)
		return;
	char *key = trimmed(p + i, d - i);

	if (!*key) {
		free(key);
		return;
	}
	char *value = trimmed(p + d + 1, l - d - 1);

	if (!*value)
		st->nest = xstrdup(key);
	add_entry(ini, *section, key, value);
	st->in_key = true;
}

void ini_parse(const char *text, size_t len, struct ini *ini)
{
	const char *p = text, *end = text + len;
	struct parse_state st = { 0 };

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) : (size_t)(end - p);

		parse_line(ini, p, l, &st);
		p += l + 1;
	}
	free(st.section);
	free(st.nest);
}

int ini_load(const char *path, struct ini *ini)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;

	memset(ini, 0, sizeof *ini);
	if (!f)
		return errno == ENOENT || errno == ENOTDIR ? 1 : -1;
	if (fileio_read_stream(f, INI_MAX_SIZE, &b) != 0) {
		int e = errno;

		fclose(f);
		buf_free_secret(&b);
		errno = e;
		return -1;
	}
	fclose(f);
	ini_parse(buf_str(&b), b.len, ini);
	buf_free_secret(&b);
	return 0;
}

const char *ini_get(const struct ini *ini, const char *section, const char *key)
{
	for (size_t i = ini->n; i-- > 0;)
		if (strcmp(ini->e[i].section, section) == 0 && strcmp(ini->e[i].key, key) == 0)
			return ini->e[i].value;
	return NULL;
}

bool ini_has_section(const struct ini *ini, const char *section)
{
	for (size_t i = 0; i < ini->nsections; i++)
		if (strcmp(ini->sections[i], section) == 0)
			return true;
	return false;
}

void ini_free(struct ini *ini)
{
	for (size_t i = 0; i < ini->n; i++) {
		OPENSSL_cleanse(ini->e[i].value, strlen(ini->e[i].value));
		free(ini->e[i].value);
		free(ini->e[i].key);
		free(ini->e[i].section);
	}
	for (size_t i = 0; i < ini->nsections; i++)
		free(ini->sections[i]);
	free(ini->sections);
	free(ini->e);
	memset(ini, 0, sizeof *ini);
}
