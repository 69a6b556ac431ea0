"""Reading a response body within `max_bytes`, counted after decompression.

httpx inflates a gzip body chunk by chunk, each chunk whole: a 64 KiB chunk of a gzip bomb becomes
64 MB before anyone can count it. So the fetcher asks only for codings it can bound (gzip, deflate),
reads the raw bytes and inflates them here with an output limit per call; any other coding is refused.
"""

from __future__ import annotations

import zlib
from typing import Any

import httpx


class BodyRefused(Exception):
    """A body that must not be kept, with the reason the fetch log records."""


# Only encodings whose inflation we can bound; a server must not pick one we would inflate blindly.
ACCEPT_ENCODING = "gzip, deflate"


class BoundedBody:
    """Raw body chunks inflated (gzip or deflate) and collected, never past `limit` decoded bytes,
    so a gzip bomb costs at most `limit` bytes of memory, not its whole decompressed size."""

    def __init__(self, encoding: str, limit: int, *, truncate: bool) -> None:
        encoding = encoding.strip().lower()
        if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise BodyRefused(f"unsupported Content-Encoding {encoding!r}")
        self.encoding, self.limit, self.truncate = encoding, limit, truncate
        self.inflater: Any = None
        self.chunks: list[bytes] = []
        self.size = 0

    def add(self, raw: bytes) -> bool:
        """Take one raw chunk; False once the body is complete at `limit` (robots.txt truncation)."""
        room = self.limit - self.size + 1
        data = self._inflate(raw, room) if self.encoding not in ("", "identity") else raw
        self.chunks.append(data[:room])
        self.size += min(len(data), room)
        if self.size > self.limit:
            if not self.truncate:
                raise BodyRefused(f"larger than {self.limit} bytes, abandoned")
            return False
        return True

    def _inflate(self, raw: bytes, room: int) -> bytes:
        if self.inflater is None and raw:
            # "deflate" should be zlib-wrapped; some servers send it raw, as browsers tolerate.
            wbits = 16 + zlib.MAX_WBITS if "gzip" in self.encoding else zlib.MAX_WBITS
            if self.encoding == "deflate" and raw[0] & 0x0F != 8:
                wbits = -zlib.MAX_WBITS
            self.inflater = zlib.decompressobj(wbits)
        if self.inflater is None:
            return b""
        try:
            # max_length bounds this one call's output: a chunk of a bomb never inflates past `room`.
            return bytes(self.inflater.decompress(raw, room))
        except zlib.error as exc:
            raise BodyRefused(f"broken {self.encoding} body: {exc}") from exc

    def body(self) -> bytes:
        body = b"".join(self.chunks)
        self.chunks.clear()  # the joined copy replaces the pieces; never hold both longer than the join
        body = body[: self.limit] if len(body) > self.limit else body
        if self.inflater is not None and not self.inflater.eof and self.size <= self.limit:
            raise BodyRefused(f"{self.encoding} body ends early (truncated)")
        return body


async def read_bounded(response: httpx.Response, limit: int, *, truncate: bool = False) -> bytes:
    """The decoded body; `BodyRefused` once it passes `limit` bytes (cut at `limit` when `truncate`)."""
    declared = response.headers.get("content-length", "")
    if not truncate and declared.isdigit() and int(declared) > limit:
        raise BodyRefused(f"larger than {limit} bytes, abandoned")
    if response.is_stream_consumed:
        # A response built in memory (httpx.MockTransport) arrives read and decoded already.
        body = BoundedBody("identity", limit, truncate=truncate)
        body.add(response.content)
        return body.body()
    body = BoundedBody(response.headers.get("content-encoding", ""), limit, truncate=truncate)
    # Raw bytes, decoded here: httpx would inflate each chunk whole, whatever it grows to.
    async for chunk in response.aiter_raw():
        if not body.add(chunk):
            break
    return body.body()
