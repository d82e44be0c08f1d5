#!/usr/bin/python3
# mail_check.py - read back the mail of `followup mail` for
# tests/cli/t_mail.sh (SPEC §10), with Python's own parsers only:
# `mailbox` (Maildir, mbox), `email` (BytesParser, policy.default) and
# icalendar (Debian's python3-icalendar, hence /usr/bin/python3).
#
#   mail_check.py read SOURCE OUT.json
#       SOURCE is maildir:DIR (read with mailbox.Maildir(DIR, factory=None):
#       the aiosmtpd sink, or followup's drafts), mbox:FILE (mailbox.mbox)
#       or eml:FILE (one message).  Writes a JSON description of every
#       message (below) to OUT.json, and each text/calendar part, as it
#       was sent (transfer encoding undone), to OUT.json's directory as
#       OUT-ics-M-N.ics for tests/tools/icscheck.
#   mail_check.py q OUT.json EXPR [WHAT [SHOW]] [EXPR WHAT SHOW]...
#       EXPR, a Python expression on the description: D is the whole,
#       M the list of messages; to(addr) the message to addr (None when
#       none, an error when several), norm(s) s with runs of white space
#       made one space.  Without WHAT: prints the value (null, JSON for
#       lists, dicts and bools, else str).  With WHAT: exit 1 unless EXPR
#       is true, printing "WHAT: not true: EXPR" and the value of SHOW;
#       with more triples, every one is checked and every failure printed.
#
# A message (sorted by Message-ID, then by Subject, then by raw bytes, so
# that the order does not depend on file names):
#   raw            the message as text (UTF-8, undecodable bytes replaced)
#   header_names   the header field names in order (the raw header block,
#                  unfolded), header_lines the unfolded raw header lines
#   header_ascii   every byte of the raw header block is 7-bit
#   hcount         {lower-case name: how many fields of that name}
#   h              {lower-case name: decoded value of the first field}
#   from, to, cc, bcc, reply_to: [[display name, address], ...]
#   address_errors what policy.default refused in those (then read the
#                  old way: getaddresses, then RFC 2047 words decoded)
#   subject, subject_raw, date (ISO 8601 or null), date_tz (has an
#   offset), message_id, mime_version
#   mail_from, rcpt_to (aiosmtpd's X-MailFrom, X-RcptTo as a list)
#   maildir        {"subdir", "flags", "name"} for a Maildir message
#   from_line      the mbox "From " line of an mbox message
#   content_type   of the message; parts: every part in walk() order,
#                  {"ctype", "params", "cte", "multipart", "text"}
#   text           the decoded text of every text/plain part, joined
#   decoded_all    the raw message and every part decoded, joined (to
#                  look for what must never be in any form)
#   ics            every text/calendar part: {"file", "params", "method",
#                  "ncal", "others" (components besides VEVENT),
#                  "raw" (the calendar text), "lines" (its lines, unfolded),
#                  "events": [{"uid", "sequence",
#                  "dtstamp", "dtstart", "dtend" (UTC "YYYY-MM-DDTHH:MM:SSZ",
#                  "floating:..." or a date), "dtstart_raw", "dtend_raw"
#                  (the value as python icalendar writes it back),
#                  "summary", "description", "status", "organizer",
#                  "attendees" ({"value", "params"}), "alarms"}]}
#   defects        what the email package found wrong, as text
#
# The top level also has "count", "source", and for an mbox "from_lines"
# (every line of the file that starts with "From ") and "raw".
import datetime
import email.header
import email.policy
import email.utils
import json
import mailbox
import os
import re
import sys
from email.parser import BytesParser


def utc(v):
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None or v.utcoffset() is None:
            return "floating:" + v.isoformat()
        return v.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(v, datetime.date):
        return v.isoformat()
    return None if v is None else str(v)


def prop(p):
    """An icalendar property: its value and its parameters (upper-case)."""
    if p is None:
        return None
    return {"value": str(p), "params": {k.upper(): str(v) for k, v in p.params.items()}}


