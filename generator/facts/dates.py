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
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonDict, JsonSchemaValue
from pydantic_core import CoreSchema

Precision = Literal["day", "month", "year", "range", "unresolved"]

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# In JSON Schema, as an editor's YAML parser types it: '2024-10' and '2024-10-23' are text,
# but an unquoted '2024' is a number (the loader keeps all three as text).
def _year() -> JsonDict:
    return {"type": "integer", "minimum": 1, "maximum": 9999}


def _partial_date() -> JsonDict:
    """A date field in JSON Schema (a fresh dict each time: pydantic keeps what it gets)."""
    return {"anyOf": [{"type": "string", "pattern": _DATE.pattern}, _year(), {"type": "null"}]}


def _mapping_rules() -> JsonDict:
    """What ``_check`` enforces, as far as JSON Schema says it: a date, an interval or the
    words."""
    return {
        "anyOf": [{"required": ["date"]}, {"required": ["from"]}, {"required": ["text"]}],
        "dependentRequired": {"from": ["to"], "to": ["from"]},
        "not": {"required": ["date", "from"]},
    }


TEXT_MAX = 200
"""The longest words of a date: they are shown on several pages and in the search index."""

WEEKDAYS = tuple(calendar.day_name[i] for i in range(7))
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
"""Days in each month (1-12) of a common year; February gains one in a leap year."""


def parse_partial(text: str) -> tuple[dt.date, dt.date, Precision]:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` -> (first day, last day, precision)."""
    match = _DATE.match(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
    year_digits, month_digits, day_digits = match.groups()
    year = int(year_digits)
    if year < 1:
        raise ValueError(f"'{text}' is not a real date: there is no year 0")
    if month_digits is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    month = int(month_digits)
    if not 1 <= month <= 12:
        raise ValueError(f"'{text}' is not a real date: there is no month {month}")
    last = _MONTH_DAYS[month] + (month == 2 and calendar.isleap(year))
    if day_digits is None:
        return dt.date(year, month, 1), dt.date(year, month, last), "month"
    day = int(day_digits)
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
        max_length=TEXT_MAX,
        description="The words the source used, verbatim ('on Wednesday').",
        examples=["on Wednesday"],
    )
    date: str | None = Field(
        None,
        description="One day, month or year: YYYY-MM-DD, YYYY-MM or YYYY.",
        examples=["2024-10-23"],
        json_schema_extra=_partial_date(),
    )
    from_: str | None = Field(
        None,
        alias="from",
        description="Start of an interval (YYYY-MM-DD, YYYY-MM or YYYY).",
        examples=["2024-10-01"],
        json_schema_extra=_partial_date(),
    )
    to: str | None = Field(
        None,
        description="End of an interval (YYYY-MM-DD, YYYY-MM or YYYY).",
        examples=["2024-10-20"],
        json_schema_extra=_partial_date(),
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
        mapping = {**handler(core_schema), **_mapping_rules()}
        shorthand = {
            "type": "string",
            "pattern": _DATE.pattern,
            "description": "A day, month or year: YYYY-MM-DD, YYYY-MM or YYYY.",
            "examples": ["2024-10-23", "2024-06"],
        }
        year = {**_year(), "description": "A year, typed as a number: 2024.", "examples": [2024]}
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

    @functools.cached_property
    def span(self) -> tuple[dt.date, dt.date, Precision]:
        """First day, last day and precision, worked out once per date: sorting and
        labelling ask for them again and again. Undated: ``date.max`` twice, 'unresolved'.
        (Kept beside the fields, never a field: the data and the schema are unchanged.)"""
        if self.date:
            return parse_partial(self.date)
        start = parse_partial(self.from_)[0] if self.from_ else dt.date.max
        end = parse_partial(self.to)[1] if self.to else dt.date.max
        return start, end, "range" if self.from_ else "unresolved"

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> When:
        """A copy; one with updated fields works its :attr:`span` out again."""
        copied = super().model_copy(update=update, deep=deep)
        if update:
            copied.__dict__.pop("span", None)
            copied.__dict__.pop("shown", None)
        return copied

    @property
    def start(self) -> dt.date:
        return self.span[0]

    @property
    def end(self) -> dt.date:
        return self.span[1]

    @property
    def precision(self) -> Precision:
        return self.span[2]

    def label(self) -> str:
        """The resolved date in a fixed format: '23 Oct 2024', 'Jun 2024', '1–20 Oct 2024'."""
        return self.shown

    @functools.cached_property
    def shown(self) -> str:
        """:meth:`label`, worked out once per date (pages label the same dates often)."""
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
