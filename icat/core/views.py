import csv
import json

from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.views.generic import TemplateView

from icat import policy
from icat.orgs import queries as org_queries

from . import queries
from .forms import AuditFilterForm
from .permissions import PolicyRequiredMixin
from .tor import terms_of_reference


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        return super().get_context_data(
            today=today,
            member_count=org_queries.members_on(today).count(),
            partner_count=org_queries.partners_on(today).count(),
            working_group_count=org_queries.working_group_on(today).count(),
            chairs=org_queries.latest_chairs(),
            **kwargs,
        )


class AboutView(TemplateView):
    template_name = "core/about.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(first_chairs=org_queries.chair_history().reverse()[:1], **kwargs)


class TermsOfReferenceView(TemplateView):
    template_name = "core/terms_of_reference.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(blocks=terms_of_reference(), **kwargs)


class ContactView(TemplateView):
    template_name = "core/contact.html"


class AuditTrailView(PolicyRequiredMixin, TemplateView):
    """The secretariat's view of every write (ToR 3.C.2: the Coordinator keeps the records)."""

    template_name = "core/audit.html"
    action = "audit.view_all"

    def get_context_data(self, **kwargs):
        form = AuditFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        page = Paginator(queries.audit_trail(**filters), 50).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(form=form, page=page, query=query.urlencode(), **kwargs)


EXPORT_COLUMNS = ["when (UTC)", "actor", "on behalf of", "action", "record", "organization", "changes", "note"]


def audit_export(request):
    """The audit trail (filtered as on the page) as CSV, streamed so its size does not matter."""
    policy.require(request.actor, "audit.view_all")
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    entries = queries.audit_trail(**filters).iterator(chunk_size=2000)
    writer = csv.writer(Echo())

    def rows():
        yield writer.writerow(EXPORT_COLUMNS)
        for entry in entries:
            yield writer.writerow([
                entry.at.isoformat(),
                entry.actor_label,
                entry.acting_for.short_name if entry.acting_for else "",
                entry.action,
                entry.target_label,
                entry.organization.short_name if entry.organization else "",
                json.dumps(entry.changes, ensure_ascii=False),
                entry.note,
            ])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{timezone.localdate().isoformat()}.csv"'
    return response


class Echo:
    def write(self, value):
        return value
