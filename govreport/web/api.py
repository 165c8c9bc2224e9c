"""The JSON API, ``/api/v1``: each route opens the store, calls one view and returns its dict."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from govreport.web import analyses, views
from govreport.web.upload import ingest_upload


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {s: {"model": ErrorBody} for s in statuses}


router = APIRouter(prefix="/api/v1", tags=["api"], responses=_errors(422))

# Filters shared by the routes. Text filters accept anything (an unknown value finds nothing);
# numbers are bounded so that no value reaches SQLite out of its range.
Region = Annotated[str | None, Query(max_length=200,
                                    description="Region, or the start of its name (伊宁 = 伊宁市)")]
Year = Annotated[int | None, Query(ge=0, le=9999, description="Year")]
Level = Annotated[str | None, Query(max_length=50, description="national | province | city | county")]
Indicator = Annotated[str | None, Query(max_length=100, description="Indicator id, e.g. gdp")]
Period = Annotated[str | None, Query(max_length=50, description="actual | target")]
ReportKey = Annotated[str | None, Query(max_length=300, description="Only this report (id or slug)")]
Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip")]


def corpus(request: Request) -> Any:
    """The calling thread's store connection."""
    return request.app.state.pool.get()


@router.get("/reports", summary="Stored reports (metadata), filtered and paginated")
def list_reports(request: Request, region: Region = None, year: Annotated[int | None, Query(
        ge=0, le=9999, description="Year the report was delivered")] = None, level: Level = None,
        limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return views.reports_list(corpus(request), region=region, year=year, level=level, limit=limit,
                              offset=offset)


@router.get("/reports/{key}", summary="One report: metadata, counts and outline", responses=_errors(404))
def get_report(request: Request, key: str) -> dict[str, Any]:
    return views.report_detail(corpus(request), key)


@router.get("/reports/{key}/text", summary="A report's full text (all offsets index into it)",
            responses=_errors(404))
def get_report_text(request: Request, key: str) -> dict[str, Any]:
    return views.report_text(corpus(request), key)


@router.get("/reports/{key}/outline", summary="A report's heading tree", responses=_errors(404))
def get_report_outline(request: Request, key: str) -> dict[str, Any]:
    return views.report_outline(corpus(request), key)


@router.post("/reports", status_code=201, summary="Upload a report file and ingest it",
             description="Multipart upload of one .txt, .docx, .pdf or .html file, ingested as "
                         "`govreport ingest` does. 201 when stored, 200 when the same content was already "
                         "stored; 413 over the size limit, 415 for other types, 422 when it is not a "
                         "readable work report.",
             responses={200: {"description": "Already stored"}, **_errors(400, 413, 415, 422)})
def upload_report(request: Request, file: Annotated[UploadFile, File(description="The report file")]) -> Any:
    result = ingest_upload(corpus(request), file.file, file.filename, request.app.state.max_upload_bytes)
    return JSONResponse(views.clean(result), status_code=201 if result["created"] else 200)


@router.get("/facts", summary="Headline-indicator facts with evidence spans", responses=_errors(404))
def list_facts(request: Request, region: Region = None, year: Annotated[int | None, Query(
        ge=0, le=9999, description="Year the figure refers to")] = None, indicator: Indicator = None,
        period: Period = None, level: Level = None, report: ReportKey = None, limit: Limit = 100,
        offset: Offset = 0) -> dict[str, Any]:
    return views.facts(corpus(request), region=region, year=year, indicator=indicator, period=period,
                       level=level, report=report, limit=limit, offset=offset)


@router.get("/commitments", summary="Quantified commitments of the plan parts", responses=_errors(404))
def list_commitments(request: Request, region: Region = None, year: Annotated[int | None, Query(
        ge=0, le=9999, description="Year the report was delivered")] = None,
        action: Annotated[str | None, Query(max_length=100, description="Action verb")] = None,
        level: Level = None, report: ReportKey = None, limit: Limit = 100,
        offset: Offset = 0) -> dict[str, Any]:
    return views.commitments(corpus(request), region=region, year=year, action=action, level=level,
                             report=report, limit=limit, offset=offset)


@router.get("/indices", summary="Attention indices (keyword counts per theme and part)",
            responses=_errors(404))
def list_indices(request: Request, region: Region = None, year: Annotated[int | None, Query(
        ge=0, le=9999, description="Year the report was delivered")] = None,
        index: Annotated[str | None, Query(max_length=100, description="Index name")] = None,
        part: Annotated[str | None, Query(max_length=50, description="all | review | plan")] = None,
        level: Level = None, report: ReportKey = None, limit: Limit = 100,
        offset: Offset = 0) -> dict[str, Any]:
    return views.indices(corpus(request), region=region, year=year, index=index, part=part, level=level,
                         report=report, limit=limit, offset=offset)


@router.get("/track", summary="Targets of year N against outcomes of year N, with a status")
def get_track(request: Request, region: Region = None, indicator: Indicator = None,
              year: Annotated[int | None, Query(ge=0, le=9999, description="Target year")] = None,
              about_tolerance: Annotated[float, Query(ge=0, le=100, allow_inf_nan=False, description=(
                  "How far an 'about' (左右) target may be missed and still count as met (about)"))] = 0.5,
              ) -> dict[str, Any]:
    return analyses.tracking(corpus(request), region=region, indicator=indicator, year=year,
                             about_tolerance=about_tolerance)


@router.get("/compare", summary="One indicator across regions and years", responses=_errors(400),
            description="With `year`: regions side by side, ranked. With `region`: that region's years, "
                        "targets beside outcomes. With neither: the latest year two regions report.")
def get_compare(request: Request,
                indicator: Annotated[str, Query(max_length=100, description="Indicator id, e.g. gdp")],
                year: Year = None, region: Region = None,
                period: Period = None,
                measure: Annotated[str | None, Query(max_length=50, description="level | growth")] = None,
                ) -> dict[str, Any]:
    return analyses.comparison(corpus(request), indicator=indicator, year=year, region=region, period=period,
                               measure=measure)


@router.get("/indicators", summary="The headline indicators: id and standard name")
def list_indicators() -> dict[str, Any]:
    return views.indicator_list()


@router.get("/search", summary="Full-text search (any characters, across word boundaries)",
            responses=_errors(400))
def get_search(request: Request, q: Annotated[str, Query(max_length=200, description="Query text")] = "",
               limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict[str, Any]:
    return views.search(corpus(request), q, limit)
