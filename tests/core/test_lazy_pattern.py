"""A LazyPattern (app/lazy_pattern.py) is compiled when first used, not when its module is imported, and then
answers exactly as the compiled pattern does (a rarely used pattern costs a process nothing until used)."""
import re

from app.lazy_pattern import LazyPattern


def test_a_lazy_pattern_compiles_on_first_use_and_matches_as_the_compiled_pattern():
    source = r"^(\d*?)(?:\d{1,2}[.、](?=\D)|\([一二三四五六七八九十]\)|[一二三四五六七八九十]、)"
    lazy, compiled = LazyPattern(source), re.compile(source)
    assert lazy._compiled is None
    for text in ["00000004.保护第三方合法权益", "(三)其他", "四、结转", "12", "", "x1.y"]:
        found, expected = lazy.match(text), compiled.match(text)
        assert (found and found.group(0, 1)) == (expected and expected.group(0, 1)), text
    assert lazy._compiled is not None and lazy.pattern == source
    assert lazy.sub("-", "1.a 2.b") == compiled.sub("-", "1.a 2.b")
    assert [m.span() for m in lazy.finditer("一、二、")] == [m.span() for m in compiled.finditer("一、二、")]


def test_a_lazy_pattern_keeps_the_compiled_method_once_used():
    lazy = LazyPattern(r"\d+", re.ASCII)
    assert lazy.fullmatch("١٢") is None                      # the flags are the pattern's: ASCII digits only
    assert lazy.__dict__["fullmatch"] == lazy._compiled.fullmatch
    assert lazy.fullmatch("12").group() == "12"

