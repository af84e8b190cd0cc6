"""The briefing's own judgements: ICD 203 likelihood words, confidence kept apart."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from generator.facts.model import LIKELIHOOD, Assessment
from generator.pipeline import generate

BASE = {"id": "a", "cites": ["nis-1500-sent"]}


def assessment(**fields: str) -> Assessment:
    return Assessment.model_validate({**BASE, **fields})


def test_the_seven_likelihood_words_have_their_ranges() -> None:
    assert LIKELIHOOD == {
        "almost no chance": (1, 5),
        "very unlikely": (5, 20),
        "unlikely": (20, 45),
        "roughly even chance": (45, 55),
        "likely": (55, 80),
        "very likely": (80, 95),
        "almost certain": (95, 99),
    }


def test_a_word_outside_the_list_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        assessment(text="Troops will reach the front.", likelihood="probable")
    assert info.value.errors()[0]["type"] == "literal_error"


@pytest.mark.parametrize(
    "text",
    [
        "Troops will likely reach the front; we have high confidence in this.",
        "With moderate confidence, troops will likely reach the front.",
        "We are confident troops will likely reach the front.",
    ],
)
def test_a_sentence_mixing_likelihood_and_confidence_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="state confidence in the 'confidence' field"):
        assessment(text=text, likelihood="likely", confidence="high")


def test_the_sentence_and_the_field_must_agree() -> None:
    with pytest.raises(ValidationError, match="the sentence says 'very likely'"):
        assessment(text="Troops will very likely reach the front.", likelihood="likely")
    ok = assessment(text="Troops will very likely reach the front.", likelihood="very likely")
    assert ok.likelihood == "very likely"


def test_an_assessment_shows_as_an_admonition_with_its_range(example_content) -> None:
    edition = example_content / "editions" / "2024-10-25.yaml"
    edition.write_text(
        edition.read_text(encoding="utf-8")
        + "    assessments:\n"
        + "      - id: front-likely\n"
        + "        text: North Korean soldiers will likely be sent to the front lines.\n"
        + "        likelihood: likely\n"
        + "        confidence: low\n"
        + "        cites: [nis-front-expected]\n",
        encoding="utf-8",
    )
    home = next(p for p in generate(example_content) if p.path == "index.md").markdown
    assert '!!! note "Assessment"' in home
    assert '<a id="front-likely"></a>' in home
    assert "**Likelihood:** likely (55–80%)" in home
    assert "**Confidence:** low" in home
