"""Actor: a state, a person or an organization, with its names in several scripts."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from nkwatch.schema.base import Date, Sourced

#: Name systems: "en" (English usage), "ko" (Hangul), "rr" (Revised Romanization),
#: "mr" (McCune–Reischauer), "dprk" (the DPRK's official romanization), "zh", "ru", "ja",
#: "local" (another official form), "alias" (other spellings in use).
NameSystem = Literal["en", "ko", "rr", "mr", "dprk", "zh", "ru", "ja", "local", "alias"]


class Name(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    system: NameSystem = "alias"


class Actor(Sourced):
    type: Literal["state", "person", "organization"]
    name: str = Field(min_length=1)
    names: list[Name] = Field(default_factory=list)
    #: States: ISO 3166-1 alpha-3 (or ISO 3166-3 for former states, e.g. SUN for the USSR).
    iso3: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    #: States: Correlates of War state number.
    cow: int | None = None
    #: People: born/died; organizations and states: founded/dissolved.
    start: Date | None = None
    end: Date | None = None
    description: str | None = None

    @model_validator(mode="after")
    def _states_have_codes(self) -> Actor:
        if self.type == "state" and not self.iso3:
            raise ValueError("a state needs its ISO 3166 alpha-3 code: add 'iso3: XXX'")
        if self.type != "state" and (self.iso3 or self.cow is not None):
            raise ValueError("only states carry iso3 and cow codes")
        return self
