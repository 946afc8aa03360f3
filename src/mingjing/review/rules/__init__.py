"""Rule modules, one per category family; importing this package registers them all.

``mingjing.review.kinds`` registers the rules declared as data in ``review/data/*.toml``.
"""

from mingjing.review import kinds  # noqa: F401
from mingjing.review.rules import (  # noqa: F401
    copy,
    count,
    coverage,
    formulation,
    numbering,
    placeholder,
    punctuation,
    repetition,
    specificity,
    structure,
    typo,
    whitespace,
)
