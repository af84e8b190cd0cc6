"""Vague dates: the words a source used, kept beside the interval they resolve to.

Analysts write ``2024-10-23`` (a day), ``2024-10`` (a month) or ``2024`` (a year), or a
mapping that keeps the source's words and says how they were resolved::

    when:
      text: between early and mid-October   # verbatim, from the document
      from: 2024-10-01
      to: 2024-10-20
      rule: early = days 1-10, mid = days 11-20 of the month
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

Precision = Literal["day", "month", "year", "range", "unresolved"]

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# In JSON Schema, as an editor's YAML parser types it: '2024-10' and '2024-10-23' are text,
# but an unquoted '2024' is a number (the loader keeps all three as text).
_YEAR = {"type": "integer", "minimum": 1, "maximum": 9999}
_PARTIAL_DATE = {"anyOf": [{"type": "string", "pattern": _DATE.pattern}, _YEAR, {"type": "null"}]}
# What ``_check`` enforces, as far as JSON Schema says it: a date, an interval or the words.
_MAPPING_RULES = {
    "anyOf": [{"required": ["date"]}, {"required": ["from"]}, {"required": ["text"]}],
    "dependentRequired": {"from": ["to"], "to": ["from"]},
    "not": {"required": ["date", "from"]},
}
WEEKDAYS = [calendar.day_name[i] for i in range(7)]


@functools.lru_cache(maxsize=8192)
def parse_partial(text: str) -> tuple[dt.date, dt.date, Precision]:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` -> (first day, last day, precision)."""
    match = _DATE.match(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if year < 1:
        raise ValueError(f"'{text}' is not a real date: there is no year 0")
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    if not 1 <= month <= 12:
        raise ValueError(f"'{text}' is not a real date: there is no month {month}")
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return dt.date(year, month, 1), dt.date(year, month, last), "month"
    if day == 0:
        raise ValueError(f"'{text}' is not a real date: there is no day 0")
    if not 1 <= day <= last:
        raise ValueError(
            f"'{text}' is not a real date: {calendar.month_name[month]} {year} has {last} days"
        )
    return dt.date(year, month, day), dt.date(year, month, day), "day"


class When(BaseModel):
    """A date or an interval, with its precision and the source's own words."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str | None = Field(
        None,
        min_length=1,
        description="The words the source used, verbatim ('on Wednesday').",
        examples=["on Wednesday"],
    )
    date: str | None = Field(
        None,
        description="One day, month or year: YYYY-MM-DD, YYYY-MM or YYYY.",
        examples=["2024-10-23"],
        json_schema_extra=_PARTIAL_DATE,
    )
    from_: str | None = Field(
        None,
        alias="from",
        description="Start of an interval (YYYY-MM-DD, YYYY-MM or YYYY).",
        examples=["2024-10-01"],
        json_schema_extra=_PARTIAL_DATE,
    )
    to: str | None = Field(
        None,
        description="End of an interval (YYYY-MM-DD, YYYY-MM or YYYY).",
        examples=["2024-10-20"],
        json_schema_extra=_PARTIAL_DATE,
    )
    rule: str | None = Field(
        None,
        min_length=1,
        description="How the words were resolved to dates, against the document's date.",
        examples=["the Wednesday before the report of Friday 2024-10-25"],
    )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        mapping = {**handler(core_schema), **_MAPPING_RULES}
        shorthand = {
            "type": "string",
            "pattern": _DATE.pattern,
            "description": "A day, month or year: YYYY-MM-DD, YYYY-MM or YYYY.",
            "examples": ["2024-10-23", "2024-06"],
        }
        year = {**_YEAR, "description": "A year, typed as a number: 2024.", "examples": [2024]}
        return {"anyOf": [shorthand, year, mapping]}

    @field_validator("date", "from_", "to")
    @classmethod
    def _real(cls, value: str | None) -> str | None:
        # Checked per field, so an error points at the date that is wrong.
        if value is not None:
            parse_partial(value)
        return value

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"date": value}
        return value

    @model_validator(mode="after")
    def _check(self) -> When:
        if self.date and (self.from_ or self.to):
            raise ValueError("give either 'date' or 'from'/'to', not both")
        if bool(self.from_) != bool(self.to):
            raise ValueError("an interval needs both 'from' and 'to'")
        if not (self.date or self.from_ or self.text):
            raise ValueError("give 'date', or 'from' and 'to', or at least the source's 'text'")
        if self.from_ and self.to and self.start > self.end:
            raise ValueError(f"'from' {self.from_} is after 'to' {self.to}")
        self._check_weekday()
        return self

    def _check_weekday(self) -> None:
        if not self.text or self.start != self.end:
            return
        named = [d for d in WEEKDAYS if re.search(rf"\b{d}\b", self.text, re.IGNORECASE)]
        if len(named) == 1 and WEEKDAYS[self.start.weekday()] != named[0]:
            raise ValueError(
                f"'{self.text}' names a {named[0]}, but {self.start.isoformat()} is a "
                f"{WEEKDAYS[self.start.weekday()]}"
            )

    @property
    def resolved(self) -> bool:
        return bool(self.date or self.from_)

    @property
    def start(self) -> dt.date:
        first = self.date or self.from_
        return parse_partial(first)[0] if first else dt.date.max

    @property
    def end(self) -> dt.date:
        last = self.date or self.to
        return parse_partial(last)[1] if last else dt.date.max

    @property
    def precision(self) -> Precision:
        if self.date:
            return parse_partial(self.date)[2]
        if self.from_:
            return "range"
        return "unresolved"

    def label(self) -> str:
        """The resolved date in a fixed format: '23 Oct 2024', 'Jun 2024', '1–20 Oct 2024'."""
        if not self.resolved:
            return "date not stated"
        if self.precision == "day" or (self.precision == "range" and self.start == self.end):
            return f"{self.start.day} {self.start:%b %Y}"
        if self.precision == "month":
            return f"{self.start:%b %Y}"
        if self.precision == "year":
            return f"{self.start.year}"
        start, end = self.start, self.end
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{end.day} {end:%b %Y}"
        return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"
