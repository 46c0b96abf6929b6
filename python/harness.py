"""Optimization Lab's checker worker: runs a learner's optimizer functions on values sent by the extension.

Spoken to over JSON lines on stdin/stdout (the TypeScript side is src/checker/protocol.ts). Only the function
definitions a check needs, the top-level imports and literal constants they use are taken from the learner's
source with `ast`; nothing else of the file runs (no training loop at module level).

Threat model (docs/guide/checker.md, "Safety"): learner code may do anything Python allows. It never runs in
this process. Every call runs in a child forked for it alone (a clean copy of this warm, numpy-loaded process:
nothing one call or one file changes is seen by the next), in its own process group, with no pipe of ours but
the one it answers on, behind a seccomp filter where Linux has one (optlab_sandbox). This process enforces the
time limit and, from outside, the memory limit (the child's resident size), checks the answer's shape
(optlab_wire.validate_value) and ends the child's whole process group after every call. It never compares: the
expected values live only in the extension, which compares what arrives. A learner's process can therefore only
make a check pass by returning the right values.

Usage: python3 harness.py [--memory-mb N]
"""

import os
import sys

# One BLAS thread: the machine is shared, the arrays are tiny, and each thread reserves address space that
# would count against the memory limit.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import copy  # noqa: E402
import json  # noqa: E402
import select  # noqa: E402
import signal  # noqa: E402
import time  # noqa: E402

import optlab_child  # noqa: E402
import optlab_sandbox  # noqa: E402
from optlab_wire import MAX_RESULT_BYTES, Blobs, array_from_bytes, decode_value, megabytes, validate_value, WireError  # noqa: E402,E501
from optlab_program import load_program, LEARNER_FILENAME, MESSAGE_LIMIT  # noqa: E402
from optlab_capture import OUTPUT_LIMIT  # noqa: E402

# The learner's imports must not find the harness's own modules.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

MIN_PYTHON = (3, 8)


class Protocol:
    """The private copies of stdin/stdout: fd 0 and 1 are pointed elsewhere so learner code cannot touch them."""

    def __init__(self):
        self._in = os.fdopen(os.dup(0), "rb")
        self._out = os.fdopen(os.dup(1), "wb")
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, 0)
        os.dup2(2, 1)  # C-level writes to fd 1 (a stray printf) land on stderr, which the extension ignores
        sys.stdin = open(os.devnull, "r")
        sys.stdout = sys.stderr

    def send(self, message):
        self._out.write(json.dumps(message, allow_nan=False).encode("utf-8") + b"\n")
        self._out.flush()

    def messages(self):
        while True:
            line = self._in.readline()
            if not line:
                return
            if line.strip():
                yield line

    def read_into(self, buffer):
        """Fills `buffer` (a writable uint8 array) with the raw bytes that follow a request line that announces them."""
        view = memoryview(buffer)
        n = len(view)
        got = 0
        while got < n:
            count = self._in.readinto(view[got:])
            if not count:
                break
            got += count
        if got != n:
            raise WireError("expected %d bytes after the request, got %d" % (n, got))
        return buffer


try:
    import resource  # imported here, once, not in every forked child
except ImportError:  # Windows: no RLIMIT_AS
    resource = None


def set_memory_limit(extra_mb):
    """(In a call's child) address space now plus `extra_mb`: Python and numpy alone take ~100-150 MiB of it."""
    if resource is None:
        return None
    current = 0
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    current = int(line.split()[1]) * 1024
    except OSError:
        pass
    limit = current + extra_mb * 1024 * 1024
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        return None
    return limit


def parse_args(argv):
    memory_mb = 1024
    i = 0
    while i < len(argv):
        if argv[i] == "--memory-mb" and i + 1 < len(argv):
            memory_mb = int(argv[i + 1])
            i += 1
        i += 1
    return memory_mb


MAX_SOURCE_CHARS = 4 * 1024 * 1024
# The longest a call may take when the extension gives no limit (it always does; this is a backstop).
DEFAULT_CALL_TIMEOUT_S = 60.0
# How often the memory watchdog looks at the child's resident size.
WATCH_INTERVAL_S = 0.02
# A child's answer: its JSON (small: arrays travel as raw bytes after it) and the arrays' bytes.
MAX_MESSAGE_BYTES = MAX_RESULT_BYTES + 16 * 1024 * 1024


def _text(value, limit):
    if not isinstance(value, str):
        return ""
    return value if len(value) <= limit else value[:limit] + "... (%d more characters not shown)" % (len(value) - limit)


