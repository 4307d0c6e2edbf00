"""Resumption tokens: the list's arguments and where the next page starts, signed.

A token is stateless (nothing to expire on the server): Django's signer keeps
a harvester from forging one, and a tampered or foreign token is refused as
``badResumptionToken``. Lists are walked by key (records by id, then
tombstones by id), so a resource published meanwhile never shifts a page.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.core import signing

SALT = "opendata.oai.resumption"


class BadToken(ValueError):
    """The token was not issued by this endpoint."""


@dataclass(frozen=True)
class ListState:
    """Where a list harvest stands: its arguments, the phase and the last key returned."""

    verb: str
    prefix: str = ""
    set_spec: str = ""
    from_: str = ""
    until: str = ""
    phase: str = "records"  # then "tombstones"
    after: int = 0
    cursor: int = 0


def encode(state: ListState) -> str:
    return signing.dumps(asdict(state), salt=SALT, compress=True)


def decode(token: str, verb: str) -> ListState:
    try:
        data = signing.loads(token, salt=SALT)
        state = ListState(**data)
    except (signing.BadSignature, TypeError, ValueError):
        raise BadToken(token) from None
    if state.verb != verb or state.phase not in ("records", "tombstones"):
        raise BadToken(token)
    return state
