"""The REST API over the whole corpus: every figure it returns is checked against the report text."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from govreport.web import create_app
from tests.helpers import EXAMPLES, URUMQI, YINING


@pytest.fixture(scope="module")
def client(corpus_db):
    with TestClient(create_app(corpus_db)) as c:
        yield c


def _error(response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    assert body["error"]["code"] == code, body
    return body["error"]["message"]


# ---------------------------------------------------------------- reports


def test_reports_list_paginates_and_filters(client):
    everything = client.get("/api/v1/reports", params={"limit": 1000}).json()
    total = everything["total"]
    assert total == len(everything["reports"]) >= 80
    first = client.get("/api/v1/reports", params={"limit": 10}).json()
    second = client.get("/api/v1/reports", params={"limit": 10, "offset": 10}).json()
    assert first["total"] == second["total"] == total
    assert first["next_offset"] == 10
    ids = [r["id"] for r in first["reports"] + second["reports"]]
    assert len(set(ids)) == 20 and ids == [r["id"] for r in everything["reports"][:20]]
    assert all("source_path" not in r for r in first["reports"])

    national = client.get("/api/v1/reports", params={"level": "national", "limit": 1000}).json()["reports"]
    assert len(national) >= 20 and {r["region"] for r in national} == {"全国"}
    y2024 = client.get("/api/v1/reports", params={"year": 2024, "region": "伊宁"}).json()["reports"]
    assert [(r["slug"], r["region"], r["year"]) for r in y2024] == [(YINING.stem, "伊宁市", 2024)]


def test_one_report_its_outline_and_text(client):
    one = client.get(f"/api/v1/reports/{YINING.stem}").json()
    md = one["report"]
    assert (md["region"], md["level"], md["year"], md["date"]) == ("伊宁市", "city", 2024, "2024-01-25")
    assert md["facts"] > 20 and md["commitments"] > 10
    by_id = client.get(f"/api/v1/reports/{md['id']}").json()
    assert by_id["report"]["slug"] == YINING.stem

    text = client.get(f"/api/v1/reports/{YINING.stem}/text").json()["text"]
    assert text == YINING.read_text(encoding="utf-8")
    outline = client.get(f"/api/v1/reports/{YINING.stem}/outline").json()["outline"]
    assert outline == one["outline"]
    headings = [s["heading"] for s in outline if s["depth"] == 1]
    assert headings == ["2023年工作回顾", "2024年主要工作"]
    for s in outline:  # every heading is where the text says it is
        assert text[s["start"]:s["heading_end"]].strip().endswith(s["heading"][-4:])


def test_unknown_report_is_a_404_in_the_one_error_shape(client):
    assert "no-such-report" in _error(client.get("/api/v1/reports/no-such-report"), 404, "report_not_found")
    _error(client.get("/api/v1/reports/99999999999999999999999"), 404, "report_not_found")
    _error(client.get("/api/v1/reports/²"), 404, "report_not_found")
    _error(client.get("/api/v1/facts", params={"report": "nope"}), 404, "report_not_found")
    _error(client.get("/api/v1/nothing-here"), 404, "not_found")


# ---------------------------------------------------------------- facts, commitments, indices


def test_facts_filters_as_in_the_cli_with_evidence_from_the_text(client):
    text = YINING.read_text(encoding="utf-8")
    data = client.get("/api/v1/facts", params={"region": "伊宁市", "indicator": "gdp", "period": "actual",
                                               "year": 2023}).json()
    gdp = [f for f in data["facts"] if f["measure"] == "level"]
    assert [(f["value"], f["unit"], f["evidence"]) for f in gdp] == [(388.2, "亿元", "地区生产总值388.2亿元")]
    assert text[gdp[0]["start"]:gdp[0]["end"]] == gdp[0]["evidence"]
    assert gdp[0]["name"] == "地区生产总值"
    for f in data["facts"]:
        assert (f["region"], f["indicator"], f["period"], f["year"]) == ("伊宁市", "gdp", "actual", 2023)

    targets = client.get("/api/v1/facts", params={"region": "伊宁", "period": "target"}).json()["facts"]
    assert targets and all(f["period"] == "target" for f in targets)
    assert any(f["indicator"] == "gdp" and f["value"] == 8.0 and f["evidence"] == "地区生产总值增长8%"
               for f in targets)


def test_facts_pages_cover_the_whole_result_once(client):
    params = {"level": "national", "limit": 50}
    first = client.get("/api/v1/facts", params=params).json()
    total = first["total"]
    seen, offset = [], 0
    while offset is not None:
        page = client.get("/api/v1/facts", params={**params, "offset": offset}).json()
        seen += [(f["report_id"], f["start"], f["end"], f["indicator"], f["measure"]) for f in page["facts"]]
        offset = page["next_offset"]
    assert len(seen) == total > 100
    assert len(set(seen)) == total


def test_commitments_and_indices(client):
    text = YINING.read_text(encoding="utf-8")
    data = client.get("/api/v1/commitments", params={"report": YINING.stem, "limit": 1000}).json()
    assert data["total"] == len(data["commitments"]) > 10
    for c in data["commitments"]:
        assert text[c["start"]:c["end"]] == c["evidence"]
    assert any(c["subject"] == "高标准农田" and c["value"] == 3.7 and c["unit"] == "万亩"
               for c in data["commitments"])
    indices = client.get("/api/v1/indices", params={"region": "全国", "year": 2024}).json()
    assert indices["total"] == len(indices["indices"])
    for i in indices["indices"]:
        assert i["region"] == "全国" and i["report_year"] == 2024


# ---------------------------------------------------------------- track, compare, search


def test_track_pairs_national_targets_with_next_years_outcomes(client):
    data = client.get("/api/v1/track", params={"region": "全国", "indicator": "gdp"}).json()
    rows = {(r["measure"], r["year"]): r for r in data["rows"]}
    r2013 = rows[("growth", 2013)]  # 2013 report: 增长7.5%左右; 2014 report: 比上年增长7.7%
    got = (r2013["target"], r2013["qualifier"], r2013["outcome"], r2013["status"])
    assert got == (7.5, "about", 7.7, "met")
    assert r2013["target_report"] == "2013_national" and r2013["outcome_report"] == "2014_national"
    assert set(data["statuses"]) >= {"met", "missed", "no outcome reported"}
    assert data["summary"] and data["summary"][0]["region"] == "全国"
    assert sum(v for k, v in data["summary"][0].items() if k != "region") == data["count"]


def test_compare_ranks_regions_or_lists_years(client):
    ranked = client.get("/api/v1/compare", params={"indicator": "gdp", "year": 2023}).json()
    assert ranked["mode"] == "ranking"
    by_region = {r["region"]: r for r in ranked["rows"]}
    assert by_region["伊宁市"]["value"] == 7.2 and by_region["乌鲁木齐市"]["value"] == 6.0
    values = [r["value"] for r in ranked["rows"]]
    assert values == sorted(values, reverse=True)
    series = client.get("/api/v1/compare", params={"indicator": "gdp", "region": "全国"}).json()
    assert series["mode"] == "series"
    years = [r["year"] for r in series["rows"]]
    assert years == sorted(years) and 2003 in years
    assert "unknown indicator" in _error(client.get("/api/v1/compare", params={"indicator": "nope"}),
                                         400, "bad_parameter")
    _error(client.get("/api/v1/compare"), 422, "invalid_parameter")


def test_search_finds_text_across_word_boundaries(client):
    data = client.get("/api/v1/search", params={"q": "标准农", "limit": 5}).json()
    assert 0 < data["count"] <= 5
    for hit in data["hits"]:
        assert hit["snippet"][hit["highlights"][0][0]:hit["highlights"][0][1]] == "标准农"
        text = client.get(f"/api/v1/reports/{hit['report_id']}/text").json()["text"]
        assert text[hit["start"]:hit["end"]] == "标准农"
    _error(client.get("/api/v1/search", params={"q": "！？"}), 400, "bad_query")
    assert client.get("/api/v1/search", params={"q": ""}).json()["hits"] == []


# ---------------------------------------------------------------- upload


@pytest.fixture
def upload_client(tmp_path):
    with TestClient(create_app(tmp_path / "up.db", max_upload_bytes=300_000)) as c:
        yield c


def test_upload_ingests_as_the_cli_does_then_skips_the_same_content(upload_client, tmp_path):
    from govreport import Corpus

    example = sorted(EXAMPLES.glob("*.txt"))[0]
    data = example.read_bytes()
    r = upload_client.post("/api/v1/reports", files={"file": (example.name, data, "text/plain")})
    assert r.status_code == 201, r.text
    stored = r.json()["report"]
    assert stored["slug"] == example.stem and r.json()["created"] is True
    # the same as `govreport ingest` of the file: same metadata and facts
    with Corpus(tmp_path / "cli.db") as cli:
        cli.ingest([example])
        expected = cli.report(example.stem)
    got = upload_client.get(f"/api/v1/reports/{stored['id']}").json()["report"]
    for key in ("region", "level", "year", "date", "speaker", "sha256", "chars"):
        assert got[key] == expected[key], key
    facts = upload_client.get("/api/v1/facts", params={"report": stored["id"], "limit": 1000}).json()["facts"]
    assert [(f["indicator"], f["value"], f["start"]) for f in facts] == \
        [(f["indicator"], f["value"], f["start"]) for f in expected["facts"]]

    again = upload_client.post("/api/v1/reports", files={"file": ("again.txt", data, "text/plain")})
    assert again.status_code == 200 and again.json()["created"] is False
    assert again.json()["report"]["id"] == stored["id"]


def _post(client, name: str, data: bytes):
    return client.post("/api/v1/reports", files={"file": (name, data, "application/octet-stream")})


def test_upload_refuses_wrong_types_empty_files_and_non_reports(upload_client):
    _error(_post(upload_client, "x.exe", b"MZ\x90"), 415, "unsupported_type")
    _error(_post(upload_client, "noext", b"abc"), 415, "unsupported_type")
    _error(_post(upload_client, "empty.txt", b""), 400, "empty_file")
    msg = _error(_post(upload_client, "note.txt", "今天天气很好。".encode()), 422, "not_ingested")
    assert msg.startswith("note.txt: ")
    _error(upload_client.post("/api/v1/reports"), 422, "invalid_parameter")


def test_upload_of_a_docx_report(upload_client, tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in URUMQI.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "urumqi.docx"
    document.save(path)
    r = upload_client.post("/api/v1/reports", files={"file": (path.name, path.read_bytes(),
                                                              "application/octet-stream")})
    assert r.status_code == 201, r.text
    assert (r.json()["report"]["region"], r.json()["report"]["format"]) == ("乌鲁木齐市", "docx")


# ---------------------------------------------------------------- pages and docs


def test_pages_render_from_the_same_data(client):
    html = client.get("/reports", params={"region": "伊宁"}).text
    assert "伊宁市" in html and "乌鲁木齐市" not in html.split("<tbody>")[1]
    page = client.get(f"/reports/{YINING.stem}").text
    assert 'data-indicator="gdp"' in page and "地区生产总值388.2亿元" in page
    assert client.get("/track", params={"region": "全国"}).status_code == 200
    assert client.get("/compare").status_code == 200
    assert "高标准农田" in client.get("/search", params={"q": "高标准农田"}).text
    assert client.get("/upload").status_code == 200
    missing = client.get("/reports/no-such-report")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]


def test_openapi_and_docs_are_served_without_external_assets(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/v1/reports", "/api/v1/reports/{key}", "/api/v1/reports/{key}/text",
                 "/api/v1/reports/{key}/outline", "/api/v1/facts", "/api/v1/commitments", "/api/v1/indices",
                 "/api/v1/track", "/api/v1/compare", "/api/v1/search"):
        assert "get" in paths[path], path
    assert "post" in paths["/api/v1/reports"]
    docs = client.get("/docs").text
    assert "/api/v1/facts" in docs and "http://" not in docs and "https://" not in docs
    js = client.get("/static/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000 and b"plotly" in js.content[:2000].lower()
