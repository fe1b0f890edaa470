"""The Arrow C Data and C Stream Interface structs in ctypes: a small consumer (imports a
capsule, decodes the arrays, counts every release callback) and a producer (an
ArrowArrayStream built here, counting the releases its consumer makes). No pyarrow."""

from __future__ import annotations

import collections
import ctypes
import itertools
import struct
from ctypes import CFUNCTYPE, POINTER, Structure, c_char_p, c_int, c_int64, c_void_p
from typing import Any, Dict, List, Optional, Sequence


class ArrowSchema(Structure):
    pass


class ArrowArray(Structure):
    pass


class ArrowArrayStream(Structure):
    pass


SchemaRelease = CFUNCTYPE(None, POINTER(ArrowSchema))
ArrayRelease = CFUNCTYPE(None, POINTER(ArrowArray))
GetSchema = CFUNCTYPE(c_int, POINTER(ArrowArrayStream), POINTER(ArrowSchema))
GetNext = CFUNCTYPE(c_int, POINTER(ArrowArrayStream), POINTER(ArrowArray))
GetLastError = CFUNCTYPE(c_void_p, POINTER(ArrowArrayStream))
StreamRelease = CFUNCTYPE(None, POINTER(ArrowArrayStream))

ArrowSchema._fields_ = [
    ("format", c_char_p), ("name", c_char_p), ("metadata", c_void_p), ("flags", c_int64),
    ("n_children", c_int64), ("children", POINTER(POINTER(ArrowSchema))), ("dictionary", POINTER(ArrowSchema)),
    ("release", SchemaRelease), ("private_data", c_void_p)]
ArrowArray._fields_ = [
    ("length", c_int64), ("null_count", c_int64), ("offset", c_int64), ("n_buffers", c_int64),
    ("n_children", c_int64), ("buffers", POINTER(c_void_p)), ("children", POINTER(POINTER(ArrowArray))),
    ("dictionary", POINTER(ArrowArray)), ("release", ArrayRelease), ("private_data", c_void_p)]
ArrowArrayStream._fields_ = [
    ("get_schema", GetSchema), ("get_next", GetNext), ("get_last_error", GetLastError),
    ("release", StreamRelease), ("private_data", c_void_p)]

_GetPointer = ctypes.pythonapi.PyCapsule_GetPointer
_GetPointer.restype = c_void_p
_GetPointer.argtypes = [ctypes.py_object, c_char_p]
_CapsuleNew = ctypes.pythonapi.PyCapsule_New
_CapsuleNew.restype = ctypes.py_object
_CapsuleNew.argtypes = [c_void_p, c_char_p, c_void_p]

STREAM_NAME = b"arrow_array_stream"
SCHEMA_NAME = b"arrow_schema"
ARRAY_NAME = b"arrow_array"


def capsule_struct(capsule: Any, name: bytes, kind: type) -> Any:
    """The struct a capsule holds (its memory, not a copy)."""
    return kind.from_address(_GetPointer(capsule, name))


def move(source: Any) -> Any:
    """Moves a struct out (the Arrow "move" semantics): a copy, the source marked released."""
    out = type(source)()
    ctypes.memmove(ctypes.byref(out), ctypes.byref(source), ctypes.sizeof(source))
    source.release = type(source.release)()
    return out


# ---------------------------------------------------------------------------------------
# Consumer.

class ReleaseCounter:
    """Wraps the release callbacks of structs (and of all their children) with counting
    ones: after the test every wrapped callback must have run exactly once."""

    def __init__(self) -> None:
        self.counts: Dict[int, int] = collections.Counter()
        self.labels: Dict[int, str] = {}
        self._keep: List[Any] = []
        self._ids = itertools.count()

    def _wrap(self, target: Any, label: str, kind: Any) -> None:
        assert target.release, f"{label} is already released"
        # A copy of the pointer: the field's object would see the wrapper assigned below.
        original = kind(ctypes.cast(target.release, c_void_p).value)
        key = next(self._ids)
        self.labels[key] = label
        self.counts[key] = 0

        def counted(pointer: Any) -> None:
            self.counts[key] += 1
            original(pointer)
            assert not pointer.contents.release, f"{label}: release did not mark the struct released"

        callback = kind(counted)
        self._keep.append((callback, original))
        target.release = callback

    def schema(self, schema: ArrowSchema, label: str = "schema") -> None:
        for i in range(schema.n_children):
            self.schema(schema.children[i].contents, f"{label}.{schema.children[i].contents.name.decode()}")
        self._wrap(schema, label, SchemaRelease)

    def array(self, array: ArrowArray, label: str = "array") -> None:
        for i in range(array.n_children):
            self.array(array.children[i].contents, f"{label}[{i}]")
        self._wrap(array, label, ArrayRelease)

    def stream(self, stream: ArrowArrayStream) -> None:
        self._wrap(stream, "stream", StreamRelease)

    def check_each_ran_once(self) -> None:
        wrong = {self.labels[k]: n for k, n in self.counts.items() if n != 1}
        assert not wrong, f"release callbacks not run exactly once: {wrong}"


