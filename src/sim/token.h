/* The simulator's opaque paging tokens: an offset bound to a fingerprint
 * of the filters, so that a token replayed with other filters is refused. */
#ifndef SAGESCALE_SIM_TOKEN_H
#define SAGESCALE_SIM_TOKEN_H
#include <stdbool.h>
#include <stddef.h>

/* base64 of "sagescale-sim:v1:OFFSET:FINGERPRINT" (caller frees). */
char *sim_token_encode(size_t offset, unsigned long fingerprint);
/* True, with *offset, for a token of ours made with the same fingerprint. */
bool sim_token_decode(const char *token, unsigned long fingerprint, size_t *offset);
/* FNV-1a over a canonical text of the request's filters. */
unsigned long sim_fingerprint(const char *text);

#endif