def _widen_pipe(fd):
    """A 1 MiB pipe (Linux) instead of 64 KiB: a 15 MB answer in 15 reads, not 230."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass


def _filter_works():
    """Whether a forked child can install the syscall filter here (a container may forbid it)."""
    pid = os.fork()
    if pid == 0:
        os._exit(0 if optlab_sandbox.install_filter() else 1)
    _, status = os.waitpid(pid, 0)
    return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def _signal_name(number):
    try:
        return signal.Signals(number).name
    except ValueError:
        return "signal %d" % number


class _AnswerReader:
    """An answer as optlab_child._send writes it: two 8-byte lengths (JSON, array bytes), the JSON, the bytes;
    read into one buffer allocated once the lengths are known (and within MAX_MESSAGE_BYTES)."""

    def __init__(self):
        self.head = b""
        self.buffer = None
        self.got = 0
        self.json_size = 0
        self.eof = False
        self.too_large = None

    def read(self, fd):
        if self.buffer is None:
            chunk = os.read(fd, 16 - len(self.head))
            if not chunk:
                self.eof = True
                return
            self.head += chunk
            if len(self.head) == 16:
                self.json_size = int.from_bytes(self.head[:8], "little")
                total = self.json_size + int.from_bytes(self.head[8:], "little")
                if total > MAX_MESSAGE_BYTES:
                    self.too_large = total
                    return
                self.buffer = bytearray(total)
            return
        if self.got == len(self.buffer):
            return
        count = os.readv(fd, [memoryview(self.buffer)[self.got:]])
        if count == 0:
            self.eof = True
        self.got += count

    def complete(self):
        return self.buffer is not None and self.got == len(self.buffer)

    def answer(self):
        view = memoryview(self.buffer)
        return bytes(view[:self.json_size]), view[self.json_size:]


class _Child:
    """A forked child waiting for its call on `go_fd`, answering on `result_fd`."""

    def __init__(self, pid, go_fd, result_fd, stored_version, rss_limit):
        self.pid = pid
        self.go_fd = go_fd
        self.result_fd = result_fd
        self.stored_version = stored_version
        self.rss_limit = rss_limit
        self.status = None

    def alive(self):
        try:
            done, status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:  # already reaped (optlab_sandbox.reap takes any child that ended)
            return False
        if done:
            self.status = status
        return not done

    def wait_status(self):
        if self.status is None:
            try:
                _, self.status = os.waitpid(self.pid, 0)
            except ChildProcessError:
                self.status = 0
        return self.status

    def start(self, go, more=False):
        """Sends the call (the function, its wire-encoded inputs, the source); False when the child is gone.
        Unless `more` calls of its session may follow, the pipe is closed: the child makes this one call."""
        data = json.dumps(go).encode("utf-8")
        try:
            _write_all(self.go_fd, len(data).to_bytes(8, "little") + data)
            return True
        except OSError:
            return False
        finally:
            if not more:
                os.close(self.go_fd)
                self.go_fd = None

    def close(self):
        for fd in (self.go_fd, self.result_fd):
            if fd is not None:
                os.close(fd)
        self.go_fd = self.result_fd = None


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class Worker:
    def __init__(self, protocol, np, memory_mb):
        self.protocol = protocol
        self.np = np
        self.memory_mb = memory_mb
        self.program = None
        self.stored = {}
        self.stored_version = 0
        self.spare = None
        # The process of the session whose calls run one after another in it (one function's check): (id, child).
        self.session = None
        self.can_fork = hasattr(os, "fork")
        self.has_proc = os.path.isdir("/proc/self")
        # OPTLAB_CHECKER_NO_SYSCALL_FILTER=1 is for tests of the other walls (and for systems where the filter breaks).
        self.filter_works = (self.can_fork and optlab_sandbox.filter_supported()
                             and os.environ.get("OPTLAB_CHECKER_NO_SYSCALL_FILTER") != "1" and _filter_works())

    def handle(self, request):
        kind = request.get("type")
        rid = request.get("id")
        if kind == "load":
            source = request["source"]
            if not isinstance(source, str) or len(source) > MAX_SOURCE_CHARS:
                return {"id": rid, "type": "failed", "message": "the source is larger than %d characters" % MAX_SOURCE_CHARS}
            self.program = load_program(source)
            return {"id": rid, "type": "loaded", "functions": self.program.functions()}
        if kind == "store":
            # Read straight into numpy's memory: a 14 MB bytes object and its copy cost two rounds of fresh pages,
            # which numpy's allocator (transparent huge pages) makes cheaper.
            raw = self.protocol.read_into(self.np.empty(int(request["byteLength"]), dtype=self.np.uint8))
            self.stored[request["key"]] = array_from_bytes(raw, request["dtype"], request["shape"], self.np)
            self.stored_version += 1
            self.end_session()  # its process holds the inputs as they were
            return {"id": rid, "type": "stored"}
        if kind == "call":
            return self.call(rid, request)
        if kind == "release":
            if self.session is not None and self.session[0] == request.get("session"):
                self.end_session()
            return {"id": rid, "type": "released"}
        return {"id": rid, "type": "failed", "message": "unknown request type %r" % (kind,)}

    def call(self, rid, request):
        if self.program is None:
            return {"id": rid, "type": "failed", "message": "call before load"}
        go = {
            "source": self.program.source,
            "function": request["function"],
            "args": request.get("args", []),
            "kwargs": request.get("kwargs", {}),
            "again": bool(request.get("again")),
        }
        digests = request.get("sameDigests") or {}
        nonce = request.get("nonce")
        if not (isinstance(nonce, str) and len(nonce) == 32 and all(c in "0123456789abcdef" for c in nonce)):
            nonce = None
        timeout_ms = request.get("timeoutMs")
        timeout_s = timeout_ms / 1000.0 if isinstance(timeout_ms, (int, float)) and timeout_ms > 0 else DEFAULT_CALL_TIMEOUT_S
        if not self.can_fork:
            return self.call_in_process(rid, go, digests, nonce)
        session = request.get("session")
        session = session if isinstance(session, str) and session else None
        go["session"] = session is not None
        child = self.take_session(session) or self.take_spare()
        if not self.filter_works:
            # Where a call could kill this process, the extension must be able to end the call's group itself.
            # (Behind the filter it cannot, and the child dies with this process: PR_SET_PDEATHSIG.)
            self.protocol.send({"type": "running", "id": rid, "pgid": child.pid})
        outcome = ("exited", None)
        try:
            started = child.start(go, more=session is not None)
            if self.spare is None:
                # The next new process is forked now, while this call runs (on another core, if there is one).
                self.spare = self.fork_child()
            outcome = self.watch(child.pid, child.result_fd, time.monotonic() + timeout_s, child.rss_limit) \
                if started else ("exited", child.wait_status())
        finally:
            if session is not None and outcome[0] == "message":
                self.session = (session, child)  # the function's next case runs in it
            else:
                child.close()
                self.end_child(child.pid)
        return self.response(rid, outcome, digests, nonce, timeout_s)

    def take_session(self, session):
        """The process kept for `session` when it is alive and holds the current inputs; any other kept one ends."""
        kept = self.session
        if kept is None:
            return None
        if kept[0] == session and kept[1].stored_version == self.stored_version and kept[1].alive():
            self.session = None
            return kept[1]
        self.end_session()
        return None

    def end_session(self):
        if self.session is not None:
            child = self.session[1]
            self.session = None
            child.close()
            self.end_child(child.pid)

    def call_in_process(self, rid, go, digests, nonce):
        """Where there is no fork (Windows): the call runs in this process, on copies of the inputs, and the
        extension's deadline (it kills this process) is the time limit. Weaker walls: docs/guide/checker.md."""
        args = copy.deepcopy([decode_value(a, self.np, self.stored) for a in go["args"]])
        kwargs = copy.deepcopy({k: decode_value(v, self.np, self.stored) for k, v in go["kwargs"].items()})
        blobs = Blobs()
        fresh = (lambda: (copy.deepcopy([decode_value(a, self.np, self.stored) for a in go["args"]]),
                          copy.deepcopy({k: decode_value(v, self.np, self.stored) for k, v in go["kwargs"].items()}))) \
            if go.get("again") else None
        message = optlab_child.call(self.program, go["function"], args, kwargs, self.np, self.memory_mb, blobs, fresh)
        blob = b"".join(self.np.ascontiguousarray(a).tobytes() for a in blobs.arrays)
        try:
            return self.validated(rid, json.loads(json.dumps(message, allow_nan=False)), digests, nonce, memoryview(blob))
        except (ValueError, TypeError, KeyError, WireError, RecursionError) as error:
            return {"id": rid, "type": "ended", "reason": "unreadable", "output": "",
                    "message": "the function's answer cannot be read (%s)" % _text(str(error), 200)}

    def take_spare(self):
        """The waiting child, when it was forked with every stored input there is now; a fresh one otherwise."""
        spare, self.spare = self.spare, None
        if spare is not None and spare.stored_version == self.stored_version and spare.alive():
            return spare
        if spare is not None:
            spare.close()
            self.end_child(spare.pid)
        return self.fork_child()

    def fork_child(self):
        """A child that isolates itself at once and then waits for its call (optlab_child.serve)."""
        own = optlab_sandbox.resident_bytes(os.getpid())
        rss_limit = None if own is None else own + self.memory_mb * 1024 * 1024
        go_read, go_write = os.pipe()
        result_read, result_write = os.pipe()
        _widen_pipe(result_read)
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(go_write)
            os.close(result_read)
            optlab_child.serve(go_read, result_write, self.program, self.stored, self.np, self.memory_mb,
                               set_memory_limit, self.filter_works)
        os.close(go_read)
        os.close(result_write)
        try:
            os.setpgid(pid, pid)  # also done by the child; whichever comes first
        except OSError:
            pass
        return _Child(pid, go_write, result_read, self.stored_version, rss_limit)

    def close(self):
        self.end_session()
        if self.spare is not None:
            self.spare.close()
            self.end_child(self.spare.pid)
            self.spare = None

    def watch(self, pid, fd, deadline, rss_limit):
        """Reads the child's answer until it is complete, the child ends, the time is up or it uses too much
        memory. Returns (kind, detail): ("message", (json bytes, blob)), ("timeout" | "memory", None),
        ("too-large", size) or ("exited", wait status)."""
        reader = _AnswerReader()
        status = None
        next_watch = 0.0
        while True:
            now = time.monotonic()
            if now >= deadline:
                return ("timeout", None)
            if now >= next_watch and rss_limit is not None:
                next_watch = now + WATCH_INTERVAL_S
                # With the filter the child cannot start processes: its own size is the whole tree's.
                used = (optlab_sandbox.resident_bytes(pid) or 0) if self.filter_works else optlab_sandbox.group_resident_bytes(pid)
                if used > rss_limit:
                    return ("memory", None)
            if not reader.eof:
                ready, _, _ = select.select([fd], [], [], min(WATCH_INTERVAL_S, max(0.0, deadline - now)))
                if ready:
                    reader.read(fd)
            else:
                time.sleep(WATCH_INTERVAL_S / 4)
            if reader.too_large is not None:
                return ("too-large", reader.too_large)
            if reader.complete():
                return ("message", reader.answer())
            if status is None:
                done, code = os.waitpid(pid, os.WNOHANG)
                if done:
                    status = code
            if status is not None:
                # Gone: whatever is still in the pipe is all there is (a process it started may hold the pipe open).
                while not reader.eof and reader.too_large is None and not reader.complete():
                    ready, _, _ = select.select([fd], [], [], 0)
                    if not ready:
                        break
                    reader.read(fd)
                if reader.complete():
                    return ("message", reader.answer())
                return ("exited", status)

    def end_child(self, pid):
        """Ends the child's process group, reaps it and, without the syscall filter, every process it started
        (orphans come to us: we are their subreaper)."""
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
        if not self.filter_works and self.has_proc:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
            optlab_sandbox.end_descendants(spare=self.spare.pid if self.spare is not None else None)
        else:
            # It cannot have started anything, and it is dead once SIGKILL lands: its address space is torn down
            # (several ms) while the answer goes out; reaped here or at the next call.
            optlab_sandbox.reap()

    def response(self, rid, outcome, digests, nonce, timeout_s):
        kind, detail = outcome
        if kind == "timeout":
            return {"id": rid, "type": "ended", "reason": "timeout", "output": "",
                    "message": "did not finish within %g s" % timeout_s}
        if kind == "memory":
            return {"id": rid, "type": "ended", "reason": "memory", "output": "",
                    "message": "MemoryError: the function used more than the memory limit (%d MiB on top of Python "
                               "and numpy) and was stopped" % self.memory_mb}
        if kind == "too-large":  # only an answer written by hand announces more than the child's own check allows
            return {"id": rid, "type": "ended", "reason": "unreadable", "output": "",
                    "message": "the function's process announced an answer of %s; the checker reads at most %s"
                               % (megabytes(detail), megabytes(MAX_MESSAGE_BYTES))}
        if kind == "exited":
            if os.WIFSIGNALED(detail):
                how = "was killed (%s)" % _signal_name(os.WTERMSIG(detail))
            else:
                how = "exited with code %d" % (os.WEXITSTATUS(detail) if os.WIFEXITED(detail) else -1)
            return {"id": rid, "type": "ended", "reason": "exited", "output": "",
                    "message": "the Python process running the function %s" % how}
        try:
            text, blob = detail
            message = json.loads(text.decode("utf-8"))
            return self.validated(rid, message, digests, nonce, blob)
        except (ValueError, TypeError, KeyError, WireError, RecursionError, UnicodeDecodeError) as error:
            return {"id": rid, "type": "ended", "reason": "unreadable", "output": "",
                    "message": "the function's process sent an answer the checker cannot read (%s)"
                               % _text(str(error), 200)}

    def too_large(self, rid, size, output):
        return {"id": rid, "type": "ended", "reason": "too-large", "output": output,
                "message": "the returned value holds about %s of arrays; the checker compares at most %s "
                           "(the notebook's largest result is 15 MB)" % (megabytes(size), megabytes(MAX_RESULT_BYTES))}

    def validated(self, rid, message, digests, nonce, blob):
        if not isinstance(message, dict):
            raise WireError("not an object")
        kind = message.get("type")
        output = _text(message.get("output"), OUTPUT_LIMIT + 100)
        if kind == "returned":
            response = {"id": rid, "type": "returned", "value": validate_value(message["value"], self.np, digests, blob, nonce=nonce),
                        "output": output}
            facts = _facts(message.get("facts"))
            if facts:
                response["facts"] = facts
            if "again" in message:
                response["again"] = validate_value(message["again"], self.np, digests, blob, nonce=nonce)
            changed = message.get("changedInputs")
            if isinstance(changed, list) and changed and all(isinstance(i, int) and not isinstance(i, bool) and 0 <= i < 16 for i in changed[:16]):
                response["changedInputs"] = changed[:16]
            return response
        if kind == "raised":
            error = message["error"]
            if not isinstance(error, dict):
                raise WireError("error")
            line = error.get("line")
            return {"id": rid, "type": "raised", "output": output, "error": {
                "type": _text(error.get("type"), 100) or "Exception",
                "message": _text(error.get("message"), MESSAGE_LIMIT + 100),
                "line": line if isinstance(line, int) and not isinstance(line, bool) and line > 0 else None,
                "traceback": _text(error.get("traceback"), 8000),
            }}
        if kind == "too-large":
            size = message.get("bytes")
            return self.too_large(rid, size if isinstance(size, int) else 0, output)
        if kind == "unusable":
            return {"id": rid, "type": "ended", "reason": "unusable", "output": output,
                    "message": _text(message.get("message"), 500)}
        raise WireError("unknown answer %r" % (_text(str(kind), 40),))


