"""Whether a figure is in a quote, however the quote spells it.

The usual spellings of 3000: ``3000``, ``3,000``, ``3.000``, ``3 000`` (any space, a thin or
no-break one too) and ``3'000``; ``three thousand`` (any case, hyphens or not, ``and`` or
not: ``one thousand five hundred``, ``fifteen hundred``, ``a thousand``); ``3k``; and a
decimal with its scale, ``1.5 thousand``, ``1,5 million``. A figure is found only as a whole
number: 3000 is not in "13,000" nor in "3,0001".
"""

from __future__ import annotations

import re

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"))
_SCALE_WORDS = {"thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "billion": 10**9}
_GROUP = r"[,.'\u2019 \u00a0\u2009\u202f]"
_DIGITS = re.compile(rf"(?<![\d.,])(\d{{1,3}}(?:{_GROUP}\d{{3}})+|\d+)(?![\d])")
_SPACED = re.compile(r"[ \u00a0\u2009\u202f]")
_SCALED = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+(?:[.,]\d{1,2})?)\s*(thousand|million|billion|k|m)\b",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[\s\-\u2010\u2011]+")


def _under_thousand(value: int) -> str:
    hundreds, rest = divmod(value, 100)
    words = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        words.append(_TENS[rest // 10] + (f" {_ONES[rest % 10]}" if rest % 10 else ""))
    elif rest or not hundreds:
        words.append(_ONES[rest])
    return " and ".join(words) if hundreds and rest else " ".join(words)


def in_words(value: int) -> list[str]:
    """The ways ``value`` is written in English words (lower case, single spaces)."""
    if value < 0 or value >= 10**12:
        return []
    parts: list[str] = []
    rest = value
    for size, name in _SCALES:
        count, rest = divmod(rest, size)
        if count:
            parts.append(f"{_under_thousand(count)} {name}")
    if rest or not parts:
        parts.append(_under_thousand(rest))
    full = " ".join(parts)
    spellings = {full, full.replace(" and ", " ")}
    if value == 0:
        spellings |= {"no", "none", "nil"}
    for size, name in ((100, "hundred"), *_SCALES):
        if value == size:
            spellings.add(f"a {name}")  # "a thousand"
    if 1100 <= value < 10000 and value % 100 == 0 and value % 1000:
        spellings.add(f"{_under_thousand(value // 100)} hundred")  # "fifteen hundred"
    return sorted(spellings, key=len, reverse=True)


def _numbers(text: str) -> set[int]:
    """Every whole number written in digits in ``text``, with its scale if it has one."""
    found = set()
    for match in _DIGITS.finditer(text):
        written = match.group(1)
        found.add(int(re.sub(_GROUP, "", written)))
        if _SPACED.search(written):  # "24 100" may be two numbers
            found.update(int(part) for part in _SPACED.split(written))
    for match in _SCALED.finditer(text):
        written = match.group(1)
        grouped = re.fullmatch(r"\d{1,3}(?:,\d{3})+", written) is not None
        number = float(written.replace(",", "") if grouped else written.replace(",", "."))
        found.add(round(number * _SCALE_WORDS[match.group(2).lower()]))
    return found


def figure_in(value: int, text: str) -> bool:
    """Whether the figure ``value`` is written in ``text``, in digits or in words."""
    if value in _numbers(text):
        return True
    words = " " + _SPACES.sub(" ", re.sub(r"[^\w\s\-\u2010\u2011]", " ", text.lower())) + " "
    return any(f" {spelling} " in words for spelling in in_words(value))
