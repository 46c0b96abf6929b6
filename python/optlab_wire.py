"""Lossless values between TypeScript and Python (src/checker/protocol.ts declares the same shapes).

Arrays travel as base64 of their C-order bytes with numpy's dtype string ('<f8', '|b1', ...); floats as JSON
numbers (Python's repr and JavaScript's number-to-string both round-trip exactly) or 'nan' / 'inf' / '-inf'.
"""

import base64
import hashlib
import json
import math

MAX_DEPTH = 12
MAX_ITEMS = 100000
# The notebook's biggest result (its 12288 x 148 mini-batch split) holds 15 MB of arrays.
MAX_RESULT_BYTES = 64 * 1024 * 1024
MAX_STR = 1000
# Arrays at least this big whose float64 bytes have the SHA-1 the extension expects at that place go on as
# {"t": "same"}: a correct 12288 x 148 mini-batch split then costs no transfer to the extension. Only the harness
# computes the digest, from the bytes the learner's process sent; nothing that process says can claim "same".
SAME_MIN_SIZE = 4096
_DTYPES = {"<f8", "<f4", "<f2", "<i8", "<i4", "<i2", "|i1", "<u8", "<u4", "<u2", "|u1", "|b1"}


class WireError(Exception):
    pass


def _float_wire(x):
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def _float_value(v):
    return float(v)  # also the strings 'nan', 'inf', '-inf' and '-0' 


def array_from_bytes(raw, dtype, shape, np):
    """An array sent as raw bytes after a request line (see StoreRequest in protocol.ts); copied only when
    `raw` is read-only (bytes). Calls never change it: each runs in a forked child (decode_value)."""
    array = np.frombuffer(raw, dtype=np.dtype(dtype)).reshape(tuple(shape))
    return array if array.flags.writeable else array.copy()


def decode_value(wire, np, stored):
    """A Python value for one call. A stored array is given as it is: the call runs in a forked child, whose
    in-place updates land on its own copy-on-write pages, never on the harness's."""
    t = wire["t"]
    if t == "ndarray":
        raw = base64.b64decode(wire["data"])
        array = np.frombuffer(raw, dtype=np.dtype(wire["dtype"])).reshape(tuple(wire["shape"]))
        return array.astype(array.dtype.newbyteorder("="), copy=True)
    if t == "ref":
        key = wire["key"]
        if key not in stored:
            raise WireError("no stored value %r" % (key,))
        return stored[key]
    if t == "float":
        return _float_value(wire["v"])
    if t == "int":
        return int(wire["v"])
    if t == "bool":
        return bool(wire["v"])
    if t == "str":
        return str(wire["v"])
    if t == "none":
        return None
    if t == "list":
        return [decode_value(item, np, stored) for item in wire["items"]]
    if t == "tuple":
        return tuple(decode_value(item, np, stored) for item in wire["items"])
    if t == "dict":
        return {decode_value(k, np, stored): decode_value(v, np, stored) for k, v in wire["entries"]}
    raise WireError("cannot decode a value of kind %r" % (t,))


def _short_repr(value):
    try:
        text = repr(value)
    except Exception as error:  # a learner's object whose __repr__ raises
        text = "<unprintable %s: %s>" % (type(value).__name__, error)
    return text if len(text) <= 200 else text[:197] + "..."


def path_key(path):
    """The key of a place in a returned value, as src/checker/checker.ts spells it: JSON of the path."""
    return json.dumps(path, separators=(",", ":"))


def float64_digest(array, np):
    # hashlib reads the contiguous array's buffer in place: a .tobytes() copy of a 6 MB mini-batch costs more
    # than hashing it.
    return hashlib.sha1(np.ascontiguousarray(array, dtype="<f8")).hexdigest()


class Blobs:
    """The raw bytes of the arrays of one answer, sent after its JSON (a 15 MB split then costs no base64)."""

    def __init__(self):
        self.arrays = []
        self.size = 0

    def add(self, array):
        offset = self.size
        self.arrays.append(array)
        self.size += array.nbytes
        return offset


