"""The six OAI-PMH 2.0 verbs over the public resources, and every argument error.

``respond(arguments, base_url)`` takes the request's arguments (a multi-value
mapping) and returns the response document. Errors are the protocol's codes:
``badVerb``, ``badArgument`` (missing, unknown, repeated, malformed or
exclusive arguments; a ``from`` after ``until``), ``badResumptionToken``,
``cannotDisseminateFormat``, ``idDoesNotExist``, ``noRecordsMatch``
(``noMetadataFormats`` and ``noSetHierarchy`` cannot occur: every record has
``oai_dc`` and the repository has sets).

Records are the visible resources, by id; then the tombstones of withdrawn
ones (``status="deleted"``). A page costs a fixed number of queries.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timedelta, timezone as dt_timezone
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Min, Q, QuerySet
from django.utils import timezone
from lxml import etree

from opendata.dates import modified_at
from opendata.models import Tombstone
from opendata.oai import tokens
from opendata.oai.metadata import FORMATS, oai_dc
from opendata.records import load_records, prepared, public_resources
from opendata.sets import KINDS, all_groups, find_group, resources_in, specs_of

OAI = "http://www.openarchives.org/OAI/2.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"

# Arguments each verb accepts: (required, optional, exclusive).
VERBS: dict[str, tuple[set[str], set[str], str | None]] = {
    "Identify": (set(), set(), None),
    "ListMetadataFormats": (set(), {"identifier"}, None),
    "ListSets": (set(), set(), "resumptionToken"),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), None),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


class OaiError(Exception):
    """A protocol error: its code and a message for the harvester."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


def page_size() -> int:
    return int(getattr(settings, "OPENDATA_OAI_PAGE_SIZE", 100))


def repository_id() -> str:
    """The host name of the hub, as the oai-identifier scheme's repository identifier."""
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


def identifier(resource_id: int) -> str:
    return f"oai:{repository_id()}:ressource/{resource_id}"


def resource_id_of(value: str) -> int | None:
    prefix = f"oai:{repository_id()}:ressource/"
    rest = value.removeprefix(prefix)
    return int(rest) if rest != value and rest.isdigit() else None


