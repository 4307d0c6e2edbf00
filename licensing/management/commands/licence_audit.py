"""List every item without a valid open licence or attribution, and every
unacknowledged licence conflict; exit 1 when there is any (a deployment gate).

    python manage.py licence_audit               # text, one line per finding
    python manage.py licence_audit --format json # {"count": n, "findings": [...]}
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand

from licensing.audit import audit


class Command(BaseCommand):
    help = "Audit licences and attributions; exits 1 when a problem is found."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json"], default="text", help="Output format.")

    def handle(self, *args, format: str, **options):
        findings = audit()
        if format == "json":
            self.stdout.write(json.dumps({"count": len(findings), "findings": [f.as_dict() for f in findings]}, ensure_ascii=False))
        else:
            for finding in findings:
                self.stdout.write(f"{finding.kind_label} {finding.item_id} « {finding.title} » : {finding.problem}")
            summary = f"{len(findings)} problème(s) de licence." if findings else "Aucun problème de licence."
            (self.stderr if findings else self.stdout).write(summary)
        if findings:
            sys.exit(1)
