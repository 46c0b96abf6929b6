"""Captures what learner code prints, keeping only the first part so a print in a loop cannot flood anything."""

import contextlib
import io
import sys

OUTPUT_LIMIT = 4000


class CappedText(io.TextIOBase):
    def __init__(self, limit=OUTPUT_LIMIT):
        super().__init__()
        self._parts = []
        self._kept = 0
        self._dropped = 0
        self._limit = limit

    def writable(self):
        return True

    def write(self, text):
        text = str(text)
        room = self._limit - self._kept
        if room > 0:
            self._parts.append(text[:room])
            self._kept += min(room, len(text))
        self._dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def text(self):
        out = "".join(self._parts)
        if self._dropped:
            out += "\n... (%d more characters not shown)" % self._dropped
        return out


@contextlib.contextmanager
def captured_output():
    """stdout and stderr (also warnings, which go to stderr) into one capped buffer."""
    buffer = CappedText()
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = buffer
    try:
        yield buffer
    finally:
        sys.stdout, sys.stderr = saved
