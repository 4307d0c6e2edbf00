"""The licences the register starts with (loaded by a data migration).

Kept as plain data so the migration and the tests read the same facts.
"""

INITIAL_LICENCES: list[dict] = [
    {
        "id": "etalab-2.0",
        "name": "Licence Ouverte 2.0",
        "short_name": "Licence Ouverte 2.0",
        "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
        "is_open": True,
        "share_alike": False,
        "requires_attribution": True,
        "description": "Licence de l'administration française pour la réutilisation libre des informations publiques, "
        "compatible avec CC BY 4.0 ; elle demande seulement de mentionner la source.",
    },
    {
        "id": "cc-by-4.0",
        "name": "Creative Commons Attribution 4.0 International",
        "short_name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/deed.fr",
        "is_open": True,
        "share_alike": False,
        "requires_attribution": True,
        "description": "Toute réutilisation, y compris commerciale, à condition de créditer l'auteur.",
    },
    {
        "id": "cc-by-sa-4.0",
        "name": "Creative Commons Attribution – Partage dans les mêmes conditions 4.0 International",
        "short_name": "CC BY-SA 4.0",
        "url": "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
        "is_open": True,
        "share_alike": True,
        "requires_attribution": True,
        "description": "Licence par défaut des productions NEC : créditer l'auteur et partager les adaptations "
        "sous la même licence.",
    },
    {
        "id": "cc0-1.0",
        "name": "Creative Commons Zero 1.0 Universel",
        "short_name": "CC0 1.0",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/deed.fr",
        "is_open": True,
        "share_alike": False,
        "requires_attribution": False,
        "description": "Renonciation aux droits : l'œuvre est versée dans le domaine public.",
    },
    {
        "id": "odbl-1.0",
        "name": "Open Database License 1.0",
        "short_name": "ODbL 1.0",
        "url": "https://opendatacommons.org/licenses/odbl/1-0/",
        "is_open": True,
        "share_alike": True,
        "requires_attribution": True,
        "description": "Pour les bases de données : créditer, partager à l'identique les bases dérivées, "
        "garder la base ouverte.",
    },
    {
        "id": "cc-by-nc-sa-4.0",
        "name": "Creative Commons Attribution – Pas d'utilisation commerciale – Partage dans les mêmes conditions 4.0",
        "short_name": "CC BY-NC-SA 4.0",
        "url": "https://creativecommons.org/licenses/by-nc-sa/4.0/deed.fr",
        "is_open": False,
        "share_alike": True,
        "requires_attribution": True,
        "description": "Rencontrée lors d'imports : l'interdiction d'usage commercial la rend non ouverte, "
        "elle ne peut être choisie pour aucun élément.",
    },
]

# Each licence's canonical URI: the address data.gouv.fr's licence list gives it
# (https://www.data.gouv.fr/api/1/datasets/licenses/, its ``url``), so a DCAT
# harvester there recognises the licence of what we publish. Kept apart from
# INITIAL_LICENCES, which migration 0002 reads field by field.
CANONICAL_URIS: dict[str, str] = {
    "etalab-2.0": "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
    "cc-by-4.0": "http://www.opendefinition.org/licenses/cc-by",
    "cc-by-sa-4.0": "http://www.opendefinition.org/licenses/cc-by-sa",
    "cc0-1.0": "http://www.opendefinition.org/licenses/cc-zero",
    "odbl-1.0": "http://opendatacommons.org/licenses/odbl/summary/",
    "cc-by-nc-sa-4.0": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
}