def listof(v):
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def calendar(payload, path):
    import icalendar
    with open(path, "wb") as f:
        f.write(payload)
    text = payload.decode("utf-8", "replace")
    lines = [l for l in re.sub(r"\r?\n[ \t]", "", text).replace("\r\n", "\n").split("\n") if l]
    out = {"file": path, "raw": text, "lines": lines, "events": [], "others": [], "ncal": 0,
           "method": None, "error": None}
    try:
        cals = icalendar.Calendar.from_ical(payload, multiple=True)
    except Exception as e:  # reported, not raised: the test says what failed
        out["error"] = "%s: %s" % (type(e).__name__, e)
        return out
    out["ncal"] = len(cals)
    for c in cals:
        if "METHOD" in c:
            out["method"] = str(c["METHOD"])
        for sub in c.subcomponents:
            if sub.name != "VEVENT":
                out["others"].append(sub.name)
                continue
            ev = {"uid": str(sub.get("UID")) if "UID" in sub else None,
                  "sequence": int(sub["SEQUENCE"]) if "SEQUENCE" in sub else None,
                  "dtstamp": utc(sub.decoded("DTSTAMP")) if "DTSTAMP" in sub else None,
                  "summary": str(sub.get("SUMMARY")) if "SUMMARY" in sub else None,
                  "description": str(sub.get("DESCRIPTION")) if "DESCRIPTION" in sub else None,
                  "status": str(sub.get("STATUS")) if "STATUS" in sub else None,
                  "organizer": prop(sub.get("ORGANIZER")),
                  "attendees": [prop(a) for a in listof(sub.get("ATTENDEE"))],
                  "alarms": len(list(sub.walk("VALARM")))}
            for k in ("DTSTART", "DTEND"):
                if k in sub:
                    ev[k.lower()] = utc(sub.decoded(k))
                    ev[k.lower() + "_raw"] = sub[k].to_ical().decode()
                    ev[k.lower() + "_params"] = {a.upper(): str(b) for a, b in sub[k].params.items()}
                else:
                    ev[k.lower()] = ev[k.lower() + "_raw"] = ev[k.lower() + "_params"] = None
            out["events"].append(ev)
    return out


def addresses(msg, name, errors):
    """[[display name, address], ...] of header NAME, by policy.default;
    when that refuses the header (e.g. a display name that decodes to a CR
    or LF), the error goes to ERRORS and the header is read the old way
    (getaddresses on the raw value, then each display name's RFC 2047
    words decoded), so that the test can show what is there."""
    try:
        h = msg.get(name)
        if h is None:
            return []
        return [[a.display_name, a.addr_spec] for a in h.addresses]
    except Exception as e:
        errors.append("%s: %s: %s" % (name, type(e).__name__, e))
    vals = [v for k, v in msg.raw_items() if k.lower() == name]
    out = []
    for n, a in email.utils.getaddresses([re.sub(r"\r?\n[ \t]", " ", v) for v in vals]):
        out.append([str(email.header.make_header(email.header.decode_header(n))), a])
    return out


def hget(msg, name):
    """The decoded value of header NAME (None when absent; the error, in
    parentheses, when policy.default cannot read it)."""
    try:
        v = msg[name]
    except Exception as e:
        return "(%s: %s)" % (type(e).__name__, e)
    return None if v is None else str(v)


def header_block(raw):
    m = re.search(rb"\r?\n\r?\n", raw)
    return raw[:m.start()] if m else raw


def describe(raw, extra, icsbase, n):
    msg = BytesParser(policy=email.policy.default).parsebytes(raw)
    block = header_block(raw)
    lines = [l for l in re.sub(rb"\r?\n[ \t]", b" ", block).split(b"\n") if l.strip()]
    lines = [l.rstrip(b"\r").decode("utf-8", "replace") for l in lines]
    names = [l.split(":", 1)[0] for l in lines]
    hcount = {}
    for k in names:
        hcount[k.lower()] = hcount.get(k.lower(), 0) + 1
    d = {"raw": raw.decode("utf-8", "replace"), "header_lines": lines, "header_names": names,
         "header_ascii": all(b < 0x80 for b in block), "hcount": hcount,
         "h": {}, "defects": [repr(x) for x in msg.defects], "address_errors": []}
    for k in set(names):
        try:
            if msg[k] is not None:
                d["h"][k.lower()] = str(msg[k])
        except Exception as e:
            d["h"][k.lower()] = "(%s: %s)" % (type(e).__name__, e)
    for k in ("from", "to", "cc", "bcc", "reply-to"):
        d[k.replace("-", "_")] = addresses(msg, k, d["address_errors"])
    d["subject"] = hget(msg, "Subject")
    d["subject_raw"] = next((l.split(":", 1)[1].strip() for l in lines
                             if l.lower().startswith("subject:")), None)
    d["date"] = None
    d["date_tz"] = False
    if hget(msg, "Date") is not None:
        try:
            dt = email.utils.parsedate_to_datetime(hget(msg, "Date"))
            d["date"] = dt.isoformat()
            d["date_tz"] = dt.tzinfo is not None
        except Exception:
            pass
    d["message_id"] = (hget(msg, "Message-ID") or "").strip() or None
    d["mime_version"] = (hget(msg, "MIME-Version") or "").strip() or None
    d["mail_from"] = hget(msg, "X-MailFrom")
    rcpt = hget(msg, "X-RcptTo")
    d["rcpt_to"] = [r.strip() for r in rcpt.split(",")] if rcpt is not None else None
    d["content_type"] = msg.get_content_type()
    parts, texts, decoded, ics = [], [], [d["raw"]], []
    for i, part in enumerate(msg.walk()):
        ctype = part.get_content_type()
        params = {k.lower(): v for k, v in (part.get_params() or [])[1:]}
        p = {"ctype": ctype, "params": params, "multipart": part.is_multipart(),
             "cte": str(part.get("Content-Transfer-Encoding", "7bit")).strip().lower(), "text": None}
        if not part.is_multipart():
            payload = part.get_payload(decode=True) or b""
            text = payload.decode(params.get("charset") or "utf-8", "replace") \
                if ctype.startswith("text/") else payload.decode("utf-8", "replace")
            p["text"] = text
            decoded.append(text)
            if ctype == "text/plain":
                texts.append(text)
            if ctype == "text/calendar":
                c = calendar(payload, "%s-ics-%d-%d.ics" % (icsbase, n, len(ics)))
                c["params"] = params
                ics.append(c)
        parts.append(p)
    d.update(parts=parts, text="\n".join(texts), decoded_all="\n".join(decoded), ics=ics)
    d.update(extra)
    return d


