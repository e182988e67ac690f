"""Real servers for browser tests: nginx on a loopback port, serving a built site under a sub-path
with the configuration that publishers copy (exchange_guide/publish/nginx.conf)."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CHROMIUM = "/usr/bin/chromium"
# Flags for a closed network: no background calls home, no GPU, no sandbox (we run as root).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PUBLISHING = Path(__file__).resolve().parents[1] / "exchange_guide" / "publish"
# The configuration that publishers copy (exchange_guide/publish/nginx.conf): the tests use
# it as shipped, with its placeholders filled in the way its header comment tells publishers to.
SHIPPED_CONF = PUBLISHING / "nginx.conf"
BROTLI_CONF = PUBLISHING / "nginx-brotli.conf"
BROTLI_INCLUDE = "# include /etc/nginx/snippets/nordic-exchange-guide-brotli.conf;"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")

# Only what a test server needs around the shipped `location` block: a loopback port, and
# logs, pid and temporary files in the test's own folder.
NGINX_CONF = """
daemon off;
user root;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
{load_modules}
events {{ worker_connections 64; }}
http {{
    access_log {work}/access.log;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    server {{
        listen 127.0.0.1:{port};
        include {work}/nordic-exchange-guide.conf;
    }}
}}
"""


def brotli_available() -> bool:
    """Debian's libnginx-mod-http-brotli-static is installed (make system-deps installs it)."""
    return BROTLI_MODULE.exists()


def shipped_location(prefix: str, site: Path, brotli_include: Path | None = None) -> str:
    """exchange_guide/publish/nginx.conf with its placeholders filled in, as a publisher would:
    `/@PREFIX@/` is the address path (slash at both ends), `@SITE@` the site folder."""
    assert prefix.startswith("/") and prefix.endswith("/"), prefix
    text = SHIPPED_CONF.read_text(encoding="utf-8")
    text = text.replace("/@PREFIX@/", prefix).replace("@SITE@", str(site.resolve()))
    if brotli_include is not None:
        assert BROTLI_INCLUDE in text, "nginx.conf lost its optional Brotli include line"
        text = text.replace(BROTLI_INCLUDE, f"include {brotli_include};")
    settings = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in settings if "@PREFIX@" in line or "@SITE@" in line], "a placeholder is left"
    return text


class Nginx:
    """nginx serving `site` at http://127.0.0.1:<port><prefix>, started and stopped by the tests."""

    def __init__(self, site: Path, work: Path, prefix: str = "/norut/"):
        if not Path(NGINX).exists():
            raise RuntimeError("nginx is not installed: run `make system-deps` (apt-get install nginx)")
        self.port = free_port()
        self.prefix = prefix
        work.mkdir(parents=True, exist_ok=True)
        self.brotli = brotli_available()
        brotli_include = None
        if self.brotli:
            brotli_include = work / "nordic-exchange-guide-brotli.conf"
            brotli_include.write_text(BROTLI_CONF.read_text(encoding="utf-8"))
        self.location = shipped_location(prefix, site, brotli_include)
        (work / "nordic-exchange-guide.conf").write_text(self.location)
        self.conf = work / "nginx.conf"
        load_modules = f"load_module {BROTLI_MODULE};" if self.brotli else ""
        self.conf.write_text(NGINX_CONF.format(work=work.resolve(), port=self.port, load_modules=load_modules))
        self.process = subprocess.Popen(
            [NGINX, "-p", str(work), "-c", str(self.conf)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
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


def self_signed_certificate(folder: Path, name: str = "cert") -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made by openssl in `folder`: for HTTPS test servers."""
    cert, key = folder / f"{name}.pem", folder / f"{name}-key.pem"
    request = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
    subject = ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
    subprocess.run(
        [*request, "-keyout", str(key), "-out", str(cert), *subject],
        check=True,
        capture_output=True,
    )
    return cert, key


class AddressAnswers(BaseHTTPRequestHandler):
    """What the link checker meets, HEAD and GET alike: /ok… 200; /moved-301 and /moved-308
    redirect to a page that answers; /gone 410; /slow answers only once `release` is set (a
    timeout); anything else 404."""

    release = threading.Event()

    def _answer(self, body: bool):
        if self.path == "/slow":
            self.release.wait(30)
        status, location = 404, None
        if self.path.startswith("/ok"):
            status = 200
        elif self.path == "/moved-301":
            status, location = 301, "/ok-after-301"
        elif self.path == "/moved-308":
            status, location = 308, "/ok-after-308"
        elif self.path == "/gone":
            status = 410
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


def https_answering(cert: Path, key: Path, release: threading.Event | None = None) -> ThreadingHTTPServer:
    """AddressAnswers over HTTPS on 127.0.0.1 (a port of its own), serving in a thread; stop it
    with shutdown() and server_close()."""
    handler = type("Answers", (AddressAnswers,), {"release": release or threading.Event()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
