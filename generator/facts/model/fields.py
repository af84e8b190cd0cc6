"""The constrained field types of the fact records, and the validators behind them."""

from __future__ import annotations

import html
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from generator.facts.model.hosts import check_host

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_MAX = 64

Id = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX),
    Field(
        description="Stable id: lowercase ASCII letters, digits and single hyphens. "
        "Never change it once published.",
        examples=["relief-displaced"],
    ),
]
Ref = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX)]
Term = Annotated[str, StringConstraints(min_length=1, max_length=SLUG_MAX)]
"""A term of a vocabulary (see :mod:`vocabulary`): a built-in one, or one the content
declares; checked against them after the model (:mod:`generator.facts.terms`), which says
'did you mean' for a near miss ('Statement')."""
VOCABULARY_KEY = "x-vocabulary"
"""The schema key that names the vocabulary of a term field (:func:`term_of`)."""


def term_of(vocabulary: str) -> dict[str, Any]:
    """A term field's schema extra: which vocabulary it names a term of."""
    return {VOCABULARY_KEY: vocabulary}


def _one_or_many(value: object) -> object:
    # 'supersedes: relief-displaced' and 'supersedes: [a, b]' both read as a list.
    return [value] if isinstance(value, str) else value


def _one_or_many_schema(schema: dict[str, Any]) -> None:
    items = schema.pop("items")
    schema.pop("type", None)
    schema["anyOf"] = [items, {"type": "array", "items": items}]


RefList = Annotated[
    list[Ref],
    BeforeValidator(_one_or_many),
    Field(json_schema_extra=_one_or_many_schema),
]
"""Ids of other facts: one id, or a list of them."""

# Names Windows reserves in any folder, with or without an extension: a page path made
# from one of these ids cannot be written or served there.
WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{d}{n}" for d in ("com", "lpt") for n in range(10)]
)


def _not_reserved(value: str) -> str:
    if value in WINDOWS_RESERVED:
        raise ValueError(
            f"'{value}' is a reserved device name on Windows and cannot name a page; "
            f"pick another id, like '{value}-1'"
        )
    return value


# The id of a fact that gets a page of its own (deployments/<id>/, treaties/<id>/).
PageId = Annotated[Id, AfterValidator(_not_reserved)]


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "only spaces")
    return value


Text = Annotated[str, StringConstraints(min_length=1, max_length=5000), AfterValidator(_not_blank)]


def _no_angle_brackets(value: str) -> str:
    if "<" in value or ">" in value:
        raise ValueError("may not contain '<' or '>' (page titles reach HTML unescaped)")
    if html.unescape(value) != value:
        # The theme decodes references in page titles: '&#60;' would become a real '<'.
        raise ValueError(
            "may not contain an HTML character reference like '&amp;' or '&#60;' "
            "(page titles reach HTML unescaped); write the character itself"
        )
    return value


_COUNT = re.compile(r"0|[1-9][0-9]*")


def _digits(value: object) -> object:
    # ASCII digits only, without a leading zero: YAML 1.1 reads 010 as 8, others as 10.
    if isinstance(value, str) and not _COUNT.fullmatch(value.strip()):
        # Same error type as pydantic's own, so the message is the same for '1.0' and 'many'.
        raise PydanticCustomError("int_parsing", "not a whole number")
    return value


# An editor types 1500 as a number; the loader's text "1500" (or a quoted one) is accepted too.
# (Field before the validator, or pydantic writes 'ge' instead of 'minimum' in the schema.)
Count = Annotated[
    int,
    Field(
        ge=0,
        json_schema_extra={"type": ["integer", "string"], "pattern": r"^\s*(0|[1-9][0-9]*)\s*$"},
    ),
    BeforeValidator(_digits),
]


Title = Annotated[
    str,
    StringConstraints(min_length=1, max_length=200),
    AfterValidator(_not_blank),
    AfterValidator(_no_angle_brackets),
]

_SAFE_URL = re.compile(r"^(https?://[^\s<>\"]+|mailto:[^\s<>\"]+)$", re.IGNORECASE)


_URL_SCHEMES = ("https://", "http://", "mailto:")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _safe_url(value: str) -> str:
    # The scheme is checked as a browser would read it: trimmed, without control or
    # invisible characters, entities decoded, lower-cased; and the text itself must be plain.
    seen = _INVISIBLE.sub("", html.unescape(html.unescape(value))).lower()
    if not seen.startswith(_URL_SCHEMES) or not _SAFE_URL.match(value.strip()):
        raise ValueError(
            f"'{value[:80]}' is not an allowed URL: it must start with https://, http:// or "
            "mailto:, with no spaces, quotes or angle brackets"
        )
    check_host(value.strip())
    return value.strip()


Url = Annotated[str, AfterValidator(_safe_url)]