def read(source, out):
    kind, _, path = source.partition(":")
    items = []
    top = {"source": source}
    if kind == "maildir":
        md = mailbox.Maildir(path, factory=None, create=False)
        for key in md.keys():
            m = md.get_message(key)
            items.append((md.get_bytes(key), {"maildir": {
                "subdir": m.get_subdir(), "flags": m.get_flags(),
                "name": key + (md.colon + m.get_info() if m.get_info() else "")}}))
    elif kind == "mbox":
        raw = open(path, "rb").read()
        top["raw"] = raw.decode("utf-8", "replace")
        top["from_lines"] = [l.decode("utf-8", "replace") for l in raw.split(b"\n")
                             if l.startswith(b"From ")]
        mb = mailbox.mbox(path, factory=None, create=False)
        for key in mb.keys():
            items.append((mb.get_bytes(key), {"from_line": mb.get_message(key).get_from()}))
    elif kind == "eml":
        items.append((open(path, "rb").read(), {}))
    else:
        sys.exit("mail_check.py: SOURCE is maildir:DIR, mbox:FILE or eml:FILE, not %r" % source)
    base = out[:-5] if out.endswith(".json") else out
    msgs = [describe(raw, extra, base, n) for n, (raw, extra) in enumerate(items)]
    msgs.sort(key=lambda m: (m["message_id"] or "", m["subject"] or "", m["raw"]))
    top.update(count=len(msgs), messages=msgs)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(top, f, ensure_ascii=False, indent=1)


def show(v):
    if v is None:
        return "null"
    if isinstance(v, (list, dict, bool)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def q(path, expr, what=None, shown=None, *more):
    D = json.load(open(path, encoding="utf-8"))
    M = D["messages"]

    def to(addr):
        m = [x for x in M if any(a[1].lower() == addr.lower() for a in x["to"])]
        if len(m) > 1:
            raise ValueError("%d messages to %s" % (len(m), addr))
        return m[0] if m else None

    def norm(s):
        return re.sub(r"\s+", " ", s or "").strip()

    env = {"D": D, "M": M, "to": to, "norm": norm, "re": re}
    if what is None:
        print(show(eval(expr, env)))
        return
    failed = 0
    checks = [(expr, what, shown)] + [tuple(more[i:i + 3]) for i in range(0, len(more), 3)]
    for expr, what, shown in checks:
        try:
            ok = eval(expr, env) is True
        except Exception as e:
            ok, what = False, "%s (%s: %s)" % (what, type(e).__name__, e)
        if ok:
            continue
        failed += 1
        print("%s: not true: %s" % (what, expr))
        if shown:
            try:
                print("      " + show(eval(shown, env))[:4000])
            except Exception as e:
                print("      %s: %s: %s" % (shown, type(e).__name__, e))
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "read":
        read(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 4 and (len(sys.argv) <= 6 or len(sys.argv) % 3 == 0) and sys.argv[1] == "q":
        q(*sys.argv[2:])
    else:
        sys.exit(__doc__ if __doc__ else "usage: mail_check.py read SOURCE OUT.json | q OUT.json EXPR [WHAT [SHOW]]")
