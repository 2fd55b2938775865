/* Opaque paging tokens shared by the listing operations (see token.h). */
#include "config.h"
#include "sim/token.h"
#include "util/xalloc.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned long sim_fingerprint(const char *text)
{
	unsigned long h = 2166136261u;

	for (; *text; text++)
		h = ((h ^ (unsigned char)*text) * 16777619u) & 0xffffffffu;
	return h;
}

char *sim_token_encode(size_t offset, unsigned long fingerprint)
{
	char *plain = xasprintf("sagescale-sim:v1:%zu:%08lx", offset, fingerprint);
	size_t n = strlen(plain);
	char *out = xmalloc(4 * ((n + 2) / 3) + 1);

	EVP_EncodeBlock((unsigned char *)out, (const unsigned char *)plain, (int)n);
	free(plain);
	return out;
}

bool sim_token_decode(const char *token, unsigned long fingerprint, size_t *offset)
{
	size_t n = strlen(token);
	unsigned char *plain;
	size_t off;
	unsigned long fp;
	int used = 0;
	bool ok;

	if (n == 0 || n % 4 || n > 256)
		return false;
	plain = xcalloc(1, n + 1);
	ok = EVP_DecodeBlock(plain, (const unsigned char *)token, (int)n) > 0 &&
	     sscanf((char *)plain, "sagescale-sim:v1:%zu:%8lx%n", &off, &fp, &used) == 2 &&
	     fp == fingerprint && off < 1000000;
	free(plain);
	if (ok)
		*offset = off;
	return ok;
}
