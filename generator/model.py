"""The typed fact records: what a fact file may say, each field documented where declared.

The unit is the *claim*: who originated it, which document reported it, when, about what,
with what value. Conflicting claims are all kept; nothing here ever merges them.
"""

from __future__ import annotations

import html
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .dates import When

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_MAX = 64

Id = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX),
    Field(
        description="Stable id: lowercase ASCII letters, digits and single hyphens. "
        "Never change it once published.",
        examples=["nis-1500-sent"],
    ),
]
Ref = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX)]

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
    return value.strip()


Url = Annotated[str, AfterValidator(_safe_url)]


Reliability = Literal["A", "B", "C", "D", "E", "F", "not graded"]
Credibility = Literal["1", "2", "3", "4", "5", "6", "not graded"]
RELIABILITY_MEANING = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
    "not graded": "the briefing gives no grade: the source offers no basis for one",
}
CREDIBILITY_MEANING = {
    "1": "confirmed by other sources",
    "2": "probably true",
    "3": "possibly true",
    "4": "doubtful",
    "5": "improbable",
    "6": "truth cannot be judged",
    "not graded": "the briefing gives no grade: the source offers no basis for one",
}


class Record(BaseModel):
    """Base of every record: frozen, and unknown keys are errors."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=False)


class Evidence(Record):
    """Where a fact comes from: the document that reported it and its exact words."""

    document: Ref = Field(
        description="Id of the document that reported this.", examples=["report-2024-10-25"]
    )
    quote: Text = Field(
        description="The passage of the document that supports this fact, copied verbatim.",
        examples=["Seoul estimates that Pyongyang may send a total of about 12,000 soldiers."],
    )


class Claim(Evidence):
    """A fact as somebody claimed it: originator (who said it) apart from the document."""

    id: Id
    originator: Ref | None = Field(
        None,
        description="Id of the actor who made the claim. Leave out when the document states it "
        "in its own voice.",
        examples=["kr-nis"],
    )
    speaker: Ref | None = Field(
        None,
        description="Id of the person who voiced it for the originator.",
        examples=["john-kirby"],
    )
    credibility: Credibility = Field(
        "not graded",
        description="Admiralty credibility of this claim: 1 (confirmed by other sources) to 5 "
        "(improbable), 6 (cannot be judged), or 'not graded' when nothing gives a basis.",
        examples=["not graded", "2"],
    )


class Document(Record):
    """A published document that reports claims: a news report, a statement, a briefing."""

    id: Id
    title: Title = Field(
        description="The document's title as published.",
        examples=["North Korean soldiers reported in Russia's Kursk region"],
    )
    published: When = Field(description="Publication date.", examples=["2024-10-25"])
    publisher: Text | None = Field(
        None, description="Who published it, if the document says.", examples=["Reuters"]
    )
    url: Url | None = Field(
        None,
        description="Where to read it (https:, http: or mailto:).",
        examples=["https://example.org/reports/2024-10-25"],
    )
    archive: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9_\-]+(/[A-Za-z0-9_\-]+)*\.txt$",
        description="Path, under content/, of a plain-text copy of the document. When given, "
        "every quote citing the document must appear in it verbatim.",
        examples=["documents/report-2024-10-25.txt"],
    )


ActorKind = Literal["state", "organisation", "person", "group"]


class Actor(Record):
    """A state, organisation, person or group that claims, reacts or is a party."""

    id: Id
    name: Title = Field(
        description="Name as the briefing shows it.",
        examples=["South Korea's National Intelligence Service"],
    )
    kind: ActorKind = Field(
        description="state, organisation, person or group.", examples=["organisation"]
    )
    short: Annotated[str, StringConstraints(min_length=1, max_length=40)] | None = Field(
        None, description="Short name or abbreviation.", examples=["NIS"]
    )
    country: Ref | None = Field(
        None, description="Id of the state this actor belongs to.", examples=["south-korea"]
    )
    role: Text | None = Field(
        None,
        description="Role, as the source gives it.",
        examples=["spokesperson for the National Security Council"],
    )
    speaks_for: Ref | None = Field(
        None, description="Id of the actor this person speaks for.", examples=["us-nsc"]
    )
    reliability: Reliability = Field(
        "not graded",
        description="Admiralty reliability of this actor as a source: A (completely reliable) "
        "to E (unreliable), F (cannot be judged), or 'not graded'.",
        examples=["not graded", "B"],
    )


Counts = Literal["sent", "training", "front", "present", "projected"]
Qualifier = Literal["exact", "about", "at-least", "up-to"]


class Estimate(Claim):
    """A claimed figure: a value or a low/high range, what it counts, and as of when."""

    value: Count | None = Field(None, description="The figure, if one number.", examples=[1500])
    low: Count | None = Field(None, description="Low end of a range.", examples=[1500])
    high: Count | None = Field(None, description="High end of a range.", examples=[3000])
    qualifier: Qualifier = Field(
        "exact",
        description="exact, about, at-least or up-to, as the source words it.",
        examples=["at-least"],
    )
    counts: Counts = Field(
        description="What the figure counts: sent, training (in training), front (deployed to "
        "the front), present, or projected (a projected total, never current strength).",
        examples=["sent"],
    )
    as_of: When | None = Field(
        None,
        description="The date or period the figure describes, if the source says.",
        examples=[
            {
                "text": "between early and mid-October",
                "from": "2024-10-01",
                "to": "2024-10-20",
                "rule": "early = days 1-10 and mid = days 11-20 of October 2024",
            }
        ],
    )
    claimed: When | None = Field(
        None,
        description="When the originator made the claim.",
        examples=[
            {
                "text": "on Wednesday",
                "date": "2024-10-23",
                "rule": "the Wednesday before the report of Friday 2024-10-25",
            }
        ],
    )
    adds_to: Ref | None = Field(
        None,
        description="Id of an earlier estimate this figure comes on top of ('another 1,500').",
        examples=["nis-1500-sent"],
    )


class Phase(Claim):
    """One step of a deployment's route, in order."""

    name: Title = Field(
        description="What happens in this phase.",
        examples=["By sea from North Korea to Vladivostok"],
    )
    status: Literal["completed", "ongoing", "expected"] = Field(
        description="completed, ongoing or expected, as claimed.", examples=["completed"]
    )
    when: When | None = Field(
        None,
        description="When, if the source says.",
        examples=[{"text": "on Wednesday", "date": "2024-10-23"}],
    )
    arrives_at: Ref | None = Field(
        None, description="Id of the place this phase ends at (for the map).", examples=["kursk"]
    )


