#!/usr/bin/python3
# jget_server.py DIR OWNER - the JSON server behind tests/cli/lib.sh's
# `jget` and `expect_json`: one Python process per test answers every
# query, instead of one Python start per assertion.
#
# DIR holds two FIFOs made by lib.sh: DIR/in (requests) and DIR/out
# (answers).  The server opens both read-write, so no open ever waits for
# the other side and a client that comes and goes never makes it see EOF.
#
# A request is one line, ID TAB PATH TAB EXPR, where EXPR has each
# backslash doubled and each newline written as backslash-n (so that it
# fits on one line).  The server reads the JSON file PATH into `d`,
# evaluates the Python expression EXPR on it, as lib.sh's old
# `python3 -c` did (globals json, sys and d), writes the text of the
# answer to the file DIR/answer, then the line "ID RC" to DIR/out (the
# text goes through a file: bash reads a pipe one byte per system call).
#
# RC 0: the text is what the old jget printed: "null" for None, JSON for
# lists, dicts and bools, str(value) otherwise, then a newline, with any
# NUL byte dropped (as the old $(jget ...) dropped them).  RC 1: the text
# is the Python error, "Type: message".  Bytes are encoded as the old
# print() encoded them (sys.stdout's encoding and error handler).
#
# The request "ID TAB quit" ends the server, after the answer "ID 0"
# (lib.sh's jget_stop, called by tests/cli/run.sh when the test ends).
# It also ends by itself, checked every second, when DIR is removed, or
# when the OWNER process (the test's shell) is gone, and then removes DIR:
# an interrupted run leaves no server behind.
import json
import os
import re
import select
import shutil
import sys


def main():
    fifo_dir, owner = sys.argv[1], int(sys.argv[2])
    # Inherit nothing but stdio: a pipe of the test's kept open here could
    # hold up whoever waits for its EOF.
    os.closerange(3, 65536)
    fin = os.open(os.path.join(fifo_dir, "in"), os.O_RDWR)
    fout = os.open(os.path.join(fifo_dir, "out"), os.O_RDWR)
    answer_path = os.path.join(fifo_dir, "answer")
    enc = sys.stdout.encoding or "utf-8"
    errs = sys.stdout.errors or "strict"
    unescape = re.compile(rb"\\(.)", re.S)
    buf = b""
    while True:
        if not select.select([fin], [], [], 1.0)[0]:
            if not os.path.isdir(fifo_dir):
                return
            try:
                os.kill(owner, 0)
            except ProcessLookupError:
                shutil.rmtree(fifo_dir, ignore_errors=True)
                return
            except PermissionError:
                pass
            continue
        chunk = os.read(fin, 65536)
        if not chunk:
            continue
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            parts = line.split(b"\t", 2)
            rid = parts[0]
            if len(parts) == 2 and parts[1] == b"quit":
                # Acknowledged, then gone at once (no interpreter teardown
                # for the client to wait out).
                write_all(fout, rid + b" 0\n")
                os._exit(0)
            if len(parts) != 3:
                rc, data = 1, b"bad request\n"
            else:
                path = os.fsdecode(parts[1])
                expr = os.fsdecode(unescape.sub(lambda m: b"\n" if m.group(1) == b"n" else m.group(1), parts[2]))
                rc, text = answer(path, expr)
                try:
                    data = (text + "\n").encode(enc, errs)
                except UnicodeError as e:
                    rc, data = 1, ("%s: %s\n" % (type(e).__name__, e)).encode(enc, "backslashreplace")
            with open(answer_path, "wb") as f:
                f.write(data.replace(b"\0", b""))
            write_all(fout, b"%s %d\n" % (rid, rc))


def answer(path, expr):
    try:
        with open(path) as f:
            d = json.load(f)
        v = eval(expr, {"json": json, "sys": sys, "d": d})
        return 0, "null" if v is None else (json.dumps(v) if isinstance(v, (list, dict, bool)) else str(v))
    except KeyboardInterrupt:
        raise
    except BaseException as e:  # SystemExit too: the server stays up
        return 1, "%s: %s" % (type(e).__name__, e)


def write_all(fd, data):
    while data:
        data = data[os.write(fd, data):]


if __name__ == "__main__":
    main()
