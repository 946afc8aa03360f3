"""Helpers for the copy-detection tests: synthetic materials with planted copies (known truth)."""

from __future__ import annotations

import random

import pytest

# A pool of everyday Han characters; random strings of them share no 13-character run by chance.
POOL = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
    "十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样"
    "与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总"
)


def salad(rng: random.Random, n: int, *, punct: bool = True) -> str:
    """``n`` Han characters of word salad, with Chinese punctuation and paragraph breaks."""
    out: list[str] = []
    for i in range(n):
        out.append(rng.choice(POOL))
        if punct and i % 17 == 16:
            out.append(rng.choice("，，，。；"))
        if punct and i % 160 == 159:
            out.append("\n")
    return "".join(out)


@pytest.fixture
def rng() -> random.Random:
    return random.Random(20231201)