class Note(Claim):
    """Something the document says about a subject that is not a figure or a step."""

    text: Text = Field(
        description="The point, in the document's terms.",
        examples=["The US has yet to determine whether the soldiers will fight for Russia."],
    )


class Deployment(Record):
    """A force sent somewhere: its route and phases, and every estimate of its size."""

    id: PageId
    title: Title = Field(
        description="The deployment's page title.", examples=["North Korean troops in Russia"]
    )
    force: Text = Field(description="What force.", examples=["North Korean soldiers"])
    origin: Ref = Field(description="Id of the actor sending the force.", examples=["north-korea"])
    destination: Ref = Field(description="Id of the actor receiving it.", examples=["russia"])
    starts_at: Ref | None = Field(
        None,
        description="Id of the place the route starts from (for the map).",
        examples=["north-korea-place"],
    )
    summary: Text | None = Field(
        None,
        description="One paragraph of context, the briefing's words.",
        examples=["Reports that North Korean soldiers trained in eastern Russia reached Kursk."],
    )
    route: list[Phase] = Field(
        default_factory=list,
        description="The phases, in order.",
        examples=[
            [
                {
                    "id": "sea-to-vladivostok",
                    "name": "By sea from North Korea to Vladivostok",
                    "status": "completed",
                    "document": "report-2024-10-25",
                    "quote": "The troops traveled by sea from North Korea to Vladivostok",
                }
            ]
        ],
    )
    estimates: list[Estimate] = Field(
        default_factory=list,
        description="Every claimed figure.",
        examples=[
            [
                {
                    "id": "nis-1500-sent",
                    "value": 1500,
                    "counts": "sent",
                    "claimed": "2024-10-18",
                    "originator": "kr-nis",
                    "document": "report-2024-10-25",
                    "quote": "South Korea's intelligence agency reported a deployment of 1,500",
                }
            ]
        ],
    )
    notes: list[Note] = Field(
        default_factory=list,
        description="Other reported points.",
        examples=[
            [
                {
                    "id": "kirby-undetermined",
                    "text": "Whether the soldiers will fight is not yet determined.",
                    "document": "report-2024-10-25",
                    "quote": "it has yet to be determined",
                }
            ]
        ],
    )