def datestamp(value: datetime | None) -> str:
    value = value or timezone.now()
    return value.astimezone(dt_timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def respond(arguments: Mapping[str, list[str]], base_url: str) -> etree._Element:
    """The response document to a request with these arguments."""
    now = timezone.now()
    root = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={None: OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} {OAI_SCHEMA}")
    etree.SubElement(root, f"{{{OAI}}}responseDate").text = datestamp(now)
    request = etree.SubElement(root, f"{{{OAI}}}request")
    request.text = base_url
    try:
        verb, args = _checked(arguments)
        for name, value in args.items():
            request.set(name, value)
        root.append(_VERB_HANDLERS[verb](args, base_url))
    except OaiError as error:
        if error.code in ("badVerb", "badArgument"):
            request.attrib.clear()  # the specification: the base URL only
        node = etree.SubElement(root, f"{{{OAI}}}error", code=error.code)
        node.text = str(error)
    return root


def _checked(arguments: Mapping[str, list[str]]) -> tuple[str, dict[str, str]]:
    verbs = arguments.get("verb", [])
    if len(verbs) != 1:
        raise OaiError("badVerb", "Le paramètre verb est absent ou répété." if not verbs else "Le paramètre verb est répété.")
    verb = verbs[0]
    if verb not in VERBS:
        raise OaiError("badVerb", f"Verbe inconnu « {verb[:50]} » ; verbes possibles : {', '.join(VERBS)}.")
    required, optional, exclusive = VERBS[verb]
    args: dict[str, str] = {}
    for name, values in arguments.items():
        if name == "verb":
            continue
        if name not in required | optional | ({exclusive} if exclusive else set()):
            raise OaiError("badArgument", f"Argument inconnu pour {verb} : « {name[:50]} ».")
        if len(values) != 1:
            raise OaiError("badArgument", f"L'argument « {name} » est répété.")
        args[name] = values[0]
    if exclusive and exclusive in args:
        if len(args) > 1:
            raise OaiError("badArgument", f"« {exclusive} » s'emploie seul, sans autre argument.")
        return verb, args
    missing = sorted(required - set(args))
    if missing:
        raise OaiError("badArgument", f"Argument requis pour {verb} : {', '.join(missing)}.")
    return verb, args


# --- Verbs ------------------------------------------------------------------------------


def _identify(args: dict, base_url: str) -> etree._Element:
    node = etree.Element(f"{{{OAI}}}Identify")
    earliest = [
        public_resources().aggregate(first=Min("last_published_at"))["first"],
        Tombstone.objects.aggregate(first=Min("withdrawn_at"))["first"],
    ]
    earliest = [value for value in earliest if value]
    for name, value in (
        ("repositoryName", settings.WAGTAIL_SITE_NAME),
        ("baseURL", base_url),
        ("protocolVersion", "2.0"),
        ("adminEmail", getattr(settings, "OPENDATA_ADMIN_EMAIL", "contact@example.org")),
        ("earliestDatestamp", datestamp(min(earliest) if earliest else None)),
        ("deletedRecord", "persistent"),
        ("granularity", GRANULARITY),
    ):
        etree.SubElement(node, f"{{{OAI}}}{name}").text = value
    return node


def _list_metadata_formats(args: dict, base_url: str) -> etree._Element:
    if "identifier" in args:
        _find(args["identifier"])
    node = etree.Element(f"{{{OAI}}}ListMetadataFormats")
    for prefix, (schema, namespace) in FORMATS.items():
        fmt = etree.SubElement(node, f"{{{OAI}}}metadataFormat")
        etree.SubElement(fmt, f"{{{OAI}}}metadataPrefix").text = prefix
        etree.SubElement(fmt, f"{{{OAI}}}schema").text = schema
        etree.SubElement(fmt, f"{{{OAI}}}metadataNamespace").text = namespace
    return node


def _list_sets(args: dict, base_url: str) -> etree._Element:
    if "resumptionToken" in args:
        raise OaiError("badResumptionToken", "La liste des ensembles tient en une réponse : aucun jeton n'a été émis.")
    node = etree.Element(f"{{{OAI}}}ListSets")
    entries = [(kind, f"{label}s") for kind, label in KINDS.items()]
    entries += [(group.spec, group.name) for group in all_groups()]
    for spec, name in entries:
        item = etree.SubElement(node, f"{{{OAI}}}set")
        etree.SubElement(item, f"{{{OAI}}}setSpec").text = spec
        etree.SubElement(item, f"{{{OAI}}}setName").text = name
    return node


def _get_record(args: dict, base_url: str) -> etree._Element:
    _check_prefix(args["metadataPrefix"])
    found = _find(args["identifier"])
    node = etree.Element(f"{{{OAI}}}GetRecord")
    if isinstance(found, Tombstone):
        node.append(_deleted(found, with_record=True))
    else:
        node.append(_records([found], with_metadata=True)[0])
    return node


def _list(args: dict, with_metadata: bool) -> etree._Element:
    verb = "ListRecords" if with_metadata else "ListIdentifiers"
    if "resumptionToken" in args:
        try:
            state = tokens.decode(args["resumptionToken"], verb)
        except tokens.BadToken:
            raise OaiError("badResumptionToken", "Jeton de reprise inconnu, altéré ou d'un autre verbe.") from None
    else:
        _check_prefix(args["metadataPrefix"])
        state = tokens.ListState(
            verb, args["metadataPrefix"], args.get("set", ""), args.get("from", ""), args.get("until", "")
        )
    resources, tombstones = _selection(state)
    size = page_size()
    items: list[etree._Element] = []
    next_state: tokens.ListState | None = None
    if state.phase == "records":
        pages = list(prepared(resources.filter(pk__gt=state.after).order_by("pk"))[: size + 1])
        if len(pages) > size:
            pages = pages[:size]
            next_state = replace(state, after=pages[-1].pk, cursor=state.cursor + size)
        items += _records(pages, with_metadata)
        if next_state is None:
            state = replace(state, phase="tombstones", after=0)
    if next_state is None and state.phase == "tombstones":
        room = size - len(items)
        stones = list(tombstones.filter(pk__gt=state.after).order_by("pk")[: room + 1])
        if len(stones) > room:
            stones = stones[:room]
            last = stones[-1].pk if stones else state.after
            next_state = replace(state, after=last, cursor=state.cursor + size)
        items += [_deleted(stone, with_record=with_metadata) for stone in stones]
    if not items and "resumptionToken" not in args:
        raise OaiError("noRecordsMatch", "Aucun enregistrement ne répond à ces critères.")
    node = etree.Element(f"{{{OAI}}}{verb}")
    node.extend(items)
    if next_state is not None or "resumptionToken" in args:
        total = resources.count() + tombstones.count()
        token = etree.SubElement(node, f"{{{OAI}}}resumptionToken", completeListSize=str(total))
        token.set("cursor", str(state.cursor if "resumptionToken" in args else 0))
        token.text = tokens.encode(next_state) if next_state is not None else ""
    return node


def _list_identifiers(args: dict, base_url: str) -> etree._Element:
    return _list(args, with_metadata=False)


def _list_records(args: dict, base_url: str) -> etree._Element:
    return _list(args, with_metadata=True)


_VERB_HANDLERS = {
    "Identify": _identify,
    "ListMetadataFormats": _list_metadata_formats,
    "ListSets": _list_sets,
    "GetRecord": _get_record,
    "ListIdentifiers": _list_identifiers,
    "ListRecords": _list_records,
}


# --- Selection ----------------------------------------------------------------------------


def _check_prefix(prefix: str) -> None:
    if prefix not in FORMATS:
        raise OaiError("cannotDisseminateFormat", f"Format « {prefix[:50]} » non proposé ; formats : {', '.join(FORMATS)}.")


def _find(value: str):
    """The visible resource or the tombstone an identifier names."""
    resource_id = resource_id_of(value)
    if resource_id is not None:
        page = prepared(public_resources()).filter(pk=resource_id).first()
        if page is not None:
            return page
        stone = Tombstone.objects.filter(resource_id=resource_id).first()
        if stone is not None:
            return stone
    raise OaiError("idDoesNotExist", f"Identifiant inconnu « {value[:100]} ».")


def _parse_moment(name: str, value: str) -> tuple[datetime, bool]:
    """The moment and whether it is a whole day; ``badArgument`` if malformed."""
    try:
        if DAY.match(value):
            return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=dt_timezone.utc), True
        if SECOND.match(value):
            return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt_timezone.utc), False
    except ValueError:
        pass
    raise OaiError("badArgument", f"« {name} » doit être une date AAAA-MM-JJ ou AAAA-MM-JJThh:mm:ssZ (reçu « {value[:40]} »).")


