"""Spreadsheet layouts for people: Chinese headers and values, human columns first.

``sheet_layout(table, "zh")`` gives the sheet name, the columns in the order people read
them (what the report says first, ids and offsets last) with their Chinese headers, and
``cell`` turns a value into what a person expects in Excel or WPS (是/否, 程序要素 in
Chinese). ``"en"`` is the machine layout: the tables' own names, order and values. The
labels are data: ``data/columns.toml`` and ``data/labels.toml`` (audit elements).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from extractor.outputs.tables import LIST_SEP, TABLES
from extractor.resources import load_toml
from extractor.taxonomy import element_label

HEADERS = ("zh", "en")


@dataclass(frozen=True)
class SheetLayout:
    name: str                        # the sheet's name
    columns: tuple[str, ...]         # the table's columns, in the order shown
    headers: tuple[str, ...]         # the header of each shown column
    chinese: bool

    def cell(self, column: str, value):
        """A value as the sheet shows it."""
        if not self.chinese or value is None:
            return value
        if isinstance(value, bool):
            return "是" if value else "否"
        if column == "element":
            return element_label(value)
        if column == "audit_missing" and value:
            return "、".join(element_label(e) for e in value.split(LIST_SEP))
        return value


@lru_cache(maxsize=None)
def sheet_layout(table: str, headers: str = "en") -> SheetLayout:
    if headers not in HEADERS:
        raise ValueError(f"unknown headers {headers!r}: use {' or '.join(HEADERS)}")
    names = tuple(TABLES[table].names)
    if headers == "en":
        return SheetLayout(table, names, names, False)
    data = load_toml("columns.toml")
    technical, late = set(data["technical"]), set(data["late"])
    order = (tuple(c for c in names if c not in technical and c not in late)
             + tuple(c for c in names if c in late) + tuple(c for c in names if c in technical))
    labels = data["columns"]
    return SheetLayout(data["sheets"].get(table, table), order,
                       tuple(labels.get(c, c) for c in order), True)
