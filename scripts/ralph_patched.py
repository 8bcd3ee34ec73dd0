"""Ralph's API (`ralph.api:app`) with two fixes to Ralph 5.1's file backend, for
`run-ralph.py` (which says why): statements are appended, and the `activity` filter is
compared as text.
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

_filter_by_activity = FSLRSBackend._add_filter_by_activity


def _filter_by_activity_text(filters, object_id, related):
    text = None if object_id is None else str(object_id)
    return _filter_by_activity(filters, text, related)


FSLRSBackend._add_filter_by_activity = staticmethod(_filter_by_activity_text)

from ralph.api import app  # noqa: E402  (after the fixes, which it must see)

__all__ = ["app"]