class Signature(Evidence):
    """Where, when and by whom a treaty was signed."""

    id: Id
    when: When = Field(
        description="When it was signed.",
        examples=[{"text": "in June", "date": "2024-06"}],
    )
    place: Text | None = Field(None, description="Where it was signed.", examples=["Pyongyang"])
    signatories: list[Ref] = Field(
        default_factory=list,
        description="Ids of the signing actors.",
        examples=[["vladimir-putin", "kim-jong-un"]],
    )


class Provision(Evidence):
    """A key provision, quoted as the source gives it."""

    id: Id
    text: Text = Field(
        description="The provision's words as the source quotes them.",
        examples=["immediate military aid"],
    )
    article: Text | None = Field(
        None, description="The article, where the source gives it.", examples=["Article 4"]
    )
    context: Text | None = Field(
        None,
        description="What the provision applies to.",
        examples=["in the event of an attack on North Korea or Russia"],
    )


class Stage(Claim):
    """One step towards a treaty's entry into force."""

    name: Title = Field(description="What this step is.", examples=["Approval by the State Duma"])
    body: Ref | None = Field(
        None, description="Id of the body that acts in this stage.", examples=["state-duma"]
    )
    status: Literal["done", "pending", "expected"] = Field(
        description="done, pending or expected, as reported.", examples=["pending"]
    )
    when: When | None = Field(
        None,
        description="When the step was taken or is expected, if the source says.",
        examples=[{"text": "on Thursday", "date": "2024-10-24"}],
    )
    vote: Text | None = Field(None, description="The vote as reported.", examples=["unanimous"])
    outlook: Text | None = Field(
        None, description="How the step is seen, as reported.", examples=["seen as a formality"]
    )


class Treaty(Record):
    """A treaty and its way into force, as a stage tracker."""

    id: PageId
    title: Title = Field(
        description="The treaty's name as the briefing shows it.",
        examples=["Russia–North Korea strategic partnership agreement"],
    )
    parties: list[Ref] = Field(
        min_length=1,
        description="Ids of the states or organisations party to it.",
        examples=[["russia", "north-korea"]],
    )
    signature: Signature | None = Field(
        None,
        description="The signature: the tracker's first stage.",
        examples=[
            {
                "id": "putin-kim-signature",
                "when": "2024-06",
                "place": "Pyongyang",
                "document": "report-2024-10-25",
                "quote": "The agreement was signed by Putin and North Korean leader Kim Jong Un",
            }
        ],
    )
    provisions: list[Provision] = Field(
        default_factory=list,
        description="Key provisions, quoted as the source gives them.",
        examples=[
            [
                {
                    "id": "immediate-military-aid",
                    "text": "immediate military aid",
                    "document": "report-2024-10-25",
                    "quote": 'the provision of "immediate military aid"',
                }
            ]
        ],
    )
    stages: list[Stage] = Field(
        default_factory=list,
        description="After signature, in order.",
        examples=[
            [
                {
                    "id": "federation-council-ratification",
                    "name": "Ratification by the Federation Council",
                    "status": "pending",
                    "document": "report-2024-10-25",
                    "quote": "The Russian Federation Council still needs to ratify it",
                }
            ]
        ],
    )


