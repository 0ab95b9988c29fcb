#!/usr/bin/env python3
"""A local RFC 3161 time-stamping authority for tests: answers POSTed TimeStampReq bodies
(application/timestamp-query) with `openssl ts -reply` and the TSA made by
scripts/make-test-pki.sh, over plain HTTP on 127.0.0.1 only. Nothing leaves the machine.

Usage: scripts/tsa-server.py PKI_DIR [--exit-on-stdin-eof]
Prints "PORT <n>" on the first line of stdout once listening, then serves until killed (or,
with --exit-on-stdin-eof, until its standard input closes: tests hold a pipe open, so the
server ends with the test process however that ends).
"""
import http.server
import os
import subprocess
import sys
import tempfile
import threading

PKI = os.path.abspath(sys.argv[1])


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        if self.headers.get("Content-Type") != "application/timestamp-query":
            self.send_error(415, "expected application/timestamp-query")
            return
        with tempfile.TemporaryDirectory() as tmp:
            query = os.path.join(tmp, "req.tsq")
            reply = os.path.join(tmp, "resp.tsr")
            with open(query, "wb") as f:
                f.write(body)
            result = subprocess.run(
                ["openssl", "ts", "-reply", "-config", "tsa.cnf", "-queryfile", query,
                 "-out", reply],
                cwd=PKI, capture_output=True,
            )
            if result.returncode != 0:
                self.send_error(500, "openssl ts -reply failed")
                return
            with open(reply, "rb") as f:
                data = f.read()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def exit_on_stdin_eof():
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
if "--exit-on-stdin-eof" in sys.argv[2:]:
    threading.Thread(target=exit_on_stdin_eof, daemon=True).start()
print(f"PORT {server.server_address[1]}", flush=True)
server.serve_forever()
