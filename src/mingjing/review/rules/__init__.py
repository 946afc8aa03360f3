"""Rule modules, one per category family; importing this package registers them all."""

from mingjing.review.rules import placeholder  # noqa: F401
from mingjing.review.rules import specificity  # noqa: F401
from mingjing.review.rules import structure  # noqa: F401
from mingjing.review.rules import numbering  # noqa: F401
from mingjing.review.rules import count  # noqa: F401
from mingjing.review.rules import punctuation  # noqa: F401
from mingjing.review.rules import whitespace  # noqa: F401
