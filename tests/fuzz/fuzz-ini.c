/* Fuzzes the shared config/credentials file parser (ini_parse): every entry
 * it keeps has a section, a key and a value, and lookups of what it kept
 * find a value. */
#include "config.h"

#include <string.h>

#include "aws/ini.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ini ini = { 0 };

	ini_parse((const char *)data, size, &ini);
	for (size_t i = 0; i < ini.n; i++) {
		FUZZ_CHECK(ini.e[i].section && ini.e[i].key && ini.e[i].value);
		FUZZ_CHECK(ini_get(&ini, ini.e[i].section, ini.e[i].key) != NULL);
		FUZZ_CHECK(ini_has_section(&ini, ini.e[i].section));
	}
	for (size_t i = 0; i < ini.nsections; i++)
		FUZZ_CHECK(ini.sections[i] && ini_has_section(&ini, ini.sections[i]));
	ini_get(&ini, "default", "aws_access_key_id");
	ini_get(&ini, "profile dev", "credential_process");
	ini_free(&ini);
	return 0;
}
