/*
 * icscheck.c - a test tool: read an .ics file back with libical, run
 * icalrestriction_check on it (with its METHOD), and print
 *   "violation<TAB>component<TAB>message" for each X-LIC-ERROR it adds,
 *   "event<TAB>UID<TAB>SEQUENCE<TAB>DTSTART<TAB>SUMMARY<TAB>DESCRIPTION"
 *     per VEVENT (tabs, backslashes and newlines in values escaped as
 *     \t, \\ and \n so each event is one line),
 * then "events N, violations N".  Exit 0 when there is no violation, 1
 * when there is, 2 when the file cannot be read or parsed.
 */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_escaped(const char *s)
{
	for (; s && *s; s++) {
		if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\t')
			fputs("\\t", stdout);
		else if (*s == '\\')
			fputs("\\\\", stdout);
		else
			putchar(*s);
	}
}

static int violations(icalcomponent *c)
{
	icalcomponent *sub;
	icalproperty *p;
	int n = 0;

	for (p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
		printf("violation\t%s\t", icalcomponent_kind_to_string(icalcomponent_isa(c)));
		put_escaped(icalproperty_get_xlicerror(p));
		putchar('\n');
		n++;
	}
	for (sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); sub;
	     sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		n += violations(sub);
	return n;
}

int main(int argc, char **argv)
{
	FILE *f;
	char *buf;
	long len;
	icalcomponent *cal, *ev;
	int nev = 0, nviol;

	if (argc != 2) {
		fprintf(stderr, "usage: icscheck FILE.ics\n");
		return 2;
	}
	if (!(f = fopen(argv[1], "rb")))
		return perror(argv[1]), 2;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)len + 1);
	if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len)
		return fprintf(stderr, "%s: read error\n", argv[1]), 2;
	buf[len] = '\0';
	fclose(f);
	cal = icalparser_parse_string(buf);
	free(buf);
	if (!cal || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
		fprintf(stderr, "%s: not a VCALENDAR\n", argv[1]);
		return 2;
	}
	/* Parse errors libical noted are violations too. */
	icalrestriction_check(cal);
	nviol = violations(cal);
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		icalproperty *seq = icalcomponent_get_first_property(ev, ICAL_SEQUENCE_PROPERTY);
		printf("event\t");
		put_escaped(icalcomponent_get_uid(ev));
		printf("\t%d\t%s\t", seq ? icalproperty_get_sequence(seq) : -1,
		       icaltime_as_ical_string(icalcomponent_get_dtstart(ev)));
		put_escaped(icalcomponent_get_summary(ev));
		putchar('\t');
		put_escaped(icalcomponent_get_description(ev));
		putchar('\n');
		nev++;
	}
	printf("events %d, violations %d\n", nev, nviol);
	icalcomponent_free(cal);
	return nviol ? 1 : 0;
}
