"""What runs in the fresh process the harness forks for one function's check (its cases, one after another).

The harness forks the child before its call is known (while the previous call runs), so it is ready at once:
it enters its walls (_isolate, a memory limit, optlab_sandbox.install_filter), then reads its call (the source,
the function, the inputs) from one pipe, runs the function and writes one answer on another (see _send); the
same function's next case may follow on the same pipe (a `session`), on fresh copies of the inputs. Stored
inputs and the parsed program come by inheritance. Nothing here is trusted by the harness: learner code runs in this process and could rewrite
any of it, so the harness validates the message and compares nothing itself (the extension does).
"""

import json
import os
import traceback
import sys

import optlab_sandbox
from optlab_capture import captured_output
from optlab_facts import result_facts
from optlab_program import load_program
from optlab_wire import MAX_RESULT_BYTES, Blobs, WireError, array_bytes, decode_value, encode_value, megabytes

_exit = os._exit
_write = os.write


def _write_all(fd, data):
    view = memoryview(data).cast("B")
    while view:
        written = _write(fd, view)
        view = view[written:]


def _frame(message):
    data = json.dumps(message, allow_nan=False).encode("utf-8")
    return len(data).to_bytes(8, "little") + (0).to_bytes(8, "little") + data


def _send(fd, message, blobs=None):
    """An 8-byte length of the JSON, an 8-byte length of the arrays' bytes, the JSON, the bytes."""
    data = json.dumps(message, allow_nan=False).encode("utf-8")
    size = blobs.size if blobs is not None else 0
    _write_all(fd, len(data).to_bytes(8, "little") + size.to_bytes(8, "little") + data)
    for array in blobs.arrays if blobs is not None else ():
        if array.nbytes:
            _write_all(fd, array)


def _isolate(own_fds):
    os.setpgid(0, 0)
    optlab_sandbox.die_with_parent()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    # No pipe of the harness's (its requests, its answers to the editor) stays open here.
    keep = sorted({0, 1, 2, *own_fds})
    for low, high in zip(keep, keep[1:] + [1 << 16]):
        os.closerange(low + 1, high)
    sys.stdin = open(os.devnull, "r")


class _Pristine:
    """The stored inputs as copies: a later call in the same process gets them as they were before an earlier
    call of the session changed them in place."""

    def __init__(self, stored):
        self._stored = stored

    def __contains__(self, key):
        return key in self._stored

    def __getitem__(self, key):
        return self._stored[key].copy()


def serve(go_fd, result_fd, program, stored, np, memory_mb, set_memory_limit, use_filter):
    """Isolates this process, then answers calls from `go_fd` on `result_fd`: one, or one after another while
    they are marked `session` (one function's cases; the harness ends the process when the check is over).
    Never returns."""
    out_of_memory = b""
    try:
        _isolate((go_fd, result_fd))
        set_memory_limit(memory_mb)
        filtered = use_filter and optlab_sandbox.install_filter()
        # Said without allocating if the call leaves no memory to say anything else (a list an endless loop filled).
        out_of_memory = _frame({"type": "raised", "output": "", "error": {
            "type": "MemoryError", "line": None, "traceback": "",
            "message": "the function used more memory than the limit (%d MiB on top of Python and numpy) allows" % memory_mb}})
        while True:
            try:
                go = json.loads(_read_message(go_fd).decode("utf-8"))
            except EOFError:  # the session is over
                break
            if program is None or program.source != go["source"]:
                program = load_program(go["source"])
            # A lone call may change the inherited inputs in place (they are this process's own copy); a session's
            # calls get copies, so that the next case sees them as they were.
            inputs = _Pristine(stored) if go.get("session") else stored
            args = [decode_value(a, np, inputs) for a in go["args"]]
            kwargs = {k: decode_value(v, np, inputs) for k, v in go["kwargs"].items()}
            blobs = Blobs()
            fresh = (lambda: ([decode_value(a, np, inputs) for a in go["args"]],
                              {k: decode_value(v, np, inputs) for k, v in go["kwargs"].items()})) if go.get("again") else None
            message = call(program, go["function"], args, kwargs, np, memory_mb, blobs, fresh)
            message["filtered"] = filtered
            _send(result_fd, message, blobs if message["type"] == "returned" else None)
            if not go.get("session"):
                break
            del args, kwargs, blobs, fresh, message
    except MemoryError:
        try:
            _write_all(result_fd, out_of_memory)
        except BaseException:  # noqa: B902
            pass
    except BaseException as error:  # noqa: B902 - whatever happens, say something and end
        try:
            _send(result_fd, {"type": "raised", "output": "", "error": {
                "type": "CheckerError", "line": None, "traceback": "",
                "message": "the checker could not run this call (%s)" % type(error).__name__}})
        except BaseException:  # noqa: B902
            pass
    finally:
        _exit(0)


