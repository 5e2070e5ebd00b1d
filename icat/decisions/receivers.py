"""What a decision means for a membership or partnership application (ToR 3.A.3), run inside the
transaction that confirms or closes the proposal."""

from django.dispatch import receiver

from .models import Application
from .signals import decision_adopted, decision_not_adopted


@receiver(decision_adopted, dispatch_uid="decisions.admit_applicant")
def admit_on_adoption(sender, proposal, record, **kwargs):
    if isinstance(proposal.subject, Application):
        from .services import admit_applicant

        admit_applicant(proposal.subject, record)


@receiver(decision_not_adopted, dispatch_uid="decisions.refuse_applicant")
def refuse_on_rejection(sender, proposal, **kwargs):
    if isinstance(proposal.subject, Application):
        from .services import refuse_applicant

        refuse_applicant(proposal.subject)
