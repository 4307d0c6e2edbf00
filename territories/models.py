"""The territory register: régions, départements and communes with their INSEE codes.

INSEE codes collide across kinds (région 01 is Guadeloupe, département 01 is
Ain), so a territory is unique by (kind, code), and everywhere a single string
must name one (the search facet, the API) it is named by its **key**: the
kind's prefix and the code, « reg-76 », « dep-30 », « com-57463 ».

Each territory stores its **path**, the keys of its ancestors and its own,
« reg-44/dep-57/com-57463 »: its ancestors are read from the path without a
query, and everything inside a territory is one prefix query on the path's
index (``Territory.objects.within``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.db import models

# Separates the keys of a path (never found in a key).
PATH_SEPARATOR = "/"


class TerritoryKind(models.TextChoices):
    REGION = "region", "Région"
    DEPARTEMENT = "departement", "Département"
    COMMUNE = "commune", "Commune"


# The key prefix of each kind, and back.
KEY_PREFIXES: dict[str, str] = {
    TerritoryKind.REGION: "reg",
    TerritoryKind.DEPARTEMENT: "dep",
    TerritoryKind.COMMUNE: "com",
}
_KINDS_BY_PREFIX = {prefix: kind for kind, prefix in KEY_PREFIXES.items()}


_NOT_LETTERS = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lowercase words without accents or punctuation: « Vers-Pont-du-Gard » → « vers pont du gard »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NOT_LETTERS.sub(" ", plain).split())


def territory_key(kind: str, code: str) -> str:
    """« reg-76 » for the région 76: one string naming one territory."""
    return f"{KEY_PREFIXES[kind]}-{code}"


def parse_key(key: str) -> tuple[str, str] | None:
    """(kind, code) of a key, or None when it is not one."""
    prefix, dash, code = str(key).partition("-")
    if not dash or prefix not in _KINDS_BY_PREFIX or not code.isalnum() or len(code) > 5:
        return None
    return _KINDS_BY_PREFIX[prefix], code.upper()


class TerritoryQuerySet(models.QuerySet):
    def with_keys(self, keys: Iterable[str]) -> TerritoryQuerySet:
        """The territories these keys name (keys that name none are ignored); one query."""
        parsed = {parse_key(key) for key in keys} - {None}
        if not parsed:
            return self.none()
        condition = models.Q()
        for kind, code in parsed:
            condition |= models.Q(kind=kind, code=code)
        return self.filter(condition)

    def matching(self, text: str) -> TerritoryQuerySet:
        """Territories whose name has words starting as typed (accents and case aside), or whose
        INSEE code starts so: the admin's autocomplete. Indexed prefix first, then inside names."""
        folded = fold(text)
        if not folded:
            return self
        code = text.strip().upper()
        return self.filter(
            models.Q(folded_name__startswith=folded)
            | models.Q(folded_name__contains=" " + folded)
            | models.Q(code__startswith=code)
        )

    def within(self, territory: Territory, *, include_self: bool = True) -> TerritoryQuerySet:
        """Everything inside ``territory`` (its départements and communes…): one prefix query on the path."""
        inside = models.Q(path__startswith=territory.path + PATH_SEPARATOR)
        return self.filter(inside | models.Q(pk=territory.pk) if include_self else inside)


class Territory(models.Model):
    """A région, a département or a commune of the Code officiel géographique."""

    kind = models.CharField("type", max_length=16, choices=TerritoryKind.choices)
    code = models.CharField("code INSEE", max_length=5)
    name = models.CharField("nom", max_length=120)
    parent = models.ForeignKey(
        "self",
        verbose_name="territoire parent",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="La région d'un département, le département d'une commune ; aucun pour une région.",
    )
    # The name folded by ``fold``, for the autocomplete (« merignac » finds « Mérignac »).
    folded_name = models.CharField(max_length=120, editable=False, db_index=True)
    # Keys from the région down to this territory (see the module docstring).
    path = models.CharField("chemin", max_length=64, unique=True)

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = "territoire"
        verbose_name_plural = "territoires"
        ordering = ["name", "code"]
        constraints = [models.UniqueConstraint(fields=["kind", "code"], name="territory_unique_kind_code")]

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs):
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)

    @property
    def key(self) -> str:
        """The one string naming this territory (facet value, API value)."""
        return territory_key(self.kind, self.code)

    @property
    def label(self) -> str:
        """Its name, with the département's code for a commune or a département (« Mérignac (33) »)."""
        if self.kind == TerritoryKind.REGION:
            return self.name
        departement = self.code if self.kind == TerritoryKind.DEPARTEMENT else self.departement_code
        return f"{self.name} ({departement})"

    @property
    def departement_code(self) -> str:
        """The code of the département a commune lies in, read from its path (no query)."""
        for key in self.ancestor_keys():
            if key.startswith(KEY_PREFIXES[TerritoryKind.DEPARTEMENT] + "-"):
                return key.partition("-")[2]
        return ""

    def ancestor_keys(self, *, include_self: bool = False) -> list[str]:
        """Keys of its région, département…, from the top (no query)."""
        keys = self.path.split(PATH_SEPARATOR)
        return keys if include_self else keys[:-1]

    def ancestors(self) -> models.QuerySet[Territory]:
        """Its région and département, from the top: one query on the unique path."""
        keys = self.path.split(PATH_SEPARATOR)
        prefixes = [PATH_SEPARATOR.join(keys[: depth + 1]) for depth in range(len(keys) - 1)]
        return Territory.objects.filter(path__in=prefixes).order_by("path")

    def descendants(self) -> TerritoryQuerySet:
        """Everything inside it (one prefix query on the path)."""
        return Territory.objects.within(self, include_self=False)
