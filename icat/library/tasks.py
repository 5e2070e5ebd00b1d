"""Background work: text extraction from uploaded files (inline in the embedded mode)."""

from celery import shared_task


@shared_task(bind=True, max_retries=3, default_retry_delay=30)
def extract_version_text(self, version_id: int) -> str:
    from .services import store_extracted_text

    return store_extracted_text(version_id).text_state
