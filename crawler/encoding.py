"""Turning page bytes into text without mangling non-UTF-8 pages.

The order is the web's own: a byte-order mark, the HTTP charset, the page's `<meta charset>`, and only
then a guess by charset-normalizer. A declared charset that does not decode the bytes is a lie and is
skipped, so a windows-1251 page served as "utf-8" still reads as Russian, not as replacement marks.
The reverse lie, a UTF-8 page still declaring a single-byte charset, is caught by the bytes being valid
UTF-8 with multi-byte sequences, which legacy text with accents almost never is by chance.
"""

from __future__ import annotations

import codecs
import functools
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
            if _single_byte(_page_codec(declared)) and (utf8 := _utf8_with_non_ascii(body)) is not None:
                # A page re-saved as UTF-8 that still declares its old charset: the declared one would
                # turn every accented letter into two (`Ã©`), while real legacy text with accents is
                # almost never valid UTF-8 by chance.
                return utf8
            return text
    best = charset_normalizer.from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        return body.decode(best.encoding, errors="replace")
    return body.decode("utf-8", errors="replace")


def _utf8_with_non_ascii(body: bytes) -> str | None:
    """The body as UTF-8 when it holds multi-byte UTF-8 sequences and nothing invalid, else None."""
    if body.isascii():
        return None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


@functools.cache
def _single_byte(codec: str | None) -> bool:
    """Whether a codec maps every byte to one character (windows-1252, ISO 8859, KOI8 ...)."""
    if codec is None or codec.startswith(("utf", "cp65001")):
        return False
    try:
        return len(bytes(range(256)).decode(codec, errors="replace")) == 256 and codec not in _MULTI_BYTE
    except LookupError:
        return False


# Multi-byte codecs whose decoders may still give one character per byte of this probe.
_MULTI_BYTE = frozenset(
    {"shift_jis", "euc_jp", "gb2312", "gbk", "gb18030", "big5", "euc_kr", "cp949", "cp932", "iso2022_jp"}
)


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
