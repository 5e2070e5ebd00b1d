"""The e-mail each step of a decision owes someone, queued in the step's transaction (sent after commit)."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from icat.core.notify import queue_email
from icat.orgs.models import Chairmanship, FocalPoint, OrganizationStatus


def focal_point_emails(organization_ids, day=None) -> list[str]:
    day = day or timezone.localdate()
    return list(
        FocalPoint.objects.on(day)
        .filter(organization__in=organization_ids, person__is_active=True)
        .values_list("person__email", flat=True)
    )


def chair_emails(day=None) -> list[str]:
    day = day or timezone.localdate()
    return focal_point_emails(Chairmanship.objects.on(day).values("organization"), day)


def members_and_partners_emails(day=None) -> list[str]:
    """Everyone kept informed of outcomes: members, and partners (ToR 3.F.2 a)."""
    day = day or timezone.localdate()
    organizations = (
        OrganizationStatus.objects.on(day)
        .filter(status__in=[OrganizationStatus.Status.MEMBER, OrganizationStatus.Status.PARTNER])
        .values("organization")
    )
    return focal_point_emails(organizations, day)


def _link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _deadline(proposal) -> str:
    return proposal.deadline.strftime("%Y-%m-%d %H:%M UTC")


def circulated(proposal, text: str):
    voters = proposal.voters.values("organization")
    if proposal.deadline:
        body = _(
            "The Chair circulates a proposal for decision in writing (silence procedure, ToR 3.D.1).\n\n"
            "%(title)s\n\n%(text)s\n\nIt is adopted if no organization with voting rights objects by "
            "%(deadline)s. Answer here: %(link)s"
        ) % {
            "title": proposal.title,
            "text": text,
            "deadline": _deadline(proposal),
            "link": _link(proposal.get_absolute_url()),
        }
    else:
        body = _(
            "The Chair tables a proposal at %(meeting)s and calls for objections.\n\n"
            "%(title)s\n\n%(text)s\n\n%(link)s"
        ) % {
            "meeting": proposal.meeting_label,
            "title": proposal.title,
            "text": text,
            "link": _link(proposal.get_absolute_url()),
        }
    queue_email(
        _("[%(group)s] For decision: %(title)s")
        % {"group": settings.GROUP_SHORT_NAME, "title": proposal.title},
        body,
        members_and_partners_emails() if proposal.deadline else focal_point_emails(voters),
        topic="decisions.circulation",
    )


def revised(proposal, version):
    queue_email(
        _("[%(group)s] Revised: %(title)s") % {"group": settings.GROUP_SHORT_NAME, "title": proposal.title},
        _(
            "The Chair revised the proposal (version %(number)s): %(note)s\n\n%(text)s\n\n"
            "Stances on the earlier version no longer count: answer again%(deadline)s. %(link)s"
        )
        % {
            "number": version.number,
            "note": version.note,
            "text": version.text,
            "deadline": _(" by %(deadline)s") % {"deadline": _deadline(proposal)}
            if proposal.deadline
            else "",
            "link": _link(proposal.get_absolute_url()),
        },
        focal_point_emails(proposal.voters.values("organization")),
        topic="decisions.revision",
    )


def reminder(proposal, organization_ids):
    queue_email(
        _("[%(group)s] Reminder: deadline %(deadline)s for %(title)s")
        % {"group": settings.GROUP_SHORT_NAME, "deadline": _deadline(proposal), "title": proposal.title},
        _(
            "Your organization has not answered this written procedure. Without an objection by "
            "%(deadline)s, the proposal will be adopted (ToR 3.D.1). %(link)s"
        )
        % {"deadline": _deadline(proposal), "link": _link(proposal.get_absolute_url())},
        focal_point_emails(organization_ids),
        topic="decisions.reminder",
    )


def objection(proposal, stance):
    queue_email(
        _("[%(group)s] Objection from %(org)s: %(title)s")
        % {
            "group": settings.GROUP_SHORT_NAME,
            "org": stance.organization.short_name,
            "title": proposal.title,
        },
        _('%(org)s objects to "%(title)s" (recorded by %(who)s).\n\nReason: %(reason)s\n\n%(link)s')
        % {
            "org": stance.organization,
            "title": proposal.title,
            "who": stance.acted_by_label,
            "reason": stance.reason,
            "link": _link(proposal.get_absolute_url()),
        },
        chair_emails(),
        topic="decisions.objection",
    )


def outcome(proposal, record=None):
    if record is not None:
        body = _("Adopted by consensus: %(number)s %(title)s. The record: %(link)s") % {
            "number": record.number,
            "title": record.title,
            "link": _link(record.get_absolute_url()),
        }
    else:
        body = _("%(title)s: %(state)s. %(note)s %(link)s") % {
            "title": proposal.title,
            "state": proposal.get_state_display(),
            "note": proposal.closing_note,
            "link": _link(proposal.get_absolute_url()),
        }
    queue_email(
        _("[%(group)s] Outcome: %(title)s") % {"group": settings.GROUP_SHORT_NAME, "title": proposal.title},
        body,
        members_and_partners_emails(),
        topic="decisions.outcome",
    )


def application_received(application):
    queue_email(
        _("[%(group)s] Your application was received") % {"group": settings.GROUP_SHORT_NAME},
        _(
            "Thank you. The application of %(org)s to become %(status)s was received. The secretariat "
            "checks the criteria (ToR 3.A.4), then the Chair introduces it at the next Working Group "
            "meeting, which decides by consensus (ToR 3.A.3). Follow it here (keep this link private): "
            "%(link)s"
        )
        % {
            "org": application.organization_name,
            "status": application.get_requested_status_display().lower(),
            "link": _link(application.get_status_url()),
        },
        [application.contact_email],
        topic="decisions.application",
    )
    queue_email(
        _("[%(group)s] New application: %(org)s")
        % {"group": settings.GROUP_SHORT_NAME, "org": application.organization_name},
        _("An application awaits the secretariat's assessment: %(link)s")
        % {"link": _link(application.get_absolute_url())},
        [settings.GROUP_CONTACT_EMAIL],
        topic="decisions.application",
    )


def application_update(application):
    queue_email(
        _("[%(group)s] Your application: %(state)s")
        % {"group": settings.GROUP_SHORT_NAME, "state": application.get_state_display()},
        _("The status of the application of %(org)s: %(state)s. %(link)s")
        % {
            "org": application.organization_name,
            "state": application.get_state_display(),
            "link": _link(application.get_status_url()),
        },
        [application.contact_email],
        topic="decisions.application",
    )


def admitted(application, record, person):
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    link = ""
    if not person.has_usable_password():
        link = _link(
            reverse(
                "decisions:accept_invitation",
                args=[
                    urlsafe_base64_encode(force_bytes(person.pk)),
                    default_token_generator.make_token(person),
                ],
            )
        )
    queue_email(
        _("[%(group)s] Welcome: %(org)s is now %(status)s")
        % {
            "group": settings.GROUP_SHORT_NAME,
            "org": application.organization_name,
            "status": application.get_requested_status_display().lower(),
        },
        _(
            "The Working Group accepted the application by consensus (%(number)s). You are the focal "
            "point of %(org)s (ToR 3.A.2). %(invitation)s"
        )
        % {
            "number": record.number,
            "org": application.organization_name,
            "invitation": _("Create your account here: %(link)s") % {"link": link}
            if link
            else _("Sign in with your existing account."),
        },
        [person.email],
        topic="decisions.invitation",
    )
