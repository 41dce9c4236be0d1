"""The fixed vocabularies of the output contract (RECORD.md): meeting types, problem
categories, audit elements. Plain constants, so that every layer can name them; the audit
elements' Chinese names are data (``data/labels.toml``), read here once for every output."""
from functools import lru_cache

from extractor.resources import load_toml

MEETING_TYPES = ("民主生活会", "专题民主生活会", "组织生活会", "专题组织生活会")

CATEGORIES = (
    "理想信念", "理论学习", "形式主义", "官僚主义", "享乐主义", "奢靡之风", "担当作为",
    "为民服务", "纪律作风", "党建责任", "组织生活", "先锋模范", "批评与自我批评",
)

AUDIT_ELEMENTS = (
    "study", "solicit_opinions", "heart_to_heart", "self_examination_materials",
    "previous_rectification", "criticism", "problems", "rectification", "supervision",
    "member_review", "report_upward",
)


@lru_cache(maxsize=1)
def element_labels() -> dict[str, str]:
    """Audit element id -> its Chinese name (``data/labels.toml`` [elements])."""
    return load_toml("labels.toml")["elements"]


def element_label(element: str) -> str:
    """An audit element's Chinese name; its id when it has none (a checklist's own)."""
    return element_labels().get(element, element)
