"""Reading one large JSON object a member at a time, and one array member's
items one at a time, so importing a big export never holds all of it in memory.

Only the outer object is walked by hand; every value is decoded by the json
module (`raw_decode`), so what is accepted is exactly JSON.
"""
from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import IO

CHUNK = 64 * 1024
WHITESPACE = " \t\n\r"


class JSONStreamError(ValueError):
    pass


class JSONObjectReader:
    """Walks `{"key": value, ...}` from a binary stream (UTF-8, BOM allowed)."""

    def __init__(self, stream: IO[bytes]):
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._chunk = CHUNK
        self._json = json.JSONDecoder()

    # -- buffer --------------------------------------------------------------------
    def _fill(self) -> bool:
        if self._eof:
            return False
        data = self._stream.read(self._chunk)
        try:
            text = self._decoder.decode(data or b"", final=not data)
        except UnicodeDecodeError as exc:
            raise JSONStreamError(f"the file is not UTF-8 text ({exc.reason})") from exc
        if not data:
            self._eof = True
        self._buf = self._buf[self._pos:] + text
        self._pos = 0
        return bool(data) or bool(text)

    def _peek(self) -> str:
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in WHITESPACE:
                self._pos += 1
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._fill():
                raise JSONStreamError("the file ends too early")

    def _expect(self, char: str) -> None:
        if self._peek() != char:
            raise JSONStreamError(f"expected {char!r} at character {self._pos} of the current chunk")
        self._pos += 1

    def _value(self):
        self._peek()
        while True:
            try:
                value, end = self._json.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                if self._eof:
                    raise JSONStreamError(f"invalid JSON: {exc.msg}") from exc
                self._chunk = min(self._chunk * 2, 16 * 1024 * 1024)  # long values: fewer retries
                self._fill()
                continue
            if end == len(self._buf) and not self._eof:
                self._fill()  # a number or literal may go on in the next chunk
                continue
            self._pos = end
            self._chunk = CHUNK
            return value

    # -- structure ------------------------------------------------------------------
    def members(self, streamed: str) -> Iterator[tuple[str, object]]:
        """(key, value) for each member; the array under `streamed` comes as
        (streamed, item) once per item instead of as one value."""
        self._expect("{")
        if self._peek() == "}":
            self._pos += 1
            return
        while True:
            key = self._value()
            if not isinstance(key, str):
                raise JSONStreamError("object keys must be strings")
            self._expect(":")
            if key == streamed and self._peek() == "[":
                self._pos += 1
                yield from ((key, item) for item in self._items())
            else:
                yield key, self._value()
            nxt = self._peek()
            self._pos += 1
            if nxt == "}":
                break
            if nxt != ",":
                raise JSONStreamError("expected ',' or '}' between members")
        try:
            self._peek()
        except JSONStreamError:
            return  # only whitespace after the object
        raise JSONStreamError("unexpected data after the JSON object")

    def _items(self) -> Iterator[object]:
        if self._peek() == "]":
            self._pos += 1
            return
        while True:
            yield self._value()
            nxt = self._peek()
            self._pos += 1
            if nxt == "]":
                return
            if nxt != ",":
                raise JSONStreamError("expected ',' or ']' between array items")
