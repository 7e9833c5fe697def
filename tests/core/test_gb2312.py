"""The GB2312 table (app/recognize/gb2312.py) answers as Python's gb2312 codec for every character of
U+4E00–U+9FFF: a text of simplified characters leaves OpenCC unloaded, one traditional character loads it."""
from app.recognize import gb2312
from app.recognize import fold
from app.recognize.fold import to_simplified


def _in_codec(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def test_the_table_holds_exactly_the_hanzi_the_gb2312_codec_encodes():
    block = [chr(cp) for cp in range(gb2312.FIRST, gb2312.LAST + 1)]
    differ = [ch for ch in block if gb2312.all_in_gb2312([ch]) != _in_codec(ch)]
    assert not differ, differ[:20]
    assert sum(map(_in_codec, block)) == 6763


def test_a_text_is_all_gb2312_only_when_each_of_its_hanzi_is():
    assert gb2312.all_in_gb2312([]) and gb2312.all_in_gb2312("政府信息公开工作年度报告")
    assert not gb2312.all_in_gb2312("政府資訊公開") and not gb2312.all_in_gb2312(["公", "開"])
    assert not gb2312.all_in_gb2312(["\u9fa6"]) and gb2312.all_in_gb2312(["\u9f44"])   # 齄: GB2312's last


def test_simplified_text_is_kept_without_opencc_and_traditional_text_still_simplified():
    fold._converter.cache_clear()
    assert to_simplified("本机关不掌握相关政府信息，齄") == "本机关不掌握相关政府信息，齄"
    assert fold._converter.cache_info().misses == 0                   # OpenCC (~40 ms) not loaded
    assert to_simplified("本機關不掌握相關政府資訊") == "本机关不掌握相关政府资讯"
    assert fold._converter.cache_info().misses == 1
