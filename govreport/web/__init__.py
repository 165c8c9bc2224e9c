"""``govreport serve``: a REST API (``/api/v1``) and server-rendered pages over the store.

>>> from govreport.web import create_app
"""

from __future__ import annotations

from govreport.web.app import create_app

__all__ = ["create_app"]