def _facts(facts):
    """The child's facts about its result (optlab_facts), checked field by field: small index lists only."""
    if not isinstance(facts, dict):
        return None
    out = {}
    same = facts.get("sameObject")
    if isinstance(same, list):
        out["sameObject"] = [[int(i), int(j)] for i, j in (p for p in same[:16] if isinstance(p, list) and len(p) == 2)
                             if isinstance(i, int) and isinstance(j, int) and 0 <= i < 8 and 0 <= j < 8]
    shared = facts.get("sharedArrays")
    if isinstance(shared, list):
        out["sharedArrays"] = [[int(p[0]), int(p[1]), _text(p[2], 40)] for p in shared[:16]
                               if isinstance(p, list) and len(p) == 3 and all(isinstance(x, int) and 0 <= x < 8 for x in p[:2])]
    return {k: v for k, v in out.items() if v} or None


def main():
    protocol = Protocol()
    if sys.version_info < MIN_PYTHON:
        protocol.send({
            "type": "fatal",
            "reason": "python-too-old",
            "message": "Python %d.%d is too old; the checker needs Python 3.8 or newer" % sys.version_info[:2],
        })
        return 3
    try:
        import numpy as np
    except ImportError as error:
        protocol.send({"type": "fatal", "reason": "numpy-missing", "message": str(error),
                       "python": sys.version.split()[0], "executable": sys.executable})
        return 3
    memory_mb = parse_args(sys.argv[1:])
    optlab_sandbox.harden_supervisor()
    worker = Worker(protocol, np, memory_mb)
    protocol.send({
        "type": "ready",
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "executable": sys.executable,
        "memoryLimitBytes": memory_mb * 1024 * 1024,
        "learnerFilename": LEARNER_FILENAME,
        "syscallFilter": worker.filter_works,
    })
    for line in protocol.messages():
        rid = None
        try:
            request = json.loads(line)
            rid = request.get("id")
            response = worker.handle(request)
        except MemoryError:
            response = {"id": rid, "type": "failed", "message": "out of memory while handling the request"}
        except (ValueError, KeyError, TypeError, WireError) as error:
            response = {"id": rid, "type": "failed", "message": "%s: %s" % (type(error).__name__, error)}
        protocol.send(response)
    worker.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
