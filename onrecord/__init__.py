"""onrecord: who said what, and where each person stands on an issue.

The pipeline, stage by stage (each a package): ``ingest`` -> ``extract`` ->
``resolve`` -> ``stance`` -> ``store`` -> ``query`` -> ``export``/``eval``.
"""

from .errors import OnrecordError
from .models import Article, Issue, Person, Quote
from .pipeline import add_issue, analyze, ingest
from .store import open_store

__version__ = "0.1.0"
__all__ = ["Article", "Issue", "OnrecordError", "Person", "Quote", "add_issue", "analyze", "ingest", "open_store"]
