/* Building simulator answers: JSON 1.1 bodies and AWS-shaped errors. */
#include "config.h"
#include "sim/reply.h"
#include "util/xalloc.h"

#include <openssl/rand.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sim_reply_json(struct sim_reply *r, json_object *obj)
{
	r->status = 200;
	r->body = xstrdup(json_object_to_json_string_ext(
		obj, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	r->error_type = NULL;
	json_object_put(obj);
}

static void reply_set(struct sim_reply *r, int status, const char *type, const char *key,
		      const char *message, char *header)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "__type", json_object_new_string(type));
	json_object_object_add(o, key, json_object_new_string(message));
	free(r->body);
	free(r->error_type);
	r->status = status;
	r->body = xstrdup(json_object_to_json_string_ext(
		o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	r->error_type = header;
	json_object_put(o);
}

void sim_reply_error_key(struct sim_reply *r, int status, const char *code, const char *key,
			 const char *message)
{
	reply_set(r, status, code, key, message, xstrdup(code));
}

void sim_reply_error(struct sim_reply *r, int status, const char *code, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	reply_set(r, status, code, "message", msg, xstrdup(code));
	free(msg);
}

void sim_reply_coral(struct sim_reply *r, int status, const char *code, const char *fmt, ...)
{
	va_list ap;
	char *msg, *type;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	type = xasprintf("com.amazon.coral.service#%s", code);
	reply_set(r, status, type, "message", msg,
		  xasprintf("%s:http://internal.amazon.com/coral/com.amazon.coral.service/", code));
	free(type);
	free(msg);
}

void sim_reply_free(struct sim_reply *r)
{
	free(r->body);
	free(r->error_type);
	r->body = r->error_type = NULL;
}

void sim_request_id(char out[37])
{
	unsigned char u[16];
	static const char hex[] = "0123456789abcdef";
	int j = 0;

	if (RAND_bytes(u, sizeof(u)) != 1) {
		/* Not a secret: any distinct-looking value does. */
		for (int i = 0; i < 16; i++)
			u[i] = (unsigned char)rand();
	}
	u[6] = (u[6] & 0x0f) | 0x40;
	u[8] = (u[8] & 0x3f) | 0x80;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[j++] = '-';
		out[j++] = hex[u[i] >> 4];
		out[j++] = hex[u[i] & 15];
	}
	out[j] = '\0';
}
