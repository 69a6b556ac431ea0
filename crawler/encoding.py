"""Turning page bytes into text without mangling non-UTF-8 pages.

The order is the web's own: a byte-order mark, the HTTP charset, the page's `<meta charset>`, and only
then a guess by charset-normalizer. A declared charset that does not decode the bytes is a lie and is
skipped, so a windows-1251 page served as "utf-8" still reads as Russian, not as replacement marks.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_NOT_PAGE_CODECS = {"utf-7", "idna", "punycode", "unicode-escape", "raw-unicode-escape", "palmos", "mbcs"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def meta_charset(body: bytes) -> str | None:
    """The charset a page declares in its first few kilobytes (`<meta charset>` or http-equiv)."""
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """The text of an HTML page; see the module docstring for the order of evidence."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body.decode(encoding, errors="replace")
    for declared in (header_charset(content_type), meta_charset(body)):
        text = _strict_decode(body, declared)
        if text is not None:
            return text
    best = charset_normalizer.from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        return body.decode(best.encoding, errors="replace")
    return body.decode("utf-8", errors="replace")


def _strict_decode(body: bytes, encoding: str | None) -> str | None:
    codec = _page_codec(encoding)
    if codec is None:
        return None
    # UTF-16 and UTF-32 decode almost any even-length bytes; without a BOM they are believed only
    # when the page has the zero bytes their ASCII markup must contain.
    if codec.startswith(("utf-16", "utf-32")) and b"\x00" not in body[:1024]:
        return None
    try:
        return body.decode(codec)
    except UnicodeDecodeError:
        return None


def _page_codec(encoding: str | None) -> str | None:
    """The Python codec of a declared charset, or None when no browser would decode a page with it."""
    if not encoding:
        return None
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        return None
    # "charset=rot13" or "base64" name byte transforms, not text encodings; utf-7 and the escape
    # codecs are text encodings no browser honours, a way to smuggle markup past a filter.
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_PAGE_CODECS:
        return None
    # Browsers read "iso-8859-1" as windows-1252; so do we, so curly quotes survive.
    return "cp1252" if info.name in ("latin-1", "iso8859-1", "ascii") else info.name
