"""相似件 over the API: similar existing items for a text being typed, and a batch's near-duplicate
clusters (staff). What each reader sees is what the pages show them (renda.similar.finder)."""

from typing import Literal

from ninja import Field, Router, Schema

from renda.core.api import scoped
from renda.core.api_contract import In
from renda.core.permissions import check_permission
from renda.similar import finder

router = Router(tags=["similar"])

SimilarKind = Literal["suggestion", "concern", "livelihood_proposal"]


class SimilarIn(In):
    kind: SimilarKind = Field(description="suggestion（议案建议）、concern（群众诉求）、livelihood_proposal（民生实事项目建议）")
    title: str = Field("", max_length=200)
    body: str = Field("", max_length=20000)
    exclude_id: int | None = Field(None, description="正在修改的本件（不与自己比较）")


class SimilarItemOut(Schema):
    kind: str
    object_id: int
    number: str
    title: str
    marked_title: str = Field(description="HTML：已转义，相同片段以 <mark> 标出")
    excerpt: str = Field(description="HTML：正文中相同片段附近的一段，已转义，相同片段以 <mark> 标出")
    owner: str
    status: str
    score: float
    url: str
    note: str


class SimilarOut(Schema):
    kind: str
    items: list[SimilarItemOut]
    hint: str
    hidden: int = Field(description="另有相似但本人无权查看的已提交件数")


@router.post("/similar", response=SimilarOut, summary="相似的已有件：输入标题和内容，返回相似度和标出的相同片段")
@scoped
def similar(request, payload: SimilarIn):
    found = finder.find_similar(request.congress, request.user, payload.kind, f"{payload.title}\n{payload.body}",
                                exclude_id=payload.exclude_id)
    return {"kind": found.kind, "items": [vars(m) for m in found.items], "hint": found.hint, "hidden": found.hidden}


class SimilarClusterItemOut(Schema):
    object_id: int
    number: str
    title: str
    owner: str
    status: str
    url: str


class SimilarClustersOut(Schema):
    kind: str
    scope: str
    items_compared: int
    threshold: float
    clusters: list[list[SimilarClusterItemOut]]
    truncated: bool


@router.get("/similar/clusters", response=SimilarClustersOut,
            summary="相似件聚类（并案候选，工作人员）：kind、year、session（大会会议）、call（民生实事征集）")
@scoped
def similar_clusters(request, kind: SimilarKind = "suggestion", year: int | None = None, session: int | None = None,
                     call: int | None = None):
    check_permission(request.user, request.congress, "view_similar_clusters")
    result = finder.clusters(request.congress, request.user, kind, year=year if year and 1900 < year < 3000 else None,
                             session_id=session, call_id=call)
    return {"kind": result.kind, "scope": result.scope, "items_compared": result.items_compared,
            "threshold": result.threshold, "truncated": result.truncated,
            "clusters": [[vars(i) for i in group] for group in result.clusters]}

