"""Grades: Admiralty reliability and credibility, and ICD 203 assessments.

A source is graded A-F for reliability and a claim 1-6 for credibility; the briefing's own
judgements use ICD 203's fixed likelihood words, with confidence stated apart.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Literal

from pydantic import Field, model_validator

from generator.facts.model.base import Indexed
from generator.facts.model.fields import Id, Ref, Text

Reliability = Literal["A", "B", "C", "D", "E", "F", "not graded"]
Credibility = Literal["1", "2", "3", "4", "5", "6", "not graded"]
RELIABILITY_MEANING = MappingProxyType(
    {
        "A": "completely reliable",
        "B": "usually reliable",
        "C": "fairly reliable",
        "D": "not usually reliable",
        "E": "unreliable",
        "F": "reliability cannot be judged",
        "not graded": "the briefing gives no grade: the source offers no basis for one",
    }
)
CREDIBILITY_MEANING = MappingProxyType(
    {
        "1": "confirmed by other sources",
        "2": "probably true",
        "3": "possibly true",
        "4": "doubtful",
        "5": "improbable",
        "6": "truth cannot be judged",
        "not graded": "the briefing gives no grade: the source offers no basis for one",
    }
)


LIKELIHOOD = MappingProxyType(
    {
        "almost no chance": (1, 5),
        "very unlikely": (5, 20),
        "unlikely": (20, 45),
        "roughly even chance": (45, 55),
        "likely": (55, 80),
        "very likely": (80, 95),
        "almost certain": (95, 99),
    }
)
Likelihood = Literal[
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
]
Confidence = Literal["low", "moderate", "high"]
_CONFIDENCE_WORDS = re.compile(r"\b(low|moderate|high)(-|\s+)confidence\b|\bconfiden", re.I)


class Assessment(Indexed):
    """The briefing's own judgement, in ICD 203 words: a likelihood, and separately a
    confidence; never both in one sentence."""

    id: Id
    text: Text = Field(
        description="The judgement, one sentence; it may use its likelihood word, but says "
        "nothing of confidence.",
        examples=["The main contingent of officers will likely leave once the act is in force."],
    )
    likelihood: Likelihood | None = Field(
        None,
        description="ICD 203 likelihood word (fixed ranges, see the Method page).",
        examples=["likely"],
    )
    confidence: Confidence | None = Field(
        None,
        description="Analytic confidence in the judgement: low, moderate or high.",
        examples=["moderate"],
    )
    cites: list[Ref] = Field(
        min_length=1,
        description="Ids of the facts it rests on.",
        examples=[["main-contingent"]],
    )

    @property
    def caption(self) -> str:
        return self.text

    @model_validator(mode="after")
    def _separate(self) -> Assessment:
        if _CONFIDENCE_WORDS.search(self.text):
            raise ValueError(
                "state confidence in the 'confidence' field, not in the sentence: ICD 203 keeps "
                "likelihood and confidence apart"
            )
        lowered = self.text.lower()
        used = [w for w in LIKELIHOOD if re.search(rf"\b{w}\b", lowered)]
        longest = [w for w in used if not any(w != o and w in o for o in used)]
        if longest and self.likelihood not in longest:
            raise ValueError(
                f"the sentence says '{longest[0]}' but 'likelihood' is "
                f"'{self.likelihood or 'not set'}'"
            )
        return self
