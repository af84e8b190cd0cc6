"""generator.dates: shorthands, intervals, labels and the exact text of each refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from generator.facts.dates import When, parse_partial

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-10-23", (D(2024, 10, 23), D(2024, 10, 23), "day")),
        ("2024-10", (D(2024, 10, 1), D(2024, 10, 31), "month")),
        ("2024-02", (D(2024, 2, 1), D(2024, 2, 29), "month")),
        ("2023-02", (D(2023, 2, 1), D(2023, 2, 28), "month")),
        ("2024", (D(2024, 1, 1), D(2024, 12, 31), "year")),
        (" 2024-06 ", (D(2024, 6, 1), D(2024, 6, 30), "month")),
    ],
)
def test_parse_partial(text: str, expected: tuple[dt.date, dt.date, str]) -> None:
    assert parse_partial(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "'2024-02-30' is not a real date: February 2024 has 29 days"),
        ("2023-02-29", "'2023-02-29' is not a real date: February 2023 has 28 days"),
        ("2024-13", "'2024-13' is not a real date: there is no month 13"),
        ("2024-00-01", "'2024-00-01' is not a real date: there is no month 0"),
        ("2024-1-5", "'2024-1-5' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"),
        ("24", "'24' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"),
        ("2024-10-23T10:00", "'2024-10-23T10:00' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"),
        ("23/10/2024", "'23/10/2024' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"),
    ],
)
def test_parse_partial_refuses_with_exact_text(text: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_partial(text)
    assert str(info.value) == message


def test_year_zero_names_the_input() -> None:
    with pytest.raises(ValueError, match=r"^'0000' is not a real date"):
        parse_partial("0000")


@pytest.mark.parametrize(
    ("value", "precision", "label", "start", "end"),
    [
        ("2024-10-23", "day", "23 Oct 2024", D(2024, 10, 23), D(2024, 10, 23)),
        ("2024-06", "month", "Jun 2024", D(2024, 6, 1), D(2024, 6, 30)),
        ("2024", "year", "2024", D(2024, 1, 1), D(2024, 12, 31)),
        ({"date": "2024-10-05"}, "day", "5 Oct 2024", D(2024, 10, 5), D(2024, 10, 5)),
        (
            {"from": "2024-10-01", "to": "2024-10-20", "text": "between early and mid-October"},
            "range",
            "1–20 Oct 2024",
            D(2024, 10, 1),
            D(2024, 10, 20),
        ),
        (
            {"from": "2024-09-28", "to": "2024-10-03"},
            "range",
            "28 Sep 2024 – 3 Oct 2024",
            D(2024, 9, 28),
            D(2024, 10, 3),
        ),
        (
            {"from": "2024-09", "to": "2024-10"},
            "range",
            "1 Sep 2024 – 31 Oct 2024",
            D(2024, 9, 1),
            D(2024, 10, 31),
        ),
        ({"text": "in recent years"}, "unresolved", "date not stated", D.max, D.max),
    ],
)
def test_when_precision_label_and_bounds(
    value: object, precision: str, label: str, start: dt.date, end: dt.date
) -> None:
    when = When.model_validate(value)
    assert (when.precision, when.label(), when.start, when.end) == (precision, label, start, end)
    assert when.resolved is (precision != "unresolved")


def test_from_is_an_alias_and_keeps_source_words() -> None:
    when = When.model_validate(
        {"text": "on Wednesday", "date": "2024-10-23", "rule": "the Wednesday before"}
    )
    assert (when.text, when.date, when.from_, when.rule) == (
        "on Wednesday",
        "2024-10-23",
        None,
        "the Wednesday before",
    )


def refusal(value: object) -> list[tuple[str, tuple, str]]:
    with pytest.raises(ValidationError) as info:
        When.model_validate(value)
    return [(e["type"], tuple(e["loc"]), e["msg"]) for e in info.value.errors()]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024-02-30", "'2024-02-30' is not a real date: February 2024 has 29 days"),
        (
            {"from": "2024-10-20", "to": "2024-10-01"},
            "'from' 2024-10-20 is after 'to' 2024-10-01",
        ),
        (
            {"text": "on Tuesday", "date": "2024-10-23"},
            "'on Tuesday' names a Tuesday, but 2024-10-23 is a Wednesday",
        ),
        (
            {"text": "On FRIDAY", "date": "2024-10-23"},
            "'On FRIDAY' names a Friday, but 2024-10-23 is a Wednesday",
        ),
        (
            {"date": "2024-10-23", "from": "2024-10-01", "to": "2024-10-20"},
            "give either 'date' or 'from'/'to', not both",
        ),
        ({"from": "2024-10-01"}, "an interval needs both 'from' and 'to'"),
        ({"to": "2024-10-01"}, "an interval needs both 'from' and 'to'"),
        ({}, "give 'date', or 'from' and 'to', or at least the source's 'text'"),
        (
            {"rule": "early = days 1-10"},
            "give 'date', or 'from' and 'to', or at least the source's 'text'",
        ),
        (
            {"from": "2024-10-01", "to": "2024-10-32"},
            "'2024-10-32' is not a real date: October 2024 has 31 days",
        ),
    ],
)
def test_when_refusals_exact_text(value: object, message: str) -> None:
    # A wrong date is reported at its own field ('date', 'to'); the rest at the mapping.
    ((kind, loc, text),) = refusal(value)
    assert (kind, text) == ("value_error", f"Value error, {message}")
    assert loc in ((), ("date",), ("from",), ("to",))
    assert (loc == ()) == ("is not a real date" not in message)


def test_unknown_field_and_empty_text_are_refused() -> None:
    assert refusal({"date": "2024-10-23", "dat": "x"}) == [
        ("extra_forbidden", ("dat",), "Extra inputs are not permitted")
    ]
    assert refusal({"text": "", "date": "2024-10-23"}) == [
        ("string_too_short", ("text",), "String should have at least 1 character")
    ]


@pytest.mark.parametrize(
    "value",
    [
        {"text": "on Wednesday", "date": "2024-10-23"},
        {"text": "on Tuesday or Wednesday", "date": "2024-10-23"},  # two days named: not checked
        {"text": "on Tuesday", "date": "2024-10"},  # month precision: not checked
        {"text": "Wednesdays", "date": "2024-10-22"},  # whole words only
    ],
)
def test_weekday_check_only_for_one_named_day_at_day_precision(value: dict[str, str]) -> None:
    assert When.model_validate(value).text == value["text"]


def test_one_day_interval_label() -> None:
    assert When.model_validate({"from": "2024-10-23", "to": "2024-10-23"}).label() == "23 Oct 2024"


def test_when_is_frozen() -> None:
    when = When.model_validate("2024-10-23")
    with pytest.raises(ValidationError):
        when.date = "2024-10-24"  # type: ignore[misc]
    assert when.date == "2024-10-23"


def test_a_dates_span_is_kept_beside_its_fields_not_in_them() -> None:
    """The resolved interval is worked out once and kept on the date, never as data: equal
    dates stay equal, dumps and hashes are unchanged, and a copy with new fields redoes it."""
    when, twin = When.model_validate("2024-10"), When.model_validate("2024-10")
    assert when.span == (dt.date(2024, 10, 1), dt.date(2024, 10, 31), "month")
    assert when == twin and hash(when) == hash(twin)
    assert (
        when.model_dump()
        == twin.model_dump()
        == {
            "text": None,
            "date": "2024-10",
            "from_": None,
            "to": None,
            "rule": None,
        }
    )
    moved = when.model_copy(update={"date": "2024-11-05"})
    assert (moved.start, moved.end, moved.precision) == (dt.date(2024, 11, 5),) * 2 + ("day",)
    assert when.start == dt.date(2024, 10, 1)
    assert When.model_validate({"text": "recently"}).span == (dt.date.max,) * 2 + ("unresolved",)
