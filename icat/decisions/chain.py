"""Verification of the chain of decision records: each record's hash covers its content and the hash
of the record before it, so changing any stored record breaks the chain from that link on."""

from dataclasses import dataclass

from .models import DecisionRecord


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_broken: DecisionRecord | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.first_broken is None


def verify_chain(batch_size: int = 2000) -> ChainReport:
    """Walk the records in chain order, in batches (bounded memory), and report the first broken link."""
    previous_hash = ""
    expected_position = 1
    checked = 0
    fields = ["pk", "year", "sequence", "hash", *DecisionRecord.HASHED_FIELDS]
    for record in DecisionRecord.objects.order_by("position").only(*fields).iterator(chunk_size=batch_size):
        if record.position != expected_position:
            return ChainReport(checked, record, f"record {expected_position} of the chain is missing")
        if record.previous_hash != previous_hash:
            return ChainReport(checked, record, "it does not point to the hash of the record before it")
        if record.computed_hash() != record.hash:
            return ChainReport(checked, record, "its content no longer matches its hash")
        previous_hash = record.hash
        expected_position += 1
        checked += 1
    return ChainReport(checked)