def _read_message(fd):
    def exactly(n):
        parts, got = [], 0
        while got < n:
            chunk = os.read(fd, min(n - got, 1 << 20))
            if not chunk:
                raise EOFError("the harness closed the pipe")
            parts.append(chunk)
            got += len(chunk)
        return b"".join(parts)

    return exactly(int.from_bytes(exactly(8), "little"))


def call(program, name, args, kwargs, np, memory_mb, blobs, fresh=None):
    """Calls the learner's function; with `fresh` (a maker of new copies of the inputs), calls the same function
    object a second time on them, as a notebook's next step would (state kept between calls shows), and lists
    the inputs the first call changed in place."""
    with captured_output() as output:
        try:
            function = program.instantiate(name, np)
            result = function(*args, **kwargs)
        except BaseException as error:  # noqa: B902 - SystemExit and KeyboardInterrupt from learner code too
            if isinstance(error, MemoryError):
                # The frames' locals hold what filled the memory (a list an endless loop grew): free them first,
                # or describing the error needs memory there is none of, and the call ends without an answer.
                traceback.clear_frames(error.__traceback__)
            return {"type": "raised", "error": program.describe_exception(error, memory_mb), "output": output.text()}
        try:
            size = array_bytes(result, np)
            if size > MAX_RESULT_BYTES:
                return {"type": "too-large", "bytes": size, "output": output.text()}
            value = encode_value(result, np, blobs=blobs)
        except WireError as error:
            return {"type": "unusable", "message": str(error), "output": output.text()}
        except MemoryError:
            return {"type": "unusable", "output": output.text(),
                    "message": "the returned value could not be prepared for comparison within the memory limit "
                               "(%d MiB)" % memory_mb}
        except RecursionError:
            return {"type": "unusable", "message": "the returned value is nested too deeply", "output": output.text()}
        except BaseException as error:  # noqa: B902 - a learner's object that breaks len(), iteration, ...
            return {"type": "unusable", "output": output.text(),
                    "message": "the returned value could not be read (%s while encoding it)" % type(error).__name__}
        message = {"type": "returned", "value": value}
        try:
            facts = result_facts(result, np)
            if facts:
                message["facts"] = facts
            if fresh is not None:
                again_args, again_kwargs = fresh()
                changed = [i for i, (a, b) in enumerate(zip(args, again_args)) if not _same_input(a, b, np)]
                if changed:
                    message["changedInputs"] = changed
                try:
                    second = function(*again_args, **again_kwargs)
                    message["again"] = encode_value(second, np, blobs=blobs)
                except BaseException as error:  # noqa: B902 - the second call is evidence only
                    message["again"] = {"t": "other", "type": "raised", "repr": "%s: %s" % (type(error).__name__, str(error)[:200])}
        except BaseException:  # noqa: B902 - facts and the second call are evidence only; the first result stands
            pass
        text = output.text()
    message["output"] = text
    return message


def _same_input(a, b, np):
    """Whether a call left input `a` as its fresh copy `b` is (arrays and dicts of arrays, bit for bit)."""
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        return bool(np.array_equal(a, b, equal_nan=True) if a.dtype.kind in "fc" else np.array_equal(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_input(a[k], b[k], np) for k in b)
    return True


__all__ = ["serve", "call"]
