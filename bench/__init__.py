"""Benchmarks (``make bench``). Each module exposes ``main(quick: bool) -> dict`` of figures."""
