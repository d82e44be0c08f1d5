/*
 * gmime.c - the GMime side of mailmod.h, built alone as followup-mail.so
 * (the binary never links GMime or GLib; module.c dlopen()s this).  It
 * exports one symbol, `followup_mail_api`.
 *
 * Parts are made from the UTF-8 bytes as they are, with charset=UTF-8 set
 * by hand and the transfer encoding GMime finds best for 7-bit transport:
 * g_mime_text_part_set_text() would choose the "best" charset itself, and
 * that is ISO-8859-1 for a text such as "Zoë".
 */
#include "followup/mailmod.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmime/gmime.h>

static void set_err(char *errbuf, size_t errlen, const char *why)
{
	if (errlen)
		snprintf(errbuf, errlen, "%s", why);
}

static void init(void)
{
	static int done;
	if (!done)
		g_mime_init();
	done = 1;
}

/* A text/SUBTYPE part of the UTF-8 bytes text. */
static GMimeObject *text_part(const char *subtype, const char *text, const char *method)
{
	GMimePart *part = g_mime_part_new_with_type("text", subtype);
	GMimeStream *stream = g_mime_stream_mem_new_with_buffer(text, strlen(text));
	GMimeDataWrapper *content = g_mime_data_wrapper_new_with_stream(stream, GMIME_CONTENT_ENCODING_DEFAULT);

	g_object_unref(stream);
	g_mime_part_set_content(part, content);
	g_object_unref(content);
	g_mime_object_set_content_type_parameter(GMIME_OBJECT(part), "charset", "utf-8");
	if (method)
		g_mime_object_set_content_type_parameter(GMIME_OBJECT(part), "method", method);
	g_mime_part_set_content_encoding(part, g_mime_part_get_best_content_encoding(
		part, GMIME_ENCODING_CONSTRAINT_7BIT));
	return GMIME_OBJECT(part);
}

/* Names are encoded (RFC 2047) as UTF-8, not in whatever 8-bit charset
 * GMime finds would do ("Zoë Łukasiewicz" became ISO-8859-2). */
static void utf8_names(InternetAddressList *list)
{
	int i, n = internet_address_list_length(list);

	for (i = 0; i < n; i++)
		internet_address_set_charset(internet_address_list_get_address(list, i), "utf-8");
}

static void add_mailbox(GMimeMessage *msg, GMimeAddressType type, const char *name, const char *addr)
{
	InternetAddress *a = internet_address_mailbox_new(name && *name ? name : NULL, addr);

	internet_address_set_charset(a, "utf-8");
	internet_address_list_add(g_mime_message_get_addresses(msg, type), a);
	g_object_unref(a);
}

/* The addresses of an address-list header value into the message. */
static void add_list(GMimeMessage *msg, GMimeAddressType type, const char *value)
{
	InternetAddressList *list;

	if (!value || !*value || !(list = internet_address_list_parse(NULL, value)))
		return;
	utf8_names(list);
	internet_address_list_append(g_mime_message_get_addresses(msg, type), list);
	g_object_unref(list);
}

