"""The canonical table names (the seed's ``crv.core.grammar.TableName``)."""

from __future__ import annotations

import enum

__all__ = ["TableName", "table_name"]


class TableName(str, enum.Enum):
    """The eight canonical tables. A member is also its lower_snake string
    (``TableName.IDENTITY_EDGES == "identity_edges"``), so either can name a table."""

    EXCHANGE = "exchange"
    IDENTITY_EDGES = "identity_edges"
    SCENARIOS_SEEN = "scenarios_seen"
    MESSAGES = "messages"
    DECISIONS = "decisions"
    ORACLE_CALLS = "oracle_calls"
    HOLDINGS = "holdings"
    HOLDINGS_VALUATION = "holdings_valuation"

    def __str__(self) -> str:  # "identity_edges", as on disk
        return self.value


def table_name(table: "TableName | str") -> str:
    """The lower_snake name of ``table`` (a TableName or a string; the library checks it)."""
    if isinstance(table, TableName):
        return table.value
    if isinstance(table, str):
        return str.__str__(table)
    raise TypeError(f"a table is a TableName or a str, not {type(table).__name__}")
