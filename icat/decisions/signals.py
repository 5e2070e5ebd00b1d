"""Signals other apps listen to. Both are sent inside the transaction that closes the proposal, so a
receiver's writes (publishing a product, admitting a member) commit or fail with the decision itself."""

from django.dispatch import Signal

# Sent with proposal= and record= once the Chair confirms adoption by consensus (ToR 3.B.3).
decision_adopted = Signal()
# Sent with proposal= when the Chair records that consensus was not reached.
decision_not_adopted = Signal()