def encode_value(value, np, depth=0, seen=None, blobs=None):
    """Whatever a learner's function returned, described without loss for numbers and arrays. Runs in the
    learner's process, so the harness checks what comes out (validate_value) instead of trusting it. With
    `blobs`, arrays refer to their bytes there ({"offset", "nbytes"}) instead of carrying base64."""
    if depth > MAX_DEPTH:
        raise WireError("the returned value is nested more than %d levels deep" % MAX_DEPTH)
    seen = set() if seen is None else seen
    if value is None:
        return {"t": "none"}
    if isinstance(value, (bool, np.bool_)):
        return {"t": "bool", "v": bool(value)}
    if isinstance(value, np.ndarray):
        return _encode_array(value, np, blobs)
    if isinstance(value, np.generic):  # numpy scalars other than float64 (which is a float)
        if isinstance(value, np.floating):
            return {"t": "float", "v": _float_wire(float(value)), "dtype": value.dtype.str}
        if isinstance(value, np.integer):
            return {"t": "int", "v": _int_wire(int(value)), "dtype": value.dtype.str}
        return {"t": "other", "type": type(value).__name__, "repr": _short_repr(value)}
    if isinstance(value, float):
        return {"t": "float", "v": _float_wire(value)}
    if isinstance(value, int):
        return {"t": "int", "v": _int_wire(value)}
    if isinstance(value, str):
        return {"t": "str", "v": value[:1000]}
    if isinstance(value, (list, tuple, dict)):
        if id(value) in seen:
            raise WireError("the returned value contains itself")
        if len(value) > MAX_ITEMS:
            raise WireError("the returned %s has %d items" % (type(value).__name__, len(value)))
        seen = seen | {id(value)}
        if isinstance(value, dict):
            return {
                "t": "dict",
                "entries": [[encode_value(k, np, depth + 1, seen, blobs), encode_value(v, np, depth + 1, seen, blobs)]
                            for k, v in value.items()],
            }
        kind = "list" if isinstance(value, list) else "tuple"
        return {"t": kind, "items": [encode_value(v, np, depth + 1, seen, blobs) for v in value]}
    return {"t": "other", "type": type(value).__name__, "repr": _short_repr(value)}


def _int_wire(i):
    return i if -(2 ** 53) <= i <= 2 ** 53 else str(i)


def _encode_array(array, np, blobs=None):
    kind = array.dtype.kind
    if kind not in "fiub" or array.dtype.itemsize > 8:
        return {"t": "other", "type": "ndarray[%s]" % array.dtype, "repr": _short_repr(array),
                "shape": list(array.shape)}
    if array.nbytes > MAX_RESULT_BYTES:
        raise WireError("the returned array of shape %s holds %s; the checker compares at most %s"
                        % (array.shape, megabytes(array.nbytes), megabytes(MAX_RESULT_BYTES)))
    if kind == "f" and array.dtype.itemsize < 4:
        array = array.astype(np.float32)
    contiguous = np.ascontiguousarray(array)
    little = contiguous.astype(contiguous.dtype.newbyteorder("<"), copy=False)
    if blobs is not None:
        return {"t": "ndarray", "dtype": little.dtype.str, "shape": list(little.shape),
                "offset": blobs.add(little), "nbytes": little.nbytes}
    return {
        "t": "ndarray",
        "dtype": little.dtype.str,
        "shape": list(little.shape),
        "data": base64.b64encode(little.tobytes()).decode("ascii"),
    }


def megabytes(n):
    return "%.0f MB" % (n / 1e6) if n >= 1e6 else "%d bytes" % n


def array_bytes(value, np, depth=0):
    """Bytes of the arrays in a returned value (to refuse a huge one before encoding it)."""
    if depth > MAX_DEPTH:
        return 0
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    if isinstance(value, (list, tuple)) and len(value) <= MAX_ITEMS:
        return sum(array_bytes(v, np, depth + 1) for v in value)
    if isinstance(value, dict) and len(value) <= MAX_ITEMS:
        return sum(array_bytes(v, np, depth + 1) for v in value.values())
    return 0


def _check(condition, what):
    if not condition:
        raise WireError("the learner's process sent a malformed value (%s)" % what)


def _is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def same_proof(nonce, array, np):
    """SHA-256 of the call's nonce and the array's float64 bytes (src/checker/pyValue.ts sameProof)."""
    digest = hashlib.sha256(bytes.fromhex(nonce))
    digest.update(np.ascontiguousarray(array, dtype="<f8"))
    return digest.hexdigest()