static int build(const struct mail_msg *m, char **out, size_t *len, char *errbuf, size_t errlen)
{
	GMimeMessage *msg;
	GMimeObject *body;
	GMimeStream *mem;
	GByteArray *bytes;
	GDateTime *date;

	init();
	*out = NULL;
	*len = 0;
	msg = g_mime_message_new(TRUE);
	add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, m->from_name, m->from_email);
	add_mailbox(msg, GMIME_ADDRESS_TYPE_TO, m->to_name, m->to_email);
	add_list(msg, GMIME_ADDRESS_TYPE_CC, m->cc);
	add_list(msg, GMIME_ADDRESS_TYPE_BCC, m->bcc);
	g_mime_message_set_subject(msg, m->subject ? m->subject : "", "utf-8");
	date = g_date_time_new_from_unix_local(m->date);
	g_mime_message_set_date(msg, date);
	g_date_time_unref(date);
	g_mime_message_set_message_id(msg, m->message_id);
	body = text_part("plain", m->body ? m->body : "", NULL);
	if (m->calendar) {
		GMimeMultipart *alt = g_mime_multipart_new_with_subtype("alternative");
		GMimeObject *cal = text_part("calendar", m->calendar, m->method);
		g_mime_multipart_add(alt, body);
		g_mime_multipart_add(alt, cal);
		g_object_unref(body);
		g_object_unref(cal);
		body = GMIME_OBJECT(alt);
	}
	g_mime_message_set_mime_part(msg, body);
	g_object_unref(body);
	mem = g_mime_stream_mem_new();
	if (g_mime_object_write_to_stream(GMIME_OBJECT(msg), NULL, mem) < 0) {
		g_object_unref(mem);
		g_object_unref(msg);
		set_err(errbuf, errlen, "GMime could not write the message");
		return -1;
	}
	bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	*out = malloc(bytes->len + 1);
	if (*out) {
		memcpy(*out, bytes->data, bytes->len);
		(*out)[bytes->len] = '\0';
		*len = bytes->len;
	}
	g_object_unref(mem);
	g_object_unref(msg);
	if (!*out) {
		set_err(errbuf, errlen, "out of memory");
		return -1;
	}
	return 0;
}

static char *dup_or_null(const char *s)
{
	return s && *s ? strdup(s) : NULL;
}

/* A header's addresses as one UTF-8 list, NULL when none. */
static char *list_text(GMimeMessage *msg, GMimeAddressType type)
{
	InternetAddressList *list = g_mime_message_get_addresses(msg, type);
	char *s, *copy;

	if (!list || internet_address_list_length(list) == 0)
		return NULL;
	s = internet_address_list_to_string(list, NULL, FALSE);
	copy = dup_or_null(s);
	g_free(s);
	return copy;
}

static void free_draft(struct mail_draft *d)
{
	free(d->to_name);
	free(d->to_email);
	free(d->cc);
	free(d->bcc);
	free(d->subject);
	free(d->body);
	memset(d, 0, sizeof *d);
}

static int draft(const char *text, size_t len, struct mail_draft *out, char *errbuf, size_t errlen)
{
	GMimeStream *stream;
	GMimeParser *parser;
	GMimeMessage *msg;
	InternetAddressList *to;
	InternetAddress *addr;
	GMimeObject *body;

	init();
	memset(out, 0, sizeof *out);
	stream = g_mime_stream_mem_new_with_buffer(text, len);
	parser = g_mime_parser_new_with_stream(stream);
	g_object_unref(stream);
	msg = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	if (!msg) {
		set_err(errbuf, errlen, "the draft is not a message");
		return -1;
	}
	to = g_mime_message_get_addresses(msg, GMIME_ADDRESS_TYPE_TO);
	addr = to && internet_address_list_length(to) ? internet_address_list_get_address(to, 0) : NULL;
	if (!addr || !INTERNET_ADDRESS_IS_MAILBOX(addr)) {
		g_object_unref(msg);
		set_err(errbuf, errlen, "the draft has no To address");
		return -1;
	}
	out->to_name = dup_or_null(internet_address_get_name(addr));
	out->to_email = dup_or_null(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(addr)));
	out->cc = list_text(msg, GMIME_ADDRESS_TYPE_CC);
	out->bcc = list_text(msg, GMIME_ADDRESS_TYPE_BCC);
	out->subject = dup_or_null(g_mime_message_get_subject(msg));
	body = g_mime_message_get_body(msg);
	if (body && GMIME_IS_TEXT_PART(body)) {
		char *t = g_mime_text_part_get_text(GMIME_TEXT_PART(body));
		out->body = dup_or_null(t);
		g_free(t);
	}
	g_object_unref(msg);
	return 0;
}

/* Declared here only: module.c finds it by name with dlsym(). */
extern const struct mail_api followup_mail_api;
const struct mail_api followup_mail_api = {MAIL_API_ABI, build, draft, free_draft};
