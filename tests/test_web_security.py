"""Hostile input: report text that holds HTML, SQL metacharacters in every filter, oversized
uploads, file names that try to climb out of the upload folder, and a bounded schemathesis run
over the OpenAPI document (no 500 anywhere)."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from govreport import Corpus
from govreport.web import create_app
from tests.helpers import EXAMPLES, YINING

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
NASTY_NAME = 'x"><img src=x onerror=alert(2)>'  # a file name holding markup (no slash: valid on Linux)


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    """The Yining report with markup added to a review line, a heading and a fact's sentence,
    stored under a file name that is markup too."""
    folder = tmp_path_factory.mktemp("hostile")
    text = YINING.read_text(encoding="utf-8")
    anchor = "全年实现地区生产总值388.2亿元"
    assert anchor in text
    text = text.replace(anchor, f"{SCRIPT}{IMG}" + anchor, 1)
    text = text.replace("各位代表：", f"各位代表：\n{IMG}{SCRIPT}\n", 1)
    path = folder / f"{NASTY_NAME}.txt"
    path.write_text(text, encoding="utf-8")
    db = folder / "hostile.db"
    with Corpus(db) as corpus:
        result = corpus.ingest([path])
    assert result.ingested, result.failed
    return db


@pytest.fixture(scope="module")
def hostile(hostile_db):
    with TestClient(create_app(hostile_db)) as c:
        yield c


def _assert_escaped(html: str) -> None:
    """No tag came from the data: only our own scripts, no <img>, no event handler in any tag."""
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert 'src="/static/' in tag or 'type="application/json"' in tag, tag
    assert "<img" not in html
    assert not re.search(r"<[^>]*\son\w+\s*=", html), re.search(r"<[^>]*\son\w+\s*=", html)


def test_report_text_with_markup_is_shown_escaped(hostile):
    reports = hostile.get("/api/v1/reports").json()["reports"]
    assert [r["name"] for r in reports] == [f"{NASTY_NAME}.txt"]  # the slug has _ for spaces
    rid = reports[0]["id"]
    page = hostile.get(f"/reports/{rid}")
    assert page.status_code == 200
    html = page.text
    _assert_escaped(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    # the figure right after the markup is still highlighted, on the right characters
    assert 'data-indicator="gdp"' in html and ">地区生产总值388.2亿元</mark>" in html
    # the API gives the text back as it is, offsets intact
    text = hostile.get(f"/api/v1/reports/{rid}/text").json()["text"]
    assert SCRIPT in text and IMG in text
    for f in hostile.get("/api/v1/facts", params={"report": rid}).json()["facts"]:
        assert text[f["start"]:f["end"]] == f["evidence"]


def test_markup_in_names_and_snippets_is_escaped_on_every_page(hostile):
    for url in ("/", "/reports", "/search?q=alert", "/track", "/compare",
                f"/search?q={SCRIPT}", f"/reports?region={IMG}", f"/track?region={SCRIPT}"):
        response = hostile.get(url)
        assert response.status_code == 200, url
        _assert_escaped(response.text)
    hits = hostile.get("/search", params={"q": "alert"}).text
    assert "&lt;script&gt;<mark" in hits  # the hit is marked inside the escaped text


# ---------------------------------------------------------------- SQL metacharacters

METACHARACTERS = ["' OR '1'='1", "'; DROP TABLE reports; --", '" OR ""="', "%", "_", "\\", "%' --",
                  "1; SELECT 1", "伊宁%", "*", "NULL", "\x00", "😀",
                  "' UNION SELECT sql FROM sqlite_master --"]
STRING_FILTERS = {
    "/api/v1/reports": ["region", "level"],
    "/api/v1/facts": ["region", "indicator", "period", "level"],
    "/api/v1/commitments": ["region", "action", "level"],
    "/api/v1/indices": ["region", "index", "part", "level"],
    "/api/v1/track": ["region", "indicator"],
    "/api/v1/search": ["q"],
}
PAGED = ["year", "limit", "offset"]
NUMBER_FILTERS = {"/api/v1/reports": PAGED, "/api/v1/facts": PAGED, "/api/v1/commitments": PAGED,
                  "/api/v1/indices": PAGED, "/api/v1/track": ["year", "about_tolerance"],
                  "/api/v1/search": ["limit"]}
LIST_KEY = {"/api/v1/reports": "reports", "/api/v1/facts": "facts", "/api/v1/commitments": "commitments",
            "/api/v1/indices": "indices", "/api/v1/track": "rows"}


@pytest.fixture(scope="module")
def seeds(seed_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("seedcopy") / "seed.db"
    shutil.copy(seed_db, db)
    with TestClient(create_app(db, max_upload_bytes=10_000)) as c:
        yield c


@pytest.mark.parametrize("value", METACHARACTERS, ids=repr)
def test_sql_metacharacters_in_every_filter_are_harmless(seeds, value):
    before = seeds.get("/api/v1/reports").json()["total"]
    for path, names in STRING_FILTERS.items():
        for name in names:
            r = seeds.get(path, params={name: value})
            assert r.status_code in (200, 400), (path, name, r.status_code, r.text)
            if r.status_code == 400:  # only a search query without a searchable character
                assert path == "/api/v1/search" and r.json()["error"]["code"] == "bad_query"
                continue
            if path in LIST_KEY and value not in ("伊宁%",):
                assert r.json()[LIST_KEY[path]] == [], (path, name, value)  # matches nothing, not everything
        for number in NUMBER_FILTERS[path]:
            r = seeds.get(path, params={number: value})
            assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_parameter"
    for path in ("/api/v1/reports/{}", "/api/v1/reports/{}/text", "/api/v1/reports/{}/outline",
                 "/reports/{}"):
        key = value.replace("/", "").replace("\x00", "") or "x"
        assert seeds.get(path.format(key)).status_code == 404
    r = seeds.get("/api/v1/compare", params={"indicator": value})
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_parameter"
    assert seeds.get("/api/v1/reports").json()["total"] == before


def test_region_prefix_is_not_a_wildcard(seeds):
    assert seeds.get("/api/v1/facts", params={"region": "青禾"}).json()["total"] > 0
    assert seeds.get("/api/v1/facts", params={"region": "青_"}).json()["total"] == 0
    assert seeds.get("/api/v1/facts", params={"region": "%禾"}).json()["total"] == 0


# ---------------------------------------------------------------- uploads


def _uploads_left() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("govreport-upload-*")}


def test_oversized_upload_gets_413_and_leaves_nothing(seeds):
    left = _uploads_left()
    small_over = seeds.post("/api/v1/reports", files={"file": ("big.txt", b"x" * 10_001, "text/plain")})
    assert small_over.status_code == 413 and small_over.json()["error"]["code"] == "too_large"
    huge = seeds.post("/api/v1/reports", files={"file": ("huge.txt", b"x" * 2_000_000, "text/plain")})
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "too_large"

    def chunks():  # no Content-Length: counted while it streams
        yield (b'--zzz\r\nContent-Disposition: form-data; name="file"; filename="s.txt"\r\n'
               b"Content-Type: text/plain\r\n\r\n")
        for _ in range(40):
            yield b"y" * 50_000

    streamed = seeds.post("/api/v1/reports", content=chunks(),
                          headers={"content-type": "multipart/form-data; boundary=zzz"})
    assert streamed.status_code == 413 and streamed.json()["error"]["code"] == "too_large"
    page = seeds.post("/upload", files={"file": ("big.txt", b"x" * 10_001, "text/plain")})
    assert page.status_code == 413 and "text/html" in page.headers["content-type"]
    assert _uploads_left() == left


@pytest.mark.parametrize("name", ["../../etc/passwd.txt", "..\\..\\win.txt", "/etc/passwd.txt",
                                  "a/../../b.txt", "....//....//c.txt", "x.txt\x00.pdf", "..", ".txt", " "])
def test_path_traversal_names_are_refused_and_nothing_is_written_outside(seeds, tmp_path, monkeypatch, name):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    before = sorted(p for p in tmp_path.rglob("*"))
    r = seeds.post("/api/v1/reports", files={"file": (name, b"some text", "text/plain")})
    assert r.status_code in (400, 415, 422), r.text
    assert set(r.json()) == {"error"}
    if "/" in name or "\\" in name or name.strip(" .") == "":  # a NUL arrives percent-encoded
        assert r.status_code == 400 and r.json()["error"]["code"] == "bad_filename", r.text
    assert sorted(p for p in tmp_path.rglob("*")) == before  # the upload folder is gone, nothing else made
    assert not Path("/etc/passwd.txt").exists()


@pytest.mark.parametrize("name", ["x.txt\x00.pdf", "../a.txt", "a\\b.txt", "", "..", "..."])
def test_file_names_that_are_paths_or_empty_are_refused(name):
    from govreport.web.upload import UploadError, safe_filename

    with pytest.raises(UploadError) as err:
        safe_filename(name)
    assert err.value.status == 400 and err.value.code == "bad_filename"


def test_odd_characters_in_file_names_are_replaced():
    from govreport.web.upload import safe_filename

    assert safe_filename('a<b>:"c|?*\x07.txt') == "a_b___c____.txt"
    assert safe_filename("伊宁市 2024年 政府工作报告.TXT") == "伊宁市 2024年 政府工作报告.TXT"
    long = safe_filename("长" * 300 + ".pdf")
    assert len(long) == 120 and long.endswith(".pdf")


def test_upload_page_shows_errors_escaped(seeds):
    r = seeds.post("/upload", files={"file": ("<img src=x onerror=alert(3)>.exe", b"abc", "text/plain")})
    assert r.status_code == 415
    _assert_escaped(r.text)
    assert "unsupported file type" in r.text


def test_a_good_upload_from_the_page_redirects_to_the_report(tmp_path):
    with TestClient(create_app(tmp_path / "p.db")) as c:
        example = sorted(EXAMPLES.glob("*.txt"))[-1]
        r = c.post("/upload", files={"file": (example.name, example.read_bytes(), "text/plain")},
                   follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/reports/")
        page = c.get(r.headers["location"])
        assert page.status_code == 200 and "青禾市" in page.text


def test_pages_send_a_content_security_policy(seeds):
    csp = seeds.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-eval" not in csp


# ---------------------------------------------------------------- schemathesis


def test_no_endpoint_answers_500_to_schemathesis(seed_db, tmp_path):
    """A bounded run: every operation of the OpenAPI document, 25 generated requests each
    (derandomised: the same cases on every run), on a copy of the seed database."""
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import not_a_server_error

    db = tmp_path / "fuzz.db"
    shutil.copy(seed_db, db)
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(db, max_upload_bytes=50_000))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate(checks=[not_a_server_error])

        run()