def validate_value(wire, np, digests, blob, path=(), depth=0, nonce=None):
    """A value a learner's process sent (its arrays' bytes in `blob`), checked shape by shape and rebuilt from
    known fields only (never trusted: learner code could have written anything on its pipe). Big arrays whose
    digest is the expected one at their place become {"t": "same"}; the others carry base64 on to the extension."""
    _check(isinstance(wire, dict) and depth <= MAX_DEPTH + 1, "not a value")
    t = wire.get("t")
    if t == "ndarray":
        dtype, shape, offset, nbytes = wire.get("dtype"), wire.get("shape"), wire.get("offset"), wire.get("nbytes")
        _check(dtype in _DTYPES, "dtype")
        _check(isinstance(shape, list) and len(shape) <= 32 and all(_is_int(n) and n >= 0 for n in shape), "shape")
        _check(_is_int(offset) and _is_int(nbytes) and 0 <= offset and 0 <= nbytes and offset + nbytes <= len(blob),
               "array bytes")
        count = 1
        for n in shape:
            count *= n
        _check(nbytes == count * np.dtype(dtype).itemsize, "array length")
        raw = blob[offset:offset + nbytes]
        digest = digests.get(path_key(list(path))) if digests else None
        if digest is not None and nonce and count >= SAME_MIN_SIZE and dtype != "|b1":
            array = np.frombuffer(raw, dtype=np.dtype(dtype))
            if float64_digest(array, np) == digest:
                return {"t": "same", "dtype": dtype, "shape": list(shape), "proof": same_proof(nonce, array, np)}
        return {"t": "ndarray", "dtype": dtype, "shape": list(shape), "data": base64.b64encode(raw).decode("ascii")}
    if t == "float":
        v = wire.get("v")
        _check((isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v))
               or v in ("nan", "inf", "-inf", "-0"), "float")
        out = {"t": "float", "v": v}
        if isinstance(wire.get("dtype"), str) and wire["dtype"] in _DTYPES:
            out["dtype"] = wire["dtype"]
        return out
    if t == "int":
        v = wire.get("v")
        _check(_is_int(v) or (isinstance(v, str) and len(v) <= 5000 and v.lstrip("-").isdigit()), "int")
        out = {"t": "int", "v": v}
        if isinstance(wire.get("dtype"), str) and wire["dtype"] in _DTYPES:
            out["dtype"] = wire["dtype"]
        return out
    if t == "bool":
        _check(isinstance(wire.get("v"), bool), "bool")
        return {"t": "bool", "v": wire["v"]}
    if t == "str":
        _check(isinstance(wire.get("v"), str), "str")
        return {"t": "str", "v": wire["v"][:MAX_STR]}
    if t == "none":
        return {"t": "none"}
    if t in ("list", "tuple"):
        items = wire.get("items")
        _check(isinstance(items, list) and len(items) <= MAX_ITEMS, t)
        return {"t": t, "items": [validate_value(v, np, digests, blob, path + (i,), depth + 1, nonce)
                                  for i, v in enumerate(items)]}
    if t == "dict":
        entries = wire.get("entries")
        _check(isinstance(entries, list) and len(entries) <= MAX_ITEMS, "dict")
        out = []
        for entry in entries:
            _check(isinstance(entry, list) and len(entry) == 2, "dict entry")
            key = validate_value(entry[0], np, None, blob, (), depth + 1)
            place = path + (key["v"],) if key["t"] == "str" else None
            value = validate_value(entry[1], np, digests if place is not None else None, blob, place or (), depth + 1,
                                   nonce)
            out.append([key, value])
        return {"t": "dict", "entries": out}
    if t == "other":
        type_name, text = wire.get("type"), wire.get("repr")
        _check(isinstance(type_name, str) and isinstance(text, str), "other")
        out = {"t": "other", "type": type_name[:200], "repr": text[:200]}
        shape = wire.get("shape")
        if isinstance(shape, list) and len(shape) <= 32 and all(_is_int(n) for n in shape):
            out["shape"] = shape
        return out
    raise WireError("the learner's process sent a malformed value (kind %r)" % (str(t)[:20],))
