"""The library's pages: the public library, product pages and downloads, the members' workspace, and
the forms that move a product through its life. Every write goes through ``services``."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icat import policy
from icat.core.permissions import policy_refusal

from . import metadata, queries, services
from .forms import (
    CirculateForm,
    CommentForm,
    OutsideSignoffForm,
    ProductForm,
    ReplyForm,
    SearchForm,
    SupersedeForm,
    VersionForm,
)
from .models import Comment, LanguageVersion, Product
from .search import search

PER_PAGE = 20
DEFAULT_SIGNOFF_PERIOD = timedelta(days=14)


def _page_number(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", 1)), 10_000))
    except (TypeError, ValueError):
        return 1


def index(request):
    """Browse and search the public library: filters, ranked results with highlighted snippets, a count."""
    themes = list(queries.themes_with_counts())
    years, organizations = queries.filter_choices()
    form = SearchForm(request.GET or None, themes=themes, years=years, organizations=organizations)
    criteria = form.criteria()
    results = search(criteria, page=_page_number(request), per_page=PER_PAGE)
    kept = {key: value for key, value in request.GET.items() if key != "page" and value}
    suggestion_url = "?" + urlencode({**kept, "q": results.suggestion}) if results.suggestion else ""
    return render(
        request,
        "library/index.html",
        {
            "form": form,
            "results": results,
            "themes": themes,
            "query": urlencode(kept),
            "searching": bool(criteria.text.strip()),
            "suggestion_url": suggestion_url,
            "filtered": any(
                [criteria.kind, criteria.theme, criteria.year, criteria.language, criteria.organization]
            ),
        },
    )


def _visible_or_404(request, pk) -> Product:
    try:
        return queries.visible_product(request.actor, pk)
    except Product.DoesNotExist:
        raise Http404 from None


def product_detail(request, pk, slug=None):
    product = _visible_or_404(request, pk)
    if slug != product.slug:
        return redirect(product, permanent=False)
    actor = request.actor
    context = {
        "product": product,
        "versions": list(product.versions.all()),
        "json_ld": metadata.json_ld(product, request.build_absolute_uri) if product.is_public else "",
        "can": {
            action: policy.can(actor, f"library.{action}", product)
            for action in (
                "edit",
                "open_consultation",
                "comment",
                "circulate",
                "record_outside_signoff",
                "supersede",
                "upload",
            )
        },
    }
    # Consultation comments are internal deliberations: shown to focal points and the secretariat only.
    if policy.can(actor, "library.workspace") and (not product.is_public or product.comments.exists()):
        context["threads"] = queries.comment_threads(product)
        context["comment_form"] = CommentForm(sections=product.sections)
        context["reply_form"] = ReplyForm()
    return render(request, "library/product.html", context)


def download(request, pk, language):
    product = _visible_or_404(request, pk)
    version = get_object_or_404(LanguageVersion, product=product, language=language)
    if not version.file:
        raise Http404(_("This file is not held."))
    return FileResponse(
        version.file.open("rb"),
        as_attachment=False,
        filename=version.download_name,
        content_type=version.media_type,
    )


def workspace(request):
    if refusal := policy_refusal(request, "library.workspace"):
        return refusal
    products = list(queries.workspace(request.actor))
    return render(
        request,
        "library/workspace.html",
        {
            "products": products,
            "can_draft": policy.can(request.actor, "library.draft"),
        },
    )


def product_create(request):
    if refusal := policy_refusal(request, "library.draft"):
        return refusal
    form = ProductForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            product = services.create_product(request.actor, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Draft created. Upload its file, then open it to consultation."))
            return redirect(product)
    return render(request, "library/product_form.html", {"form": form, "product": None})


def product_edit(request, pk):
    product = get_object_or_404(queries.with_details(Product.objects.all()), pk=pk)
    if refusal := policy_refusal(request, "library.edit", product):
        return refusal
    form = ProductForm(
        request.POST or None,
        instance=product,
        initial={
            "themes": list(product.themes.all()),
            "lead_organizations": list(product.lead_organizations.all()),
            "contributors": list(product.contributors.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.cleaned_data}
        product.refresh_from_db()
        try:
            services.update_product(request.actor, product, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(product)
    return render(request, "library/product_form.html", {"form": form, "product": product})


def version_upload(request, pk):
    """Add a language version and its file; upload progress shows with JavaScript, and it works without."""
    product = get_object_or_404(Product, pk=pk)
    if refusal := policy_refusal(request, "library.upload", product):
        return refusal
    initial = {"language": request.GET.get("language") or product.original_language}
    existing = LanguageVersion.objects.filter(product=product, language=initial["language"]).first()
    if existing:
        initial.update(title=existing.title, summary=existing.summary)
    form = VersionForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_language_version(
                request.actor,
                product,
                language=form.cleaned_data["language"],
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            form.add_error("file" if form.cleaned_data["file"] else None, error)
        else:
            messages.success(request, _("Language version saved."))
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return JsonResponse({"location": product.get_absolute_url()})
            return redirect(product)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and request.headers.get("x-requested-with") == "XMLHttpRequest":
        return JsonResponse(
            {"errors": {field: [str(e) for e in errors] for field, errors in form.errors.items()}}, status=400
        )
    return render(request, "library/upload.html", {"form": form, "product": product}, status=status)


@require_POST
def open_consultation(request, pk):
    product = get_object_or_404(Product, pk=pk)
    try:
        services.open_consultation(request.actor, product)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The draft is open to consultation: members and partners can comment."))
    return redirect(product)


@require_POST
def comment(request, pk):
    product = _visible_or_404(request, pk)
    parent = None
    if request.POST.get("parent"):
        parent = get_object_or_404(Comment, pk=request.POST["parent"], product=product)
        form = ReplyForm(request.POST)
    else:
        form = CommentForm(request.POST, sections=product.sections)
    if form.is_valid():
        try:
            services.add_comment(
                request.actor,
                product,
                body=form.cleaned_data["body"],
                section=form.cleaned_data.get("section", ""),
                parent=parent,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Comment added."))
    else:
        messages.error(request, _("Write a comment first."))
    return redirect(reverse("library:product", args=[product.pk, product.slug]) + "#comments")


def outside_signoff(request, pk):
    product = get_object_or_404(Product, pk=pk)
    if refusal := policy_refusal(request, "library.record_outside_signoff", product):
        return refusal
    form = OutsideSignoffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_outside_signoff(request.actor, product, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Sign-off recorded: the product is published."))
            return redirect(product)
    return render(
        request,
        "library/action_form.html",
        {
            "form": form,
            "product": product,
            "heading": _("Record a sign-off made outside the platform"),
            "explanation": _(
                "ToR 3.B.5: all ICAT products are signed off by consensus. Record here a sign-off that "
                "happened outside the platform, for example before it existed; the product is then "
                "published."
            ),
            "button": _("Record the sign-off and publish"),
        },
    )


def circulate(request, pk):
    """The Chair circulates a product in consultation for sign-off by consensus, in writing."""
    product = get_object_or_404(Product, pk=pk)
    if refusal := policy_refusal(request, "library.circulate", product):
        return refusal
    zone = _viewer_time_zone(request)
    with timezone.override(zone):
        default_deadline = timezone.localtime() + DEFAULT_SIGNOFF_PERIOD
        form = CirculateForm(
            request.POST or None,
            initial={"deadline": default_deadline.replace(second=0, microsecond=0, tzinfo=None)},
        )
        if request.method == "POST" and form.is_valid():
            try:
                proposal = services.circulate_for_signoff(request.actor, product, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Circulated for sign-off. The decision is on record as %(proposal)s.")
                    % {"proposal": proposal.title},
                )
                return redirect(product)
    return render(
        request,
        "library/action_form.html",
        {
            "form": form,
            "product": product,
            "heading": _("Circulate for sign-off by consensus"),
            "explanation": _(
                "ToR 3.B.3 and 3.B.5: the Chair circulates the product in writing with a deadline; "
                "it is published only if no Working Group member objects and the Chair confirms the "
                "decision. Deadline times are in %(zone)s."
            )
            % {"zone": zone},
            "button": _("Circulate for sign-off"),
        },
    )


def _viewer_time_zone(request):
    return getattr(request.user, "time_zone", "") or settings.TIME_ZONE


def supersede(request, pk):
    product = get_object_or_404(Product, pk=pk)
    if refusal := policy_refusal(request, "library.supersede", product):
        return refusal
    form = SupersedeForm(request.POST or None)
    form.fields["by"].queryset = form.fields["by"].queryset.exclude(pk=product.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.supersede(request.actor, product, by=form.cleaned_data["by"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Marked as superseded; it stays public."))
            return redirect(product)
    return render(
        request,
        "library/action_form.html",
        {
            "form": form,
            "product": product,
            "heading": _("Mark as superseded by a newer edition"),
            "explanation": _(
                "The product stays public, marked as superseded, with a link to the newer edition."
            ),
            "button": _("Mark as superseded"),
        },
    )
