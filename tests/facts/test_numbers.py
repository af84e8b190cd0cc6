"""generator.facts.numbers: a figure is found in its quote however it is usually spelled,
and only as a whole number."""

from __future__ import annotations

import pytest

from generator.facts.numbers import figure_in, in_words

FOUND = [
    (3000, "at least 3,000 soldiers"),
    (3000, "3000-strong"),
    (3000, "3 000"),
    (3000, "3\u202f000"),
    (3000, "3.000 Soldaten"),
    (3000, "3'000"),
    (3000, "three thousand"),
    (3000, "Three-Thousand men"),
    (3000, "3k"),
    (1500, "another 1,500 North Korean soldiers"),
    (1500, "fifteen hundred"),
    (1500, "one thousand five hundred"),
    (1500, "1.5 thousand"),
    (12000, "a total of about 12,000 soldiers."),
    (12000, "twelve thousand"),
    (1_500_000, "1,5 million"),
    (1_500_000_000, "1,500 million"),
    (101, "one hundred and one"),
    (25, "twenty-five"),
    (1000, "a thousand"),
    (0, "no soldiers"),
]
NOT_FOUND = [
    (3000, "1,500"),
    (3000, "13,000"),
    (3000, "3,0001"),
    (500, "1,500"),
    (1500, "15,000"),
    (12, "a dozen"),
    (3000, "thirty thousand"),
]


@pytest.mark.parametrize(("value", "text"), FOUND)
def test_usual_spellings_are_found(value: int, text: str) -> None:
    assert figure_in(value, text)


@pytest.mark.parametrize(("value", "text"), NOT_FOUND)
def test_other_numbers_are_not_the_figure(value: int, text: str) -> None:
    assert not figure_in(value, text)


def test_words() -> None:
    assert in_words(1500) == ["one thousand five hundred", "fifteen hundred"]
    assert "three million two hundred thousand" in in_words(3_200_000)
    assert in_words(-1) == [] and in_words(10**12) == []
