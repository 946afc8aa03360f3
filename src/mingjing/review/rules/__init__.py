"""Rule modules, one per category family; importing this package registers them all."""

from mingjing.review.rules import placeholder  # noqa: F401
from mingjing.review.rules import specificity  # noqa: F401
from mingjing.review.rules import structure  # noqa: F401
from mingjing.review.rules import numbering  # noqa: F401
from mingjing.review.rules import count  # noqa: F401
from mingjing.review.rules import punctuation  # noqa: F401
from mingjing.review.rules import whitespace  # noqa: F401
from mingjing.review import kinds  # noqa: F401  (rules declared in review/data/*.toml)
from mingjing.review.rules import formulation  # noqa: F401
from mingjing.review.rules import repetition  # noqa: F401
from mingjing.review.rules import typo  # noqa: F401
from mingjing.review.rules import coverage  # noqa: F401
