"""Real servers for browser tests: nginx on a loopback port, serving a built site under a sub-path."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CHROMIUM = "/usr/bin/chromium"
# Flags for a closed network: no background calls home, no GPU, no sandbox (we run as root).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


NGINX_CONF = """
daemon off;
user root;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    types {{ application/wasm wasm; text/javascript mjs; }}
    gzip on;
    gzip_types application/wasm text/javascript application/javascript application/json text/css image/svg+xml;
    access_log {work}/access.log;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location {prefix} {{
            alias {site}/;
            error_page 404 {prefix}404.html;
        }}
    }}
}}
"""


class Nginx:
    """nginx serving `site` at http://127.0.0.1:<port><prefix>, started and stopped by the tests."""

    def __init__(self, site: Path, work: Path, prefix: str = "/norut/"):
        if not Path(NGINX).exists():
            raise RuntimeError("nginx is not installed: run `make system-deps` (apt-get install nginx)")
        self.port = free_port()
        self.prefix = prefix
        work.mkdir(parents=True, exist_ok=True)
        self.conf = work / "nginx.conf"
        self.conf.write_text(NGINX_CONF.format(work=work, port=self.port, prefix=prefix, site=site.resolve()))
        self.process = subprocess.Popen([NGINX, "-p", str(work), "-c", str(self.conf)],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self._wait()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.prefix}"

    def _wait(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.process.stdout.read().decode(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not start within 10 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