ReactionKind = Literal[
    "statement",
    "confirmation",
    "non-denial",
    "denial",
    "summons",
    "call-for-sanctions",
    "sanctions",
    "resolution",
]


class Reaction(Claim):
    """How an actor reacted: typed, dated where the source says, with its words."""

    actor: Ref = Field(description="Id of the actor who reacted.", examples=["nato"])
    kind: ReactionKind = Field(
        description="statement, confirmation, non-denial, denial, summons, call-for-sanctions, "
        "sanctions or resolution.",
        examples=["summons"],
    )
    when: When | None = Field(
        None,
        description="When the actor reacted, if the source says.",
        examples=[{"text": "on Wednesday", "date": "2024-10-23"}],
    )
    summary: Text = Field(
        description="What the actor did or said, in one line.",
        examples=["Summoned the North Korean ambassador in response to the reports."],
    )
    diplomat: Text | None = Field(
        None,
        description="For a summons: the diplomat's rank, as given.",
        examples=["North Korean ambassador"],
    )
    responds_to: list[Ref] = Field(
        default_factory=list,
        description="Ids of the facts it answers.",
        examples=[["dprk-troops-in-russia"]],
    )


class Event(Claim):
    """Any other dated happening."""

    title: Title = Field(
        description="What happened, in one line.",
        examples=["Russian forces counter-attack in Kursk"],
    )
    when: When | None = Field(
        None,
        description="When it happened, if the source says.",
        examples=[{"text": "in September", "date": "2024-09"}],
    )


class Takeaway(Record):
    """A key judgement of the briefing, citing the facts behind it."""

    text: Text = Field(
        description="The takeaway, in the briefing's words.",
        examples=["Estimates conflict; they are shown side by side."],
    )
    cites: list[Ref] = Field(
        min_length=1,
        description="Ids of the facts it rests on.",
        examples=[["nis-1500-sent", "kirby-3000-east"]],
    )


LIKELIHOOD = {
    "almost no chance": (1, 5),
    "very unlikely": (5, 20),
    "unlikely": (20, 45),
    "roughly even chance": (45, 55),
    "likely": (55, 80),
    "very likely": (80, 95),
    "almost certain": (95, 99),
}
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


class Assessment(Record):
    """The briefing's own judgement, in ICD 203 words: a likelihood, and separately a
    confidence; never both in one sentence."""

    id: Id
    text: Text = Field(
        description="The judgement, one sentence; it may use its likelihood word, but says "
        "nothing of confidence.",
        examples=["North Korean soldiers will likely be deployed to the front lines."],
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
        examples=[["nis-front-expected"]],
    )

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


class GlossaryEntry(Record):
    """An abbreviation readers see as a tooltip wherever it appears."""

    term: Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9]{1,15}$")] = Field(
        description="The abbreviation as it appears in text.", examples=["NIS"]
    )
    meaning: Title = Field(
        description="What it stands for.", examples=["National Intelligence Service (South Korea)"]
    )


class Place(Record):
    """A place on the schematic map. Coordinates are approximate and for the map only."""

    id: Id
    name: Title = Field(description="Name as the map shows it.", examples=["Vladivostok"])
    lat: float = Field(ge=-90, le=90, description="Latitude, decimal degrees.", examples=[43.1])
    lon: float = Field(ge=-180, le=180, description="Longitude, decimal degrees.", examples=[131.9])
    basis: Text = Field(
        description="Where the coordinates come from and how precise they are.",
        examples=["approximate city centre, for the schematic map only"],
    )


