/* The INI dialect of the AWS shared config and credentials files: [sections],
 * "key = value" (or "key: value"), full-line comments with # or ;.  Indented
 * lines after a key with an empty value are its nested block ("sub = v"),
 * stored as key "key.sub" (the services sections); after any other key they
 * are ignored.  Keys are case-sensitive. */
#ifndef SAGESCALE_AWS_INI_H
#define SAGESCALE_AWS_INI_H
#include <stdbool.h>
#include <stddef.h>

struct ini_entry {
	char *section, *key, *value;
};

struct ini {
	struct ini_entry *e;
	size_t n, cap;
	char **sections; /* every section header seen, in order */
	size_t nsections;
};

/* Reads path into ini.  Returns 0, 1 when the file does not exist (ini is
 * empty), or -1 with errno set when it cannot be read. */
int ini_load(const char *path, struct ini *ini);
/* Parses text (for tests and ini_load). */
void ini_parse(const char *text, size_t len, struct ini *ini);
/* The last value of key in section, or NULL. */
const char *ini_get(const struct ini *ini, const char *section, const char *key);
bool ini_has_section(const struct ini *ini, const char *section);
/* Frees everything; values are wiped first (they may be secrets). */
void ini_free(struct ini *ini);

#endif