def _selection(state: tokens.ListState) -> tuple[QuerySet, QuerySet]:
    """The resources and tombstones a list covers (``badArgument``/``noRecordsMatch`` on bad filters)."""
    resources = public_resources()
    visible_ids = public_resources().values("pk")
    tombstones = Tombstone.objects.exclude(resource_id__in=visible_ids)
    start = end = None
    if state.from_:
        start, start_day = _parse_moment("from", state.from_)
    if state.until:
        end, end_day = _parse_moment("until", state.until)
        end += timedelta(days=1) if end_day else timedelta(seconds=1)
    if state.from_ and state.until and start_day != end_day:
        raise OaiError("badArgument", "« from » et « until » doivent avoir la même granularité.")
    if start and end and start >= end:
        raise OaiError("badArgument", "« from » doit précéder « until ».")
    if start:
        resources = resources.filter(last_published_at__gte=start)
        tombstones = tombstones.filter(withdrawn_at__gte=start)
    if end:
        resources = resources.filter(last_published_at__lt=end)
        tombstones = tombstones.filter(withdrawn_at__lt=end)
    if state.set_spec:
        resources, tombstones = _in_set(state.set_spec, resources, tombstones)
    return resources, tombstones


def _in_set(spec: str, resources: QuerySet, tombstones: QuerySet) -> tuple[QuerySet, QuerySet]:
    if spec in KINDS:
        groups = [group for group in all_groups() if group.spec.startswith(f"{spec}:")]
        condition = Q(pk__in=[])
        for group in groups:
            condition |= Q(pk__in=resources_in(group, public_resources()).values("pk"))
        stones = tombstones.filter(set_specs__icontains=f'"{spec}:')
        return resources.filter(condition), stones
    group = find_group(spec)
    if group is None:
        # An unknown set holds nothing (the specification's answer is noRecordsMatch).
        raise OaiError("noRecordsMatch", f"Ensemble inconnu « {spec[:100]} » ; voir ListSets.")
    return resources_in(group, resources), tombstones.filter(set_specs__icontains=f'"{spec}"')


# --- Records --------------------------------------------------------------------------------


def _records(pages: list, with_metadata: bool) -> list[etree._Element]:
    records = load_records(pages) if with_metadata else None
    specs = specs_of(pages)
    elements = []
    for index, page in enumerate(pages):
        header = etree.Element(f"{{{OAI}}}header")
        etree.SubElement(header, f"{{{OAI}}}identifier").text = identifier(page.pk)
        etree.SubElement(header, f"{{{OAI}}}datestamp").text = datestamp(modified_at(page))
        for spec in specs.get(page.pk, []):
            etree.SubElement(header, f"{{{OAI}}}setSpec").text = spec
        if not with_metadata:
            elements.append(header)
            continue
        record = etree.Element(f"{{{OAI}}}record")
        record.append(header)
        metadata = etree.SubElement(record, f"{{{OAI}}}metadata")
        metadata.append(oai_dc(records[index], settings.WAGTAIL_SITE_NAME))
        elements.append(record)
    return elements


def _deleted(stone: Tombstone, with_record: bool) -> etree._Element:
    header = etree.Element(f"{{{OAI}}}header", status="deleted")
    etree.SubElement(header, f"{{{OAI}}}identifier").text = identifier(stone.resource_id)
    etree.SubElement(header, f"{{{OAI}}}datestamp").text = datestamp(stone.withdrawn_at)
    for spec in stone.set_specs:
        etree.SubElement(header, f"{{{OAI}}}setSpec").text = spec
    if not with_record:
        return header
    record = etree.Element(f"{{{OAI}}}record")
    record.append(header)
    return record