class Briefing(Record):
    """The edition: title, date, data cut-off and key takeaways."""

    title: Title = Field(
        description="The briefing's title, shown on every page.",
        examples=["North Korean troops in Russia's Kursk region"],
    )
    date: When = Field(description="Date of this edition.", examples=["2024-10-25"])
    cutoff: When = Field(
        description="Data cut-off: nothing after this date is included.", examples=["2024-10-25"]
    )
    summary: Text | None = Field(
        None,
        description="One paragraph on what the briefing covers, shown on the home page.",
        examples=["Reports that North Korean soldiers trained in eastern Russia reached Kursk."],
    )
    takeaways: list[Takeaway] = Field(
        default_factory=list,
        description="Key takeaways, in order, each citing the facts behind it.",
        examples=[[{"text": "Estimates conflict.", "cites": ["nis-1500-sent", "kirby-3000-east"]}]],
    )
    assessments: list[Assessment] = Field(
        default_factory=list,
        description="The briefing's own judgements, in ICD 203 words.",
        examples=[
            [
                {
                    "id": "front-deployment-likely",
                    "text": "North Korean soldiers will likely be deployed to the front lines.",
                    "likelihood": "likely",
                    "confidence": "moderate",
                    "cites": ["nis-front-expected"],
                }
            ]
        ],
    )


class FactFileModel(Record):
    """What one fact file may hold. Split facts over files as you like."""

    briefing: Briefing | None = Field(
        None,
        description="The edition: title, date, cut-off, takeaways. Exactly one file has it.",
        examples=[
            {"title": "North Korean troops in Russia", "date": "2024-10-25", "cutoff": "2024-10-25"}
        ],
    )
    documents: list[Document] = Field(
        default_factory=list,
        description="The documents that reported the facts (the sources).",
        examples=[
            [{"id": "report-2024-10-25", "title": "Troops in Kursk", "published": "2024-10-25"}]
        ],
    )
    actors: list[Actor] = Field(
        default_factory=list,
        description="States, organisations, people and groups that claim, react or sign.",
        examples=[
            [{"id": "kr-nis", "name": "South Korea's intelligence agency", "kind": "organisation"}]
        ],
    )
    deployments: list[Deployment] = Field(
        default_factory=list,
        description="Forces sent somewhere: route, phases and every estimate of their size.",
        examples=[
            [
                {
                    "id": "dprk-troops-in-russia",
                    "title": "North Korean troops in Russia",
                    "force": "North Korean soldiers",
                    "origin": "north-korea",
                    "destination": "russia",
                }
            ]
        ],
    )
    treaties: list[Treaty] = Field(
        default_factory=list,
        description="Treaties, each a stage tracker: signature, provisions, later stages.",
        examples=[
            [
                {
                    "id": "russia-dprk-partnership",
                    "title": "Partnership agreement",
                    "parties": ["russia", "north-korea"],
                }
            ]
        ],
    )
    reactions: list[Reaction] = Field(
        default_factory=list,
        description="How actors reacted, each typed and with their words.",
        examples=[
            [
                {
                    "id": "nato-confirms",
                    "actor": "nato",
                    "kind": "confirmation",
                    "summary": "Confirmed the deployment.",
                    "document": "report-2024-10-25",
                    "quote": "NATO confirmed",
                }
            ]
        ],
    )
    events: list[Event] = Field(
        default_factory=list,
        description="Any other dated happenings.",
        examples=[
            [
                {
                    "id": "russia-counterattack",
                    "title": "Russian forces counter-attack",
                    "when": "2024-09",
                    "document": "report-2024-10-25",
                    "quote": "Russian forces counterattacked in September.",
                }
            ]
        ],
    )
    glossary: list[GlossaryEntry] = Field(
        default_factory=list,
        description="Abbreviations shown as tooltips wherever they appear.",
        examples=[[{"term": "NIS", "meaning": "National Intelligence Service (South Korea)"}]],
    )
    places: list[Place] = Field(
        default_factory=list,
        description="Places on the schematic map, with approximate coordinates.",
        examples=[
            [
                {
                    "id": "vladivostok",
                    "name": "Vladivostok",
                    "lat": 43.1,
                    "lon": 131.9,
                    "basis": "approximate city centre",
                }
            ]
        ],
    )
