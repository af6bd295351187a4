"""CPF numbers: check digits, formatting and masking. No CPF is ever needed for advice."""

from __future__ import annotations

import re


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _check_digit(numbers: str) -> str:
    weight = len(numbers) + 1
    total = sum(int(n) * (weight - i) for i, n in enumerate(numbers))
    rest = total % 11
    return "0" if rest < 2 else str(11 - rest)


def is_valid(text: str) -> bool:
    """11 digits (punctuation allowed), not all the same, both check digits right."""
    if not re.fullmatch(r"[\d.\-\s]+", text):
        return False
    number = digits(text)
    if len(number) != 11 or number == number[0] * 11:
        return False
    first = _check_digit(number[:9])
    return number[9:] == first + _check_digit(number[:9] + first)


def formatted(number: str) -> str:
    n = digits(number)
    return f"{n[:3]}.{n[3:6]}.{n[6:9]}-{n[9:]}"


def masked(number: str) -> str:
    """Only the last four digits show: ***.***.*89-09."""
    n = digits(number)
    return f"***.***.*{n[7:9]}-{n[9:]}"
