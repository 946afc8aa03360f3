"""征求意见: intake, 归纳 (merge), classification by aspect, assignment, feedback sheets, coverage.

The pipeline is a chain of pure steps over immutable values — :func:`read_opinions` →
:func:`merge` → :func:`classify` → :func:`assign` — with I/O only at the ends (reading the source,
writing sheets). Anonymity is enforced at intake: identity columns never get past it unless the
caller keeps them explicitly.
"""
