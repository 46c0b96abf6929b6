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
MAX_ARRAY_BYTES = 512 * 1024 * 1024
# Arrays at least this big whose float64 bytes have the SHA-1 the extension expects at that place come back as
# {"t": "same"}: a correct 12288 x 148 mini-batch split then costs no transfer at all.
SAME_MIN_SIZE = 4096


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
    `raw` is read-only (bytes): a stored array is private, every use of it gets its own copy (decode_value)."""
    array = np.frombuffer(raw, dtype=np.dtype(dtype)).reshape(tuple(shape))
    return array if array.flags.writeable else array.copy()


def decode_value(wire, np, stored):
    """A fresh Python value: arrays are writable copies, so in-place updates never touch stored inputs."""
    t = wire["t"]
    if t == "ndarray":
        raw = base64.b64decode(wire["data"])
        array = np.frombuffer(raw, dtype=np.dtype(wire["dtype"])).reshape(tuple(wire["shape"]))
        return array.astype(array.dtype.newbyteorder("="), copy=True)
    if t == "ref":
        key = wire["key"]
        if key not in stored:
            raise WireError("no stored value %r" % (key,))
        return _deep_copy(stored[key], np)
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


def _deep_copy(value, np):
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, dict):
        return {k: _deep_copy(v, np) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v, np) for v in value]
    if isinstance(value, tuple):
        return tuple(_deep_copy(v, np) for v in value)
    return value


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


def encode_value(value, np, depth=0, seen=None, digests=None, path=()):
    """Whatever a learner's function returned, described without loss for numbers and arrays. `digests` maps
    places (path_key) to the SHA-1 of the expected array there; an array that matches is sent as "same"."""
    if depth > MAX_DEPTH:
        raise WireError("the returned value is nested more than %d levels deep" % MAX_DEPTH)
    seen = set() if seen is None else seen
    if value is None:
        return {"t": "none"}
    if isinstance(value, (bool, np.bool_)):
        return {"t": "bool", "v": bool(value)}
    if isinstance(value, np.ndarray):
        if digests and value.size >= SAME_MIN_SIZE and value.dtype.kind in "fiub":
            digest = digests.get(path_key(list(path)))
            if digest is not None and float64_digest(value, np) == digest:
                return {"t": "same", "dtype": value.dtype.str, "shape": list(value.shape)}
        return _encode_array(value, np)
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
                "entries": [[encode_value(k, np, depth + 1, seen),
                             encode_value(v, np, depth + 1, seen, digests, path + (k,) if isinstance(k, str) else ())]
                            for k, v in value.items()],
            }
        kind = "list" if isinstance(value, list) else "tuple"
        return {"t": kind, "items": [encode_value(v, np, depth + 1, seen, digests, path + (i,))
                                     for i, v in enumerate(value)]}
    return {"t": "other", "type": type(value).__name__, "repr": _short_repr(value)}


def _int_wire(i):
    return i if -(2 ** 53) <= i <= 2 ** 53 else str(i)


def _encode_array(array, np):
    kind = array.dtype.kind
    if kind not in "fiub" or array.dtype.itemsize > 8:
        return {"t": "other", "type": "ndarray[%s]" % array.dtype, "repr": _short_repr(array),
                "shape": list(array.shape)}
    if array.nbytes > MAX_ARRAY_BYTES:
        raise WireError("the returned array of shape %s is too large to compare" % (array.shape,))
    if kind == "f" and array.dtype.itemsize < 4:
        array = array.astype(np.float32)
    contiguous = np.ascontiguousarray(array)
    little = contiguous.astype(contiguous.dtype.newbyteorder("<"), copy=False)
    return {
        "t": "ndarray",
        "dtype": little.dtype.str,
        "shape": list(little.shape),
        "data": base64.b64encode(little.tobytes()).decode("ascii"),
    }
