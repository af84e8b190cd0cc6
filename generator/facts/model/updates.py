"""A later status of a treaty stage or a route phase: itself a dated, cited claim."""

from __future__ import annotations

from pydantic import Field

from generator.facts.dates import When
from generator.facts.model.base import ActorRole
from generator.facts.model.claims import Evidence
from generator.facts.model.fields import Ref


class Update(Evidence):
    """What a later document says the status is. The step's own status stays what its
    first document said; the current status is the latest update's."""

    originator: Ref | None = Field(
        None,
        description="Id of the actor who says so; leave out when the document says it in "
        "its own voice.",
        examples=["high-court"],
    )
    when: When | None = Field(
        None,
        description="When the new status took effect, if the document says.",
        examples=[{"text": "on 8 May", "date": "2031-05-08"}],
    )

    @property
    def attributed_to(self) -> str | None:
        return self.originator

    @property
    def actor_roles(self) -> tuple[tuple[ActorRole, str], ...]:
        return (("originator", self.originator),) if self.originator else ()

    @property
    def dated(self) -> When | None:
        return self.when
