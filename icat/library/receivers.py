"""The library listens to the decisions app: an adopted sign-off publishes its product; a sign-off not
adopted sends it back to consultation. Both run inside the decision's own transaction."""

from django.dispatch import receiver

from icat.decisions.signals import decision_adopted, decision_not_adopted

from . import services


@receiver(decision_adopted, dispatch_uid="library.publish_adopted")
def on_decision_adopted(sender, proposal, record, **kwargs):
    services.publish_adopted(proposal, record)


@receiver(decision_not_adopted, dispatch_uid="library.return_to_consultation")
def on_decision_not_adopted(sender, proposal, **kwargs):
    services.return_to_consultation(proposal)
