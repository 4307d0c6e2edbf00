"""A resource to take away: Markdown and PDF, each with its licence, credits and address.

Both are written from the same ``Record`` (loaded through the visibility
rule). The PDF is WeasyPrint's rendering of ``opendata/export.html``; it reads
images from the media storage only, never from the network.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from lxml import html as lxml_html
from wagtail.rich_text import expand_db_html
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from opendata.dates import resource_date_text
from opendata.records import Record

MEDIA_TYPES = {"md": "text/markdown; charset=utf-8", "pdf": "application/pdf"}


def markdown(record: Record, absolute) -> str:
    """The resource as Markdown: facts, body, licence and one credit line per work."""
    page = record.page
    lines = [f"# {_escape(page.title)}", "", f"> {_escape(page.summary)}", ""]
    facts = [
        ("Type", record.type_label),
        ("Date", resource_date_text(page)),
        ("Thématiques", ", ".join(t.title for t in record.themes)),
        ("Principes", ", ".join(p.title for p in record.principles)),
        ("Territoire", page.territory.name if page.territory else ""),
        ("Adresse", record.url),
    ]
    lines += [f"- **{label}** : {value}" for label, value in facts if value]
    lines += ["", *_body_markdown(record, absolute)]
    lines += [
        "",
        "## Licence",
        "",
        f"« {_escape(page.title)} », {page.attribution}, sous licence [{record.licence.name}]({record.licence.url}).",
        f"Page d'origine : {record.url}",
        "",
        "## Crédits",
        "",
        *(f"- {line}" for line in record.credits_text.splitlines()),
        "",
    ]
    return "\n".join(lines)


def _escape(text: str) -> str:
    return text.replace("\n", " ").strip()


def _body_markdown(record: Record, absolute) -> list[str]:
    lines: list[str] = []
    for block in record.page.body:
        value = block.value
        kind = block.block_type
        if kind == "heading":
            lines += [f"## {_escape(str(value))}", ""]
        elif kind == "paragraph":
            lines += [_rich_text_markdown(value.source), ""]
        elif kind == "image" and value.get("image"):
            image = value["image"]
            caption = value.get("caption") or image.title
            lines += [f"![{_escape(caption)}]({absolute(image.file.url)})", f"*{image.title} — {image.attribution}*", ""]
        elif kind == "document" and value.get("document"):
            document = value["document"]
            lines += [f"[{_escape(value.get('title') or document.title)}]({absolute(document.url)})", ""]
        elif kind == "embed":
            url = getattr(value.get("url"), "url", value.get("url")) or ""
            lines += [f"[{_escape(value.get('title') or url)}]({url}) — {value.get('attribution', '')}", ""]
        elif kind == "link":
            description = f" — {_escape(value.get('description'))}" if value.get("description") else ""
            lines += [f"[{_escape(value.get('label'))}]({value.get('url')}){description}", ""]
        elif kind == "quote":
            source = f" — {value.get('source')}" if value.get("source") else ""
            lines += [f"> {_escape(value.get('text', ''))}{source}", ""]
        elif kind == "key_figures":
            lines += [f"- **{figure.get('value')}** {figure.get('label')}" for figure in value] + [""]
    return lines


def _rich_text_markdown(source: str) -> str:
    """Rich text (Wagtail's restricted features) as Markdown: paragraphs, lists, bold, italic, links."""
    if not source.strip():
        return ""
    tree = lxml_html.fragment_fromstring(expand_db_html(source), create_parent="div")
    return _inline(tree).strip()


def _inline(node) -> str:
    parts = [node.text or ""]
    for child in node:
        inner = _inline(child)
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("b", "strong"):
            inner = f"**{inner}**"
        elif tag in ("i", "em"):
            inner = f"*{inner}*"
        elif tag == "a":
            inner = f"[{inner}]({child.get('href', '')})"
        elif tag == "li":
            inner = f"\n- {inner.strip()}"
        elif tag in ("p", "ul", "ol", "h2", "h3", "h4"):
            inner = f"\n\n{inner.strip()}\n\n"
        elif tag == "br":
            inner = "  \n"
        parts.append(inner)
        parts.append(child.tail or "")
    return "".join(parts)


def pdf(record: Record, absolute) -> bytes:
    """The resource as a PDF document: its page, licence and credits."""
    document = render_to_string("opendata/export.html", {"record": record})
    return HTML(string=document, base_url=absolute("/"), url_fetcher=MediaOnly()).write_pdf()


class MediaOnly(URLFetcher):
    """WeasyPrint's fetcher for exports: files of the media storage, nothing from the network."""

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = urlsplit(url).path
        if not path.startswith(settings.MEDIA_URL):
            raise ValueError(f"Ressource externe ignorée dans l'export : {url}")
        with default_storage.open(path.removeprefix(settings.MEDIA_URL)) as handle:
            return URLFetcherResponse(url, handle.read())