def parse_schema(schema: ArrowSchema) -> Dict[str, Any]:
    return {
        "format": schema.format.decode(),
        "name": (schema.name or b"").decode(),
        "nullable": bool(schema.flags & 2),
        "children": [parse_schema(schema.children[i].contents) for i in range(schema.n_children)],
    }


def _valid(array: ArrowArray, i: int) -> bool:
    if array.null_count == 0 or not array.buffers[0]:
        return True
    bit = array.offset + i
    byte = ctypes.c_uint8.from_address(array.buffers[0] + bit // 8).value
    return bool(byte >> (bit % 8) & 1)


_FIXED = {"l": ("q", 8), "i": ("i", 4), "s": ("h", 2), "c": ("b", 1), "L": ("Q", 8), "I": ("I", 4),
          "S": ("H", 2), "C": ("B", 1), "g": ("d", 8), "f": ("f", 4)}


def decode(array: ArrowArray, schema: Dict[str, Any]) -> List[Any]:
    """The array's values as Python values (None for nulls)."""
    fmt = schema["format"]
    n, offset = array.length, array.offset
    out: List[Any] = []
    if fmt in _FIXED:
        code, width = _FIXED[fmt]
        base = array.buffers[1]
        for i in range(n):
            raw = ctypes.string_at(base + (offset + i) * width, width)
            out.append(struct.unpack("<" + code, raw)[0] if _valid(array, i) else None)
    elif fmt == "b":
        for i in range(n):
            bit = offset + i
            byte = ctypes.c_uint8.from_address(array.buffers[1] + bit // 8).value
            out.append(bool(byte >> (bit % 8) & 1) if _valid(array, i) else None)
    elif fmt in ("u", "z"):
        offsets = (ctypes.c_int32 * (offset + n + 1)).from_address(array.buffers[1])
        for i in range(n):
            if not _valid(array, i):
                out.append(None)
                continue
            start, end = offsets[offset + i], offsets[offset + i + 1]
            data = ctypes.string_at(array.buffers[2] + start, end - start) if end > start else b""
            out.append(data.decode() if fmt == "u" else data)
    elif fmt == "+s":
        columns = []
        for k, child_schema in enumerate(schema["children"]):
            child = array.children[k].contents
            values = decode(child, child_schema)
            # The struct's offset applies to its children (on top of theirs).
            columns.append(values[offset:offset + n] if offset else values[:n])
        for i in range(n):
            out.append({c["name"]: columns[k][i] for k, c in enumerate(schema["children"])} if _valid(array, i) else None)
    elif fmt == "+l":
        offsets = (ctypes.c_int32 * (offset + n + 1)).from_address(array.buffers[1])
        items = decode(array.children[0].contents, schema["children"][0])
        for i in range(n):
            out.append(items[offsets[offset + i]:offsets[offset + i + 1]] if _valid(array, i) else None)
    else:
        raise AssertionError(f"format {fmt!r} not handled by this consumer")
    return out


def consume_stream(capsule: Any, counter: ReleaseCounter) -> "tuple[Dict[str, Any], List[Dict[str, List[Any]]], List[int]]":
    """Imports a stream capsule: the schema, each batch as {column: values}, and the address
    of each batch's first child's values buffer. Releases everything it got."""
    stream = move(capsule_struct(capsule, STREAM_NAME, ArrowArrayStream))
    counter.stream(stream)
    c_schema = ArrowSchema()
    assert stream.get_schema(ctypes.byref(stream), ctypes.byref(c_schema)) == 0
    counter.schema(c_schema)
    schema = parse_schema(c_schema)
    batches, addresses = [], []
    while True:
        c_array = ArrowArray()
        code = stream.get_next(ctypes.byref(stream), ctypes.byref(c_array))
        assert code == 0, ctypes.string_at(stream.get_last_error(ctypes.byref(stream)))
        if not c_array.release:
            break
        counter.array(c_array, f"batch{len(batches)}")
        assert c_array.n_children == len(schema["children"])
        rows = decode(c_array, schema)
        batches.append({c["name"]: [row[c["name"]] for row in rows] for c in schema["children"]})
        if c_array.n_children:
            addresses.append(c_array.children[0].contents.buffers[1])
        c_array.release(ctypes.byref(c_array))
    c_schema.release(ctypes.byref(c_schema))
    stream.release(ctypes.byref(stream))
    return schema, batches, addresses


# ---------------------------------------------------------------------------------------
# Producer.

class StreamProducer:
    """An object with ``__arrow_c_stream__`` whose stream is made here: a struct schema of
    int64 ("l"), float64 ("g"), utf8 ("u") and string view ("vu") columns (string values may
    be None), batches
    of `batches`; with `fail_at`, get_next fails (EIO, `message`) at that batch. Counts
    every release callback the consumer runs, per exported struct."""

    def __init__(self, columns: Sequence["tuple[str, str]"], batches: Sequence[Dict[str, list]],
                 fail_at: Optional[int] = None, message: bytes = b"producer failed") -> None:
        self.columns = list(columns)
        self.batches = list(batches)
        self.fail_at = fail_at
        self.error = ctypes.create_string_buffer(message)
        self.releases: Dict[str, int] = collections.Counter()
        self.exported: List[str] = []
        self._live: Dict[int, Any] = {}  # private_data key -> what the struct points at
        self._ids = itertools.count(1)
        self._next_batch = 0
        self._stream: Optional[ArrowArrayStream] = None
        self._callbacks = (GetSchema(self._get_schema), GetNext(self._get_next),
                           GetLastError(self._get_last_error), StreamRelease(self._release_stream),
                           SchemaRelease(self._release_schema), ArrayRelease(self._release_array))

    def _register(self, label: str, keep: Any) -> int:
        key = next(self._ids)
        self._live[key] = (label, keep)
        self.exported.append(label)
        return key

    def _released(self, key: int) -> None:
        label, _ = self._live.pop(key)
        self.releases[label] += 1

    # Schemas.
    def _fill_schema(self, out: ArrowSchema, fmt: bytes, name: bytes, children: List[ArrowSchema], label: str) -> None:
        pointers = (POINTER(ArrowSchema) * max(1, len(children)))(*[ctypes.pointer(c) for c in children])
        keep = (fmt, name, pointers, children)
        out.format, out.name, out.metadata, out.flags = fmt, name, None, 2
        out.n_children = len(children)
        out.children = ctypes.cast(pointers, POINTER(POINTER(ArrowSchema)))
        out.dictionary = None
        out.release = self._callbacks[4]
        out.private_data = self._register(label, keep)

    def _release_schema(self, pointer: Any) -> None:
        schema = pointer.contents
        for i in range(schema.n_children):
            child = schema.children[i].contents
            if child.release:
                child.release(schema.children[i])
        self._released(schema.private_data)
        schema.release = SchemaRelease()

    def _get_schema(self, stream: Any, out: Any) -> int:
        children = []
        for name, fmt in self.columns:
            child = ArrowSchema()
            self._fill_schema(child, fmt.encode(), name.encode(), [], f"schema.{name}")
            children.append(child)
        self._fill_schema(out.contents, b"+s", b"", children, "schema")
        return 0

    # Arrays.
    def _fill_array(self, out: ArrowArray, length: int, null_count: int, buffers: List[Any],
                    children: List[ArrowArray], label: str) -> None:
        buffer_array = (c_void_p * len(buffers))(*[None if b is None else ctypes.addressof(b) for b in buffers])
        pointers = (POINTER(ArrowArray) * max(1, len(children)))(*[ctypes.pointer(c) for c in children])
        out.length, out.null_count, out.offset = length, null_count, 0
        out.n_buffers, out.n_children = len(buffers), len(children)
        out.buffers = ctypes.cast(buffer_array, POINTER(c_void_p))
        out.children = ctypes.cast(pointers, POINTER(POINTER(ArrowArray)))
        out.dictionary = None
        out.release = self._callbacks[5]
        out.private_data = self._register(label, (buffers, buffer_array, pointers, children))

    def _release_array(self, pointer: Any) -> None:
        array = pointer.contents
        for i in range(array.n_children):
            child = array.children[i].contents
            if child.release:
                child.release(array.children[i])
        self._released(array.private_data)
        array.release = ArrayRelease()

    def _column(self, fmt: str, values: list, label: str) -> ArrowArray:
        n = len(values)
        validity = None
        nulls = sum(v is None for v in values)
        if nulls:
            validity = (ctypes.c_uint8 * ((n + 7) // 8))()
            for i, v in enumerate(values):
                if v is not None:
                    validity[i // 8] |= 1 << (i % 8)
        child = ArrowArray()
        if fmt == "l":
            data = (ctypes.c_int64 * max(1, n))(*[v or 0 for v in values])
            self._fill_array(child, n, nulls, [validity, data], [], label)
        elif fmt == "g":
            data = (ctypes.c_double * max(1, n))(*[v or 0.0 for v in values])
            self._fill_array(child, n, nulls, [validity, data], [], label)
        elif fmt == "u":
            encoded = [(v or "").encode() for v in values]
            offsets = (ctypes.c_int32 * (n + 1))(*itertools.accumulate([0] + [len(e) for e in encoded]))
            blob = ctypes.create_string_buffer(b"".join(encoded) or b"\0")
            self._fill_array(child, n, nulls, [validity, offsets, blob], [], label)
        elif fmt == "vu":  # string views, as Polars exports strings
            encoded = [(v or "").encode() for v in values]
            views = (ctypes.c_uint8 * (16 * max(1, n)))()
            blob = b"".join(e for e in encoded if len(e) > 12)
            data = ctypes.create_string_buffer(blob or b"\0")
            position = 0
            for i, e in enumerate(encoded):
                struct.pack_into("<i", views, 16 * i, len(e))
                if len(e) <= 12:
                    ctypes.memmove(ctypes.addressof(views) + 16 * i + 4, e, len(e))
                else:
                    struct.pack_into("<4sii", views, 16 * i + 4, e[:4], 0, position)
                    position += len(e)
            sizes = (ctypes.c_int64 * 1)(len(blob))
            self._fill_array(child, n, nulls, [validity, views, data, sizes], [], label)
        else:
            raise AssertionError(fmt)
        return child

    def _get_next(self, stream: Any, out: Any) -> int:
        index = self._next_batch
        if self.fail_at is not None and index == self.fail_at:
            return 5  # EIO
        if index >= len(self.batches):
            out.contents.release = ArrayRelease()
            return 0
        self._next_batch += 1
        batch = self.batches[index]
        children = [self._column(fmt, batch[name], f"batch{index}.{name}") for name, fmt in self.columns]
        length = len(batch[self.columns[0][0]])
        self._fill_array(out.contents, length, 0, [None], children, f"batch{index}")
        return 0

    def _get_last_error(self, stream: Any) -> int:
        return ctypes.addressof(self.error)

    def _release_stream(self, pointer: Any) -> None:
        self._released(pointer.contents.private_data)
        pointer.contents.release = StreamRelease()

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        stream = ArrowArrayStream()
        stream.get_schema, stream.get_next, stream.get_last_error, stream.release = self._callbacks[:4]
        stream.private_data = self._register("stream", None)
        self._stream = stream  # the capsule points into it; it has no destructor (tests only)
        return _CapsuleNew(ctypes.addressof(stream), STREAM_NAME, None)

    def check_each_released_once(self) -> None:
        assert not self._live, f"never released: {sorted(label for label, _ in self._live.values())}"
        wrong = {label: n for label, n in self.releases.items() if n != 1}
        assert not wrong, f"released more than once: {wrong}"
        assert sorted(self.releases) == sorted(self.exported)


# ---------------------------------------------------------------------------------------
# A consumer's requested_schema.

class RequestedSchema:
    """A ``requested_schema`` for ``__arrow_c_stream__`` / ``__arrow_c_array__``: an
    "arrow_schema" capsule of a struct of ``(name, format, nullable)`` columns. The capsule
    has no destructor: the schema stays this object's, as the PyCapsule interface says (the
    producer reads it and does not release it); ``released()`` tells whether it did."""

    def __init__(self, columns: Sequence["tuple[str, str, bool]"], top: str = "+s") -> None:
        self._release = SchemaRelease(self._on_release)
        self.release_calls = 0
        self._children = []
        for name, fmt, nullable in columns:
            child = ArrowSchema()
            self._fill(child, fmt.encode(), name.encode(), nullable, [])
            self._children.append(child)
        self.schema = ArrowSchema()
        self._fill(self.schema, top.encode(), b"", False, self._children)
        self.capsule = _CapsuleNew(ctypes.addressof(self.schema), SCHEMA_NAME, None)

    def _fill(self, out: ArrowSchema, fmt: bytes, name: bytes, nullable: bool, children: List[ArrowSchema]) -> None:
        pointers = (POINTER(ArrowSchema) * max(1, len(children)))(*[ctypes.pointer(c) for c in children])
        out._keep = (fmt, name, pointers)
        out.format, out.name, out.metadata, out.flags = fmt, name, None, 2 if nullable else 0
        out.n_children = len(children)
        out.children = ctypes.cast(pointers, POINTER(POINTER(ArrowSchema)))
        out.dictionary = None
        out.release = self._release
        out.private_data = None

    def _on_release(self, pointer: Any) -> None:
        self.release_calls += 1
        pointer.contents.release = SchemaRelease()
