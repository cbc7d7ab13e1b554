"""Debian's nginx for the tests: deploy/nginx.conf pointed at a folder and a port on 127.0.0.1, run
unprivileged in the foreground from a temporary folder, and stopped by its process id."""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from conftest import ROOT

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
SITE_CONF = ROOT / "deploy" / "nginx.conf"

MAIN_CONF = """\
daemon off;
master_process off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
{load_brotli}

events {{
    worker_connections 256;
}}

http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    sendfile on;

    include {site_conf};
}}
"""


def need(available, what):
    """Fail under CI (which must run every test), skip elsewhere, when a tool is missing."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing: CI must run this test (see .ci/run)", pytrace=False)
    pytest.skip(f"{what} is missing")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def has_brotli():
    """Whether nginx can send the .br files; CI installs the module, so it must have it."""
    if not BROTLI_MODULE.is_file() and os.environ.get("CI") == "true":
        pytest.fail(f"{BROTLI_MODULE} is missing: apt-get install libnginx-mod-http-brotli-static (.ci/run)", pytrace=False)
    return BROTLI_MODULE.is_file()


def render_site_conf(port, root, brotli):
    """deploy/nginx.conf with its EDIT lines pointed at 127.0.0.1:port and `root`; nothing else changes."""
    text = SITE_CONF.read_text(encoding="utf-8")
    substitutions = (
        (r"listen\s+[^;]+;", f"listen 127.0.0.1:{port};"),
        (r"server_name\s+[^;]+;", "server_name 127.0.0.1;"),
        (r"root\s+[^;]+;", f"root {root};"),
    )
    for pattern, replacement in substitutions:
        text, count = re.subn(rf"(?m)^(\s*){pattern}", lambda match, r=replacement: match[1] + r, text)
        assert count == 1, f"deploy/nginx.conf must have exactly one `{pattern}` line to edit (found {count})"
    if not brotli:
        text, count = re.subn(r"(?m)^\s*brotli_static\s+on;.*$", "", text)
        assert count == 1
    return text


@contextlib.contextmanager
def serving(folder, port, tmp):
    """Serve `folder` on 127.0.0.1:port with deploy/nginx.conf until the block ends."""
    need(os.path.exists(NGINX) and MIME_TYPES.is_file(), f"Debian's nginx ({NGINX}, {MIME_TYPES})")
    brotli = has_brotli()
    tmp = Path(tmp)
    site_conf = tmp / "site.conf"
    site_conf.write_text(render_site_conf(port, folder, brotli), encoding="utf-8")
    main_conf = tmp / "nginx.conf"
    main_conf.write_text(
        MAIN_CONF.format(
            tmp=tmp, mime_types=MIME_TYPES, site_conf=site_conf, load_brotli=f"load_module {BROTLI_MODULE};" if brotli else ""
        ),
        encoding="utf-8",
    )
    command = [NGINX, "-p", str(tmp), "-e", str(tmp / "error.log"), "-c", str(main_conf)]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, f"nginx -t rejects deploy/nginx.conf:\n{checked.stderr}"
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                log = (tmp / "error.log").read_text() if (tmp / "error.log").exists() else ""
                pytest.fail(f"nginx exited with {process.returncode}:\n{process.stdout.read().decode()}{log}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("nginx did not start listening within 15 s")
                time.sleep(0.05)
        yield brotli
    finally:
        if process.poll() is None:
            os.kill(process.pid, 15)  # SIGTERM: nginx's fast shutdown
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(process.pid, 9)
                process.wait(timeout=10)
        process.stdout.close()
