"""Pages as the web serves them: declared legacy charsets, mislabelled UTF-8, detection for plain
text, and the language identified (non-English rejected with a reason)."""

from __future__ import annotations

import pytest

from dateline.errors import InputError
from dateline.sources import read
from dateline.sources.encoding import decode_bytes

STORY = (
    "Shelling kills five in Idlib café district\n\n"
    "IDLIB, Syria - Shelling struck the café district of Idlib on Tuesday, killing five civilians, "
    "the civil defence said. Residents said the attack began at dawn and lasted for two hours, and "
    "that the market was closed for the rest of the day. “We heard the shells fall,” one resident said."
)
GERMAN = (
    "Granaten treffen Marktplatz in Idlib\n\nIDLIB - Bei einem Angriff auf den Marktplatz der Stadt "
    "sind am Dienstag fünf Zivilisten getötet worden, teilte der Zivilschutz mit. Die Bewohner sagten, "
    "der Beschuss habe im Morgengrauen begonnen und zwei Stunden gedauert, und der Markt sei für den "
    "Rest des Tages geschlossen geblieben. Das ist in the area a bad day for all."
)


def page(body: str, head: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n")[1:])
    title = body.split("\n\n")[0]
    return (
        f"<html><head>{head}<title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>"
    )


def one(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    (item,) = list(read([str(path)]))
    return item


@pytest.mark.parametrize(
    "head, codec, recorded",
    [
        ('<meta charset="iso-8859-1">', "latin-1", "cp1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', "cp1252", "cp1252"),
        ('<meta charset="iso-8859-15">', "iso-8859-15", "iso8859-15"),
    ],
)
def test_a_page_in_a_declared_legacy_charset_is_read(tmp_path, head, codec, recorded):
    text = STORY.replace("“", '"').replace("”", '"')  # latin-1 has no curly quotes
    art = one(tmp_path, "legacy.html", page(text, head).encode(codec))
    assert not isinstance(art, InputError), art
    assert "café district" in art.text
    assert art.encoding == recorded and art.language == "en"


def test_utf8_labelled_latin1_is_read_as_utf8(tmp_path):
    art = one(tmp_path, "mislabelled.html", page(STORY, '<meta charset="iso-8859-1">').encode("utf-8"))
    assert not isinstance(art, InputError), art
    assert "café" in art.text and "“We heard" in art.text and art.encoding == "utf-8"


def test_the_http_header_wins_over_the_meta_tag():
    raw = page(STORY.replace("“", '"').replace("”", '"'), '<meta charset="koi8-r">').encode("cp1252")
    decoded = decode_bytes(raw, "x", content_type="text/html; charset=windows-1252", html=True)
    assert decoded.encoding == "cp1252" and decoded.how == "header" and "café" in decoded.text


def test_plain_text_in_a_legacy_encoding_is_detected(tmp_path):
    art = one(tmp_path, "story.txt", STORY.replace("“", "«").replace("”", "»").encode("cp1252"))
    assert not isinstance(art, InputError), art
    assert "café district" in art.text and art.encoding not in (None, "utf-8")


def test_a_german_page_is_rejected_with_its_language(tmp_path):
    item = one(tmp_path, "de.html", page(GERMAN, '<meta charset="utf-8">').encode("utf-8"))
    assert isinstance(item, InputError) and "not English" in item.reason and "'de'" in item.reason
    assert "de.html" in str(item)


def test_an_english_text_records_its_language(tmp_path):
    art = one(tmp_path, "en.txt", STORY.encode("utf-8"))
    assert not isinstance(art, InputError) and art.language == "en" and art.encoding == "utf-8"


def test_binary_is_still_rejected():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x00\x01\x02" * 100, "blob.bin")
