"""Pages: open consultations, the proposal, the records (page, PDF, yearly export) and applications.

Every page runs in the viewer's time zone, so deadlines stored in UTC read as local times."""

import csv
import functools
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icat import policy
from icat.accounts.models import User
from icat.core.permissions import policy_refusal
from icat.orgs.models import Organization

from . import documents, forms, queries, rules, services
from .models import Application, DecisionRecord, Position, Procedure, Proposal, Stance


def viewer_zone(user):
    try:
        return zoneinfo.ZoneInfo(getattr(user, "time_zone", "") or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def in_viewer_time_zone(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        with timezone.override(viewer_zone(request.user)):
            return view(request, *args, **kwargs)

    return wrapped


def allowed(action, target=None):
    """Ask the policy: anonymous people are sent to sign in, others get a 403 page with the rule's message."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            return policy_refusal(request, action, target) or view(request, *args, **kwargs)

        return in_viewer_time_zone(wrapped)

    return decorate


def _errors(request, error: ValidationError):
    messages.error(request, " ".join(error.messages))


# --- Consultations and proposals ---------------------------------------------------------------------


@allowed("decisions.view_proposals")
def consultations(request):
    """What awaits my organization's answer, with deadlines; then everything open and recently closed."""
    return render(
        request,
        "decisions/consultations.html",
        {
            "mine": queries.open_consultations(request.actor),
            "open": queries.open_proposals(),
            "recent": queries.recent_proposals().exclude(state=Proposal.State.OPEN)[:20],
            "can_circulate": policy.can(request.actor, "decisions.circulate"),
            "now": services.current_time(),
        },
    )


def _my_voting_organizations(actor, view):
    ids = {voter.organization_id for voter in view.voters} & set(actor.organization_ids)
    return Organization.objects.filter(pk__in=ids).order_by("name")


@allowed("decisions.view_proposals")
def proposal(request, pk):
    try:
        view = queries.proposal_view(pk)
    except Proposal.DoesNotExist:
        raise Http404 from None
    actor = request.actor
    item = view.proposal
    now = services.current_time()
    accepting = item.is_open and not rules.nothing_after_the_deadline(item, now)
    mine = _my_voting_organizations(actor, view)
    secretariat = actor.has(policy.Role.SECRETARIAT)
    voter_orgs = Organization.objects.filter(pk__in=[voter.organization_id for voter in view.voters])
    diffs = [
        (later, queries.word_diff(earlier.text, later.text))
        for earlier, later in zip(view.versions, view.versions[1:], strict=False)
    ]
    is_chair = policy.can(actor, "decisions.confirm", item)
    context = {
        "view": view,
        "proposal": item,
        "diffs": diffs,
        "accepting": accepting,
        "meanings": [(Position(key).label, text) for key, text in rules.STANCE_MEANINGS.items()],
        "comment_meaning": rules.COMMENT_MEANING,
        "stance_form": forms.StanceForm(organizations=mine, prefix="stance") if accepting and mine else None,
        "withdraw_form": forms.WithdrawObjectionForm(
            organizations=mine.filter(pk__in=view.objecting), prefix="withdraw"
        )
        if accepting and view.objecting & {org.pk for org in mine}
        else None,
        "comment_form": forms.CommentForm(
            organizations=Organization.objects.filter(pk__in=actor.organization_ids).order_by("name"),
            secretariat=secretariat,
            prefix="comment",
        )
        if accepting
        else None,
        "on_behalf_form": forms.OnBehalfForm(organizations=voter_orgs.order_by("name"), prefix="behalf")
        if accepting and secretariat
        else None,
        "is_chair": is_chair and item.is_open,
        "revise_form": forms.ReviseForm(prefix="revise", initial={"text": view.current.text})
        if is_chair and item.is_open
        else None,
        "not_adopted_form": forms.CloseForm(prefix="close") if is_chair and item.is_open else None,
        "withdraw_proposal_form": forms.CloseForm(prefix="withdrawal") if is_chair and item.is_open else None,
        "show_who": policy.can(actor, "decisions.view_who_acted"),
        "now": now,
    }
    return render(request, "decisions/proposal.html", context)


def _proposal_action(request, pk, act, success):
    proposal = get_object_or_404(Proposal, pk=pk)
    try:
        act(proposal)
    except ValidationError as error:
        _errors(request, error)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(proposal)


def _bound(form_class, request, prefix, **kwargs):
    form = form_class(request.POST, request.FILES, prefix=prefix, **kwargs)
    if not form.is_valid():
        raise ValidationError(
            [
                f"{form.fields[name].label}: {' '.join(errors)}" if name in form.fields else " ".join(errors)
                for name, errors in form.errors.items()
            ]
        )
    return form.cleaned_data


def _represented(request):
    return Organization.objects.filter(pk__in=request.actor.organization_ids)


@allowed("decisions.view_who_acted")
def stance_copy(request, pk, stance_id):
    """The copy of a message on which the secretariat recorded a stance; never a public file."""
    stance = get_object_or_404(Stance, pk=stance_id, proposal_id=pk, on_behalf=True)
    name = stance.copy.name.rsplit("/", 1)[-1]
    return FileResponse(stance.copy.open("rb"), as_attachment=True, filename=name)


@require_POST
@allowed("decisions.view_proposals")
def record_stance(request, pk):
    def act(proposal):
        data = _bound(forms.StanceForm, request, "stance", organizations=_represented(request))
        services.record_stance(
            request.actor,
            proposal,
            organization=data["organization"],
            position=data["position"],
            reason=data["reason"],
        )

    return _proposal_action(request, pk, act, _("Your organization's stance is recorded."))


@require_POST
@allowed("decisions.view_proposals")
def withdraw_objection(request, pk):
    def act(proposal):
        data = _bound(forms.WithdrawObjectionForm, request, "withdraw", organizations=_represented(request))
        services.withdraw_objection(
            request.actor, proposal, organization=data["organization"], reason=data["reason"]
        )

    return _proposal_action(request, pk, act, _("The objection is withdrawn."))


@require_POST
@allowed("decisions.view_proposals")
def record_on_behalf(request, pk):
    def act(proposal):
        data = _bound(forms.OnBehalfForm, request, "behalf", organizations=Organization.objects.all())
        kwargs = {
            "organization": data["organization"],
            "reason": data["reason"],
            "on_behalf_received_at": data["message_received_at"],
            "attachment": data["copy"],
        }
        if data["position"] == Position.OBJECTION_WITHDRAWN:
            services.withdraw_objection(request.actor, proposal, **kwargs)
        else:
            services.record_stance(request.actor, proposal, position=data["position"], **kwargs)

    return _proposal_action(request, pk, act, _("The stance is recorded on behalf of the organization."))


@require_POST
@allowed("decisions.view_proposals")
def add_comment(request, pk):
    def act(proposal):
        data = _bound(
            forms.CommentForm,
            request,
            "comment",
            organizations=_represented(request),
            secretariat=request.actor.has(policy.Role.SECRETARIAT),
        )
        services.comment(request.actor, proposal, text=data["text"], organization=data["organization"])

    return _proposal_action(request, pk, act, _("Your comment is added."))


@require_POST
@allowed("decisions.revise")
def revise(request, pk):
    def act(proposal):
        data = _bound(forms.ReviseForm, request, "revise")
        services.revise(
            request.actor, proposal, text=data["text"], note=data["note"], deadline=data["deadline"]
        )

    return _proposal_action(request, pk, act, _("The new version is circulated."))


@require_POST
@allowed("decisions.confirm")
def confirm(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    try:
        record = services.confirm_adoption(request.actor, proposal)
    except ValidationError as error:
        _errors(request, error)
        return redirect(proposal)
    messages.success(request, _("Adopted by consensus: %(number)s.") % {"number": record.number})
    return redirect(record)


@require_POST
@allowed("decisions.record_not_adopted")
def not_adopted(request, pk):
    def act(proposal):
        services.record_not_adopted(
            request.actor, proposal, note=_bound(forms.CloseForm, request, "close")["note"]
        )

    return _proposal_action(request, pk, act, _("Recorded as not adopted."))


@require_POST
@allowed("decisions.withdraw_proposal")
def withdraw(request, pk):
    def act(proposal):
        services.withdraw_proposal(
            request.actor, proposal, note=_bound(forms.CloseForm, request, "withdrawal")["note"]
        )

    return _proposal_action(request, pk, act, _("The proposal is withdrawn."))


def _subject_from(request):
    application_id = request.GET.get("application") or request.POST.get("application")
    if application_id:
        return get_object_or_404(Application, pk=application_id)
    return None


@allowed("decisions.circulate")
def circulate(request):
    subject = _subject_from(request)
    initial = {}
    if subject is not None:
        initial = {
            "title": str(subject),
            "text": _("The Working Group accepts %(org)s as %(status)s of %(group)s (ToR 3.A.3).")
            % {
                "org": subject.organization_name,
                "status": subject.get_requested_status_display().lower(),
                "group": settings.GROUP_SHORT_NAME,
            },
        }
    form = forms.CirculateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.circulate_in_writing(request.actor, subject=subject, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The proposal is circulated."))
            return redirect(proposal)
    return render(
        request,
        "decisions/circulate.html",
        {"form": form, "subject": subject, "procedure": Procedure.WRITING},
    )


def _coming_meetings():
    from icat.meetings.models import Meeting

    return Meeting.objects.filter(
        kind=Meeting.Kind.WORKING_GROUP, status=Meeting.Status.PLANNED, starts_at__gt=services.current_time()
    ).order_by("starts_at")


def _meetings_for_tabling():
    from icat.meetings.models import Meeting

    return (
        Meeting.objects.filter(kind=Meeting.Kind.WORKING_GROUP)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at")
    )


@allowed("decisions.table")
def table(request):
    subject = _subject_from(request)
    form = forms.TableForm(
        request.POST or None,
        meetings=_meetings_for_tabling(),
        initial={"title": str(subject)} if subject else {},
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.table_at_meeting(request.actor, subject=subject, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The proposal is tabled; call for objections."))
            return redirect(proposal)
    return render(
        request,
        "decisions/circulate.html",
        {"form": form, "subject": subject, "procedure": Procedure.MEETING},
    )


# --- Records -----------------------------------------------------------------------------------------


@allowed("decisions.view_records")
def records(request):
    form = forms.RecordFilterForm(
        request.GET or None, years=queries.record_years(), subject_kinds=queries.record_subject_kinds()
    )
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    found = queries.records(
        text=filters.get("q", ""), year=filters.get("year"), subject=filters.get("subject", "")
    )
    page = Paginator(found, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "decisions/records.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "years": queries.record_years(),
        },
    )


def _record_or_404(year, sequence):
    try:
        return queries.record(year, sequence)
    except DecisionRecord.DoesNotExist:
        raise Http404 from None


@allowed("decisions.view_records")
def record(request, year, sequence):
    item = _record_or_404(year, sequence)
    return render(
        request,
        "decisions/record.html",
        documents.record_context(item, show_who=policy.can(request.actor, "decisions.view_who_acted")),
    )


@allowed("decisions.view_records")
def record_pdf(request, year, sequence):
    item = _record_or_404(year, sequence)
    response = HttpResponse(documents.record_pdf(item), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{item.number.replace("/", "-")}.pdf"'
    return response


@allowed("decisions.view_records")
def records_export(request, year):
    """One year of records as CSV: the Coordinator's annual repository (ToR 3.C.2)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="decisions-{year}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "number",
            "title",
            "procedure",
            "subject",
            "called_at",
            "deadline",
            "confirmed_at",
            "confirmed_by",
            "text",
            "hash",
            "previous_hash",
        ]
    )
    for row in queries.records(year=year).order_by("position").iterator():
        writer.writerow(
            [
                row.number,
                row.title,
                row.get_procedure_display(),
                row.subject_label,
                row.called_at.isoformat(),
                row.deadline.isoformat() if row.deadline else "",
                row.confirmed_at.isoformat(),
                row.confirmed_by_label,
                row.text,
                row.hash,
                row.previous_hash,
            ]
        )
    return response


# --- Applications (ToR 3.A.3–4) ----------------------------------------------------------------------


@in_viewer_time_zone
def apply(request):
    form = forms.ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.submit_application(request.actor, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Your application is received. Keep the address of this page: it shows "
                    "the status of your application."
                ),
            )
            return redirect(application.get_status_url())
    return render(request, "decisions/apply.html", {"form": form})


@in_viewer_time_zone
def application_status(request, secret):
    application = get_object_or_404(Application.objects.select_related("organization"), secret=secret)
    return render(request, "decisions/application_status.html", {"application": application})


@allowed("decisions.view_applications")
def applications(request):
    return render(request, "decisions/applications.html", {"applications": queries.applications()[:200]})


@allowed("decisions.view_applications")
def application(request, pk):
    item = get_object_or_404(Application.objects.select_related("organization"), pk=pk)
    actor = request.actor
    assess_form = introduce_form = None
    if policy.can(actor, "decisions.assess_application", item):
        assess_form = forms.AssessmentForm(
            request.POST if "assess" in request.POST else None,
            initial={
                "kind": item.organization.kind if item.organization else "intergovernmental",
                "scope": item.claimed_scope,
                "mandate_covers_trafficking": item.claims_mandate_covers_trafficking,
                "assessment": item.assessment,
            },
        )
    if policy.can(actor, "decisions.introduce_application", item):
        introduce_form = forms.IntroduceForm(
            request.POST if "introduce" in request.POST else None, meetings=_coming_meetings()
        )
    if request.method == "POST":
        form = assess_form if "assess" in request.POST else introduce_form
        if form is None:
            raise PermissionDenied(policy.DENIAL_MESSAGES["decisions.assess_application"])
        if form.is_valid():
            try:
                if form is assess_form:
                    services.assess_application(actor, item, **form.cleaned_data)
                else:
                    services.introduce_application(actor, item, meeting=form.cleaned_data["meeting"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The application is updated."))
                return redirect(item)
    return render(
        request,
        "decisions/application.html",
        {
            "application": item,
            "assess_form": assess_form,
            "introduce_form": introduce_form,
            "proposals": queries.proposals_about(item),
            "can_propose": item.state == Application.State.INTRODUCED
            and policy.can(actor, "decisions.circulate"),
        },
    )


def accept_invitation(request, uidb64, token):
    """The invited focal point of a newly accepted organization sets a password (the link is the proof)."""
    try:
        person = User.objects.get(pk=urlsafe_base64_decode(uidb64).decode())
    except (User.DoesNotExist, ValueError, UnicodeDecodeError):
        person = None
    if person is None or person.is_active or not default_token_generator.check_token(person, token):
        return render(request, "decisions/invitation.html", {"invalid": True}, status=400)
    form = SetPasswordForm(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.accept_invitation(person, form.cleaned_data["new_password1"])
        login(request, person, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your account is ready."))
        return redirect("accounts:dashboard")
    return render(request, "decisions/invitation.html", {"form": form, "person": person})
