"""Optimization Lab's checker worker: runs a learner's optimizer functions on values sent by the extension.

Spoken to over JSON lines on stdin/stdout (the TypeScript side is src/checker/protocol.ts). Only the function
definitions a check needs, the top-level imports and literal constants they use are taken from the learner's
source with `ast`; nothing else of the file runs (no training loop at module level). The time limit is enforced
by the extension, which kills this process; the memory limit is set here with RLIMIT_AS.

Usage: python3 harness.py [--memory-mb N]
"""

import os
import sys

# One BLAS thread: the machine is shared, the arrays are tiny, and each thread reserves address space that
# would count against the memory limit.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import json  # noqa: E402

from optlab_wire import array_from_bytes, decode_value, encode_value, WireError  # noqa: E402
from optlab_program import load_program, LEARNER_FILENAME  # noqa: E402
from optlab_capture import captured_output  # noqa: E402
from optlab_facts import result_facts  # noqa: E402

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


def set_memory_limit(extra_mb):
    """Address space now plus `extra_mb`: Python and numpy alone take ~100-150 MiB of it."""
    try:
        import resource
    except ImportError:  # Windows: no RLIMIT_AS
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


class Worker:
    def __init__(self, protocol, np):
        self.protocol = protocol
        self.np = np
        self.program = None
        self.stored = {}

    def handle(self, request):
        kind = request.get("type")
        rid = request.get("id")
        if kind == "load":
            self.program = load_program(request["source"])
            return {"id": rid, "type": "loaded", "functions": self.program.functions()}
        if kind == "store":
            # Read straight into numpy's memory: a 14 MB bytes object and its copy cost two rounds of fresh pages,
            # which numpy's allocator (transparent huge pages) makes cheaper.
            raw = self.protocol.read_into(self.np.empty(int(request["byteLength"]), dtype=self.np.uint8))
            self.stored[request["key"]] = array_from_bytes(raw, request["dtype"], request["shape"], self.np)
            return {"id": rid, "type": "stored"}
        if kind == "call":
            return self.call(rid, request)
        return {"id": rid, "type": "failed", "message": "unknown request type %r" % (kind,)}

    def call(self, rid, request):
        if self.program is None:
            return {"id": rid, "type": "failed", "message": "call before load"}
        name = request["function"]
        args = [decode_value(a, self.np, self.stored) for a in request.get("args", [])]
        kwargs = {k: decode_value(v, self.np, self.stored) for k, v in request.get("kwargs", {}).items()}
        with captured_output() as output:
            try:
                function = self.program.instantiate(name, self.np)
                result = function(*args, **kwargs)
            except BaseException as error:  # noqa: B902 - SystemExit and KeyboardInterrupt from learner code too
                return {
                    "id": rid,
                    "type": "raised",
                    "error": self.program.describe_exception(error),
                    "output": output.text(),
                }
        try:
            value = encode_value(result, self.np, digests=request.get("sameDigests"))
        except (WireError, MemoryError) as error:
            return {
                "id": rid,
                "type": "raised",
                "error": {"type": type(error).__name__, "message": str(error), "line": None, "traceback": ""},
                "output": output.text(),
            }
        response = {"id": rid, "type": "returned", "value": value, "output": output.text()}
        facts = result_facts(result, self.np)
        if facts:
            response["facts"] = facts
        if request.get("again"):
            response["again"] = self.call_again(function, request, args)
            if request.get("_changed"):
                response["changedInputs"] = request["_changed"]
        return response

    def call_again(self, function, request, used):
        """The same function object called once more on fresh copies of the inputs: what a learner's notebook
        does every step. A default argument or a global that keeps state shows as another result. The first
        call's positional inputs are compared with fresh copies too: "changed" lists those it modified."""
        args = [decode_value(a, self.np, self.stored) for a in request.get("args", [])]
        kwargs = {k: decode_value(v, self.np, self.stored) for k, v in request.get("kwargs", {}).items()}
        changed = [i for i, (a, b) in enumerate(zip(used, args)) if not _same_input(a, b, self.np)]
        if changed:
            request["_changed"] = changed
        with captured_output():
            try:
                result = function(*args, **kwargs)
            except BaseException as error:  # noqa: B902
                return {"t": "other", "type": "raised", "repr": "%s: %s" % (type(error).__name__, error)}
        try:
            return encode_value(result, self.np, digests=request.get("sameDigests"))
        except (WireError, MemoryError) as error:
            return {"t": "other", "type": "raised", "repr": "%s: %s" % (type(error).__name__, error)}


def _same_input(a, b, np):
    """Whether a call left input `a` as its fresh copy `b` is (arrays and dicts of arrays, bit for bit)."""
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        return bool(np.array_equal(a, b, equal_nan=True) if a.dtype.kind in "fc" else np.array_equal(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_input(a[k], b[k], np) for k in b)
    return True


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
    memory_limit = set_memory_limit(parse_args(sys.argv[1:]))
    protocol.send({
        "type": "ready",
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "executable": sys.executable,
        "memoryLimitBytes": memory_limit,
        "learnerFilename": LEARNER_FILENAME,
    })
    worker = Worker(protocol, np)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
