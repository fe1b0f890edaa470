"""DataFrame and LazyFrame: crv-io's results, handed out through the Arrow PyCapsule
interface (zero-copy) and as Python, numpy and pandas values."""

from __future__ import annotations

import math
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple

from . import _native

__all__ = ["DataFrame", "LazyFrame", "to_native_frame"]

# dtypes of crv-io columns that have a numpy form (to_numpy()).
_NUMERIC_PREFIXES = ("i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "f32", "f64", "bool", "datetime")


def _is_pandas_frame(data: Any) -> bool:
    module = type(data).__module__
    return module.startswith("pandas.") and type(data).__name__ == "DataFrame"


def _pandas_column(series: Any) -> Any:
    """A pandas Series as a numpy array (numpy dtypes) or a list of Python values with
    None for the missing ones (object, extension and categorical dtypes)."""
    import numpy as np

    dtype = series.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "biufM":
        return series.to_numpy()
    if isinstance(dtype, np.dtype) and dtype.kind == "O":
        values = series.tolist()
        return [None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in values]
    # Extension dtypes (Int64, boolean, Float64, string, category): values or None.
    return series.to_numpy(dtype=object, na_value=None).tolist()


def to_native_frame(data: Any) -> "_native.Frame":
    """The native frame of anything ``Dataset.append`` takes: a DataFrame; an object with
    ``__arrow_c_stream__`` or ``__arrow_c_array__`` (Polars, pyarrow, ...; zero-copy); a
    pandas DataFrame; a mapping of column names to lists or numpy arrays (numeric arrays
    zero-copy)."""
    if isinstance(data, DataFrame):
        return data._frame
    if isinstance(data, _native.Frame):
        return data
    if hasattr(data, "__arrow_c_stream__") or hasattr(data, "__arrow_c_array__"):
        return _native.Frame.from_arrow(data)
    if _is_pandas_frame(data):
        names = [str(name) for name in data.columns]
        return _native.Frame.from_columns(names, [_pandas_column(data[name]) for name in data.columns])
    if isinstance(data, Mapping):
        names = [str(name) for name in data.keys()]
        values = []
        for value in data.values():
            if type(value).__module__.startswith("pandas.") and type(value).__name__ == "Series":
                value = _pandas_column(value)
            elif isinstance(value, tuple):
                value = list(value)
            values.append(value)
        return _native.Frame.from_columns(names, values)
    raise TypeError(
        "expected a DataFrame, an Arrow object (__arrow_c_stream__ / __arrow_c_array__), a pandas "
        f"DataFrame or a dict of lists or numpy arrays, not {type(data).__name__}")


class DataFrame:
    """Rows read from a table (or built with ``DataFrame(data)``), immutable.

    ``polars.DataFrame(df)`` and ``pyarrow.table(df)`` take it without copying
    (``__arrow_c_stream__``); ``to_pydict()``, ``to_numpy()`` and ``to_pandas()`` convert it."""

    __slots__ = ("_frame",)

    def __init__(self, data: Any = None) -> None:
        self._frame = to_native_frame({} if data is None else data)

    @classmethod
    def _wrap(cls, frame: "_native.Frame") -> "DataFrame":
        out = cls.__new__(cls)
        out._frame = frame
        return out

    # Shape and schema.
    @property
    def height(self) -> int:
        return self._frame.num_rows

    @property
    def width(self) -> int:
        return len(self._frame.names)

    @property
    def shape(self) -> Tuple[int, int]:
        return (self.height, self.width)

    @property
    def columns(self) -> List[str]:
        return list(self._frame.names)

    @property
    def schema(self) -> Dict[str, str]:
        """Column names and their types, Polars-like (``{"tick": "i64", ...}``)."""
        return dict(self._frame.schema)

    def __len__(self) -> int:
        return self.height

    def is_empty(self) -> bool:
        return self.height == 0

    def __repr__(self) -> str:
        return self._frame.to_string()

    __str__ = __repr__

    def equals(self, other: "DataFrame") -> bool:
        """Same names, types and values (NaN equal to NaN)."""
        return self._frame.equals(to_native_frame(other))

    # Rows and columns.
    def slice(self, offset: int, length: Optional[int] = None) -> "DataFrame":
        offset = max(0, min(offset, self.height))
        length = self.height - offset if length is None else max(0, min(length, self.height - offset))
        return DataFrame._wrap(self._frame.slice(offset, length))

    def head(self, n: int = 5) -> "DataFrame":
        return self.slice(0, n)

    def select(self, *columns: str) -> "DataFrame":
        names = list(columns[0]) if len(columns) == 1 and not isinstance(columns[0], str) else list(columns)
        return DataFrame._wrap(self._frame.select(names))

    def row(self, index: int) -> Dict[str, Any]:
        return self._frame.row(index + self.height if index < 0 else index)

    def iter_rows(self) -> Iterator[Dict[str, Any]]:
        for index in range(self.height):
            yield self._frame.row(index)

    def to_dicts(self) -> List[Dict[str, Any]]:
        """The rows as dicts (column order)."""
        return list(self.iter_rows())

    def get_column(self, name: str) -> List[Any]:
        """A column's values as a list (None for nulls)."""
        return self._frame.column_to_list(name)

    __getitem__ = get_column

    def to_pydict(self) -> Dict[str, List[Any]]:
        """``{column: [values]}``: None for nulls, structs as dicts, lists as lists."""
        return {name: self._frame.column_to_list(name) for name in self._frame.names}

    def to_numpy(self, column: Optional[str] = None) -> Any:
        """Numpy arrays: of one column, or ``{column: array}`` of every column.

        Numeric, bool and datetime columns have their dtype (numeric and datetime ones
        zero-copy, read-only views of crv-io's buffers, which the arrays keep alive); with
        nulls, a ``numpy.ma.MaskedArray`` masking them. Other columns are object arrays."""
        if column is not None:
            return self._column_numpy(column)
        return {name: self._column_numpy(name) for name in self._frame.names}

    def _column_numpy(self, name: str) -> Any:
        import numpy as np

        schema = self.schema
        if name not in schema:
            raise KeyError(f"no column '{name}' (columns: {', '.join(schema)})")
        dtype = schema[name]
        if dtype.startswith(_NUMERIC_PREFIXES):
            values, mask = self._frame.column_to_numpy(name)
            return values if mask is None else np.ma.MaskedArray(values, mask=mask)
        out = np.empty(self.height, dtype=object)
        out[:] = self._frame.column_to_list(name)
        return out

    def to_pandas(self) -> Any:
        """A pandas DataFrame: numeric and datetime columns from their numpy arrays; with
        nulls, pandas' nullable dtypes (Int64, boolean, ...) or NaN / NaT for floats and
        datetimes; other columns as objects (str, dict, list; None for nulls)."""
        try:
            import pandas as pd
        except ImportError as error:  # pragma: no cover - pandas is optional
            raise ImportError("DataFrame.to_pandas() needs pandas") from error
        import numpy as np

        columns: Dict[str, Any] = {}
        for name, dtype in self._frame.schema:
            if not dtype.startswith(_NUMERIC_PREFIXES):
                columns[name] = pd.Series(self._frame.column_to_list(name), dtype=object)
                continue
            values, mask = self._frame.column_to_numpy(name)
            if mask is None:
                columns[name] = values
            elif values.dtype.kind in "iu":
                columns[name] = pd.arrays.IntegerArray(values.copy(), mask.copy())
            elif values.dtype.kind == "b":
                columns[name] = pd.arrays.BooleanArray(values.copy(), mask.copy())
            elif values.dtype.kind == "f":
                columns[name] = np.where(mask, np.nan, values)
            else:  # datetime64
                filled = values.copy()
                filled[mask] = np.datetime64("NaT")
                columns[name] = filled
        return pd.DataFrame(columns, columns=list(columns))

    # The Arrow PyCapsule interface.
    def __arrow_c_schema__(self) -> Any:
        """An "arrow_schema" capsule: a struct of the columns."""
        return self._frame.arrow_c_schema()

    def __arrow_c_array__(self, requested_schema: Any = None) -> Tuple[Any, Any]:
        """("arrow_schema", "arrow_array") capsules: one struct array of the columns, zero-copy.
        A ``requested_schema`` (an "arrow_schema" capsule of a struct with the same column
        names in the same order) casts the scalar columns whose type it changes; a value
        that does not convert exactly, or a null where the request says not null, raises
        IoSchemaError naming the column and row."""
        return self._frame.arrow_c_array(requested_schema)

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        """An "arrow_array_stream" capsule: the rows as one batch, zero-copy
        (``requested_schema`` as in ``__arrow_c_array__``)."""
        return self._frame.arrow_c_stream(requested_schema)


class LazyFrame:
    """A lazy scan of a table (the seed's ``pl.LazyFrame``): nothing is read until
    ``collect()``, ``count()``, ``iter_batches()`` or a consumer pulls its Arrow stream,
    which reads one batch at a time (bounded memory). ``select()``, ``limit()`` and
    ``head()`` return new scans."""

    __slots__ = ("_scan", "_table")

    def __init__(self, scan: "_native.Scan", table: str) -> None:
        self._scan = scan
        self._table = table

    def select(self, *columns: str) -> "LazyFrame":
        names = list(columns[0]) if len(columns) == 1 and not isinstance(columns[0], str) else list(columns)
        return LazyFrame(self._scan.select(names), self._table)

    def limit(self, n: int) -> "LazyFrame":
        return LazyFrame(self._scan.limit(n), self._table)

    head = limit

    def collect(self) -> DataFrame:
        """Reads the rows (the GIL is released while it reads)."""
        return DataFrame._wrap(self._scan.collect())

    def count(self) -> int:
        """The number of rows the scan gives (from metadata where it can)."""
        return self._scan.count()

    def explain(self) -> str:
        """Which parts and row groups the scan keeps, and why."""
        return self._scan.explain()

    def explain_dict(self) -> Dict[str, Any]:
        return self._scan.explain_json()

    def iter_batches(self) -> Iterator[DataFrame]:
        """The rows batch by batch, in bounded memory."""
        for batch in self._scan.batches():
            yield DataFrame._wrap(batch)

    def to_pydict(self) -> Dict[str, List[Any]]:
        return self.collect().to_pydict()

    def to_pandas(self) -> Any:
        return self.collect().to_pandas()

    def __repr__(self) -> str:
        return f"<crv_io.LazyFrame scan of {self._table!r}; collect() reads it>"

    def __arrow_c_schema__(self) -> Any:
        """An "arrow_schema" capsule: a struct of the columns the scan gives."""
        return self._scan.arrow_c_schema()

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        """An "arrow_array_stream" capsule reading the scan batch by batch as the consumer
        pulls. A ``requested_schema`` is checked against the scan's columns now and applied
        to each batch as it is read (see ``DataFrame.__arrow_c_array__``)."""
        return self._scan.arrow_c_stream(requested_schema)
