"""Settings whose value is a number: every malformed value is an E009, never a traceback."""

from __future__ import annotations

import pytest

from eventwire.errors import InvalidOption
from eventwire.settings import DEFAULT_PAGE_CACHE, Settings


@pytest.mark.parametrize("value", ["²", "1²", "-1", "1.5", "many"])
def test_a_page_cache_that_is_no_whole_number_is_an_e009(value: str) -> None:
    with pytest.raises(InvalidOption, match="EVENTWIRE_API_PAGE_CACHE must be a whole number"):
        Settings.from_env({"EVENTWIRE_API_PAGE_CACHE": value})


def test_a_page_cache_in_other_decimal_digits_is_read() -> None:
    assert Settings.from_env({"EVENTWIRE_API_PAGE_CACHE": "\u0663"}).api_page_cache == 3
    assert Settings.from_env({}).api_page_cache == DEFAULT_PAGE_CACHE


@pytest.mark.parametrize("value", ["²", "0", "-3", "wide"])
def test_a_terminal_width_that_is_no_width_is_ignored(value: str) -> None:
    assert Settings.from_env({"COLUMNS": value}).columns is None


def test_a_terminal_width_is_read() -> None:
    assert Settings.from_env({"COLUMNS": "120"}).columns == 120
