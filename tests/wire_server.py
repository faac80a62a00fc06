"""A wire service on 127.0.0.1 for the ingest tests: feeds, pages, slow and huge answers.

A threaded HTTP server on a port the kernel hands out, serving what each test routes
to it; it records every request (path and Host header) so a test can tell what was
asked, how often. Nothing here reaches outside the machine.
"""

from __future__ import annotations

import gzip
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

MB = 1024 * 1024


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict = field(default_factory=dict)
    delay: float = 0.0  # seconds before the answer starts
    stream_bytes: int = 0  # send this many bytes in chunks, without a Content-Length
    gzip_body: bool = False


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that hung up early (a size limit, a timeout) is what the tests want."""


class WireServer:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str]] = []  # (path, Host header)
        self.stopping = threading.Event()
        self.httpd = _Server(("127.0.0.1", 0), _handler(self))
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> WireServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, body: bytes | str = b"", **options) -> str:
        """Serve ``body`` at ``path``; its full address."""
        if isinstance(body, str):
            body = body.encode()
        self.routes[path] = Route(body=body, **options)
        return self.url(path)

    def hits(self, path: str) -> int:
        return sum(1 for asked, _host in self.requests if asked == path)


def _handler(server: WireServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def do_GET(self):
            server.requests.append((self.path, self.headers.get("Host", "")))
            route = server.routes.get(self.path)
            if route is None:
                self._send(404, b"not here", "text/plain", {})
                return
            if route.delay and server.stopping.wait(route.delay):
                return
            etag = route.headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                self._send(304, b"", route.content_type, {"ETag": etag})
                return
            if route.stream_bytes:
                self._stream(route)
                return
            body = gzip.compress(route.body) if route.gzip_body else route.body
            headers = dict(route.headers)
            if route.gzip_body:
                headers["Content-Encoding"] = "gzip"
            self._send(route.status, body, route.content_type, headers)

        def _send(self, status, body, content_type, headers):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def _stream(self, route: Route):
            """A body of ``stream_bytes`` sent with no declared length, until the client goes."""
            self.send_response(200)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"wire copy " * 6500 + b"</p>\n"
            sent = 0
            try:
                while sent < route.stream_bytes and not server.stopping.is_set():
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except OSError:
                pass
            self.close_connection = True

    return Handler


def page(headline: str, paragraphs: list[str], *, canonical: str = "") -> str:
    """A news page as a site serves it: navigation, the story, a footer."""
    link = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><meta charset=utf-8><title>{escape(headline)}</title>{link}"
        "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{escape(headline)}</h1><p>By Rosa Penhallow</p>{body}</article>"
        "<footer>© The Saltmere Wire</footer></body></html>"
    )


def rss(entries: list[tuple[str, str, str]], *, title: str = "Saltmere Wire") -> str:
    """An RSS 2.0 feed of ``(guid, link, title)`` entries."""
    items = "".join(
        f"<item><guid isPermaLink='false'>{escape(guid)}</guid><link>{escape(link)}</link>"
        f"<title>{escape(headline)}</title></item>"
        for guid, link, headline in entries
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{escape(title)}</title><link>http://wire.example/</link>"
        f"<description>Copy from the wire</description>{items}</channel></rss>"
    )


def wait_for(check, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False
