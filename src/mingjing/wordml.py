"""WordprocessingML names in one place: namespaces and the element and attribute names that
mingjing's .docx reader, comment writer and layout writer use (Clark notation, ``{ns}local``)."""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_NS = "http://www.w3.org/XML/1998/namespace"


def w(name: str) -> str:
    """The Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{name}"


RT_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
RT_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
W_BODY = w("body")
W_P = w("p")
W_R = w("r")
W_T = w("t")
W_TAB = w("tab")
W_PTAB = w("ptab")
W_BR = w("br")
W_CR = w("cr")
W_SYM = w("sym")
W_NO_BREAK_HYPHEN = w("noBreakHyphen")
W_FLD_CHAR = w("fldChar")
W_FLD_CHAR_TYPE = w("fldCharType")
W_TYPE = w("type")
W_CHAR = w("char")
W_PPR = w("pPr")
W_RPR = w("rPr")
W_PSTYLE = w("pStyle")
W_VAL = w("val")
W_TBL = w("tbl")
W_TR = w("tr")
W_TC = w("tc")
W_TRPR = w("trPr")
W_TCPR = w("tcPr")
W_VMERGE = w("vMerge")
W_SDT = w("sdt")
W_SDT_CONTENT = w("sdtContent")
W_CUSTOM_XML = w("customXml")
W_TXBX = w("txbxContent")
W_INS = w("ins")
W_DEL = w("del")
W_MOVE_FROM = w("moveFrom")
W_MOVE_TO = w("moveTo")
W_RT = w("rt")
W_SECTPR = w("sectPr")
W_HEADER_REF = w("headerReference")
W_FOOTER_REF = w("footerReference")
R_ID = f"{{{R_NS}}}id"
MC_ALTERNATE = f"{{{MC_NS}}}AlternateContent"
MC_CHOICE = f"{{{MC_NS}}}Choice"
MC_FALLBACK = f"{{{MC_NS}}}Fallback"
W_ABSTRACT_NUM = w("abstractNum")
W_ABSTRACT_NUM_ID = w("abstractNumId")
W_NUM = w("num")
W_NUM_ID = w("numId")
W_LVL = w("lvl")
W_ILVL = w("ilvl")
W_START = w("start")
W_NUM_FMT = w("numFmt")
W_LVL_TEXT = w("lvlText")
W_LVL_RESTART = w("lvlRestart")
W_IS_LGL = w("isLgl")
W_SUFF = w("suff")
W_NUMPR = w("numPr")
W_STYLE = w("style")
W_STYLE_ID = w("styleId")
W_DEFAULT = w("default")
W_NAME = w("name")
W_BASED_ON = w("basedOn")
W_LVL_OVERRIDE = w("lvlOverride")
W_START_OVERRIDE = w("startOverride")
W_STYLE_LINK = w("styleLink")
W_NUM_STYLE_LINK = w("numStyleLink")
W_FORMAT = w("format")
W_NULL = w("null")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
W_ID = w("id")
