"""Generate a corpus of varied synthetic meeting reports for benchmarking.

Each report is assembled from interchangeable parts (units, meeting kinds, themes, date
styles, heading styles, paragraphs of preparation / meeting / problems / measures) and then
given the surface of a real archive at random: full-width digits, Chinese-numeral dates,
traditional characters, masked names and dates, web-page chrome, several reports in one
file, briefs without headings, GBK encoding. Seeded, so a corpus is reproducible.

    python bench/generate.py OUT_DIR --reports 10000 [--seed 1]
"""
from __future__ import annotations

import argparse
import pathlib
import random

ROOT = pathlib.Path(__file__).resolve().parents[1]

UNITS = [
    ("xx县财政局党组", "民主生活会"), ("市场监管局机关第一党支部", "组织生活会"),
    ("城关镇党委", "民主生活会"), ("红旗村党支部", "组织生活会"), ("县人民医院党委", "民主生活会"),
    ("实验中学党总支", "组织生活会"), ("交投集团有限公司党委", "民主生活会"),
    ("供电分公司运维党支部", "组织生活会"), ("区教育局党组", "民主生活会"),
    ("东街社区党委", "组织生活会"), ("县委办公室党支部", "组织生活会"), ("××局领导班子", "民主生活会"),
]
THEMES = ["", "", "党史学习教育", "学习贯彻习近平新时代中国特色社会主义思想主题教育", "以案促改"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "建国明华军伟芳丽强磊洋勇艳杰娟涛超秀英霞平刚桂兰志红玉梅德文海波鹏飞东宁斌慧晓燕"
ROLES = ["党组书记、局长", "党委书记", "支部书记", "县委常委、组织部部长", "纪检组长", "党委副书记"]
CN = "〇一二三四五六七八九"

PREP = [
    "会前，{org}认真组织学习，采取集中学习与个人自学相结合的方式，深入学习党的创新理论，为开好会议打牢思想基础。",
    "广泛征求意见建议。通过发放征求意见表、召开座谈会等方式，共征求到意见建议{n}条，梳理归纳为{m}个方面。",
    "深入开展谈心谈话。{role}{name}带头与班子成员逐一谈心，班子成员之间相互谈、与分管部门负责人谈，做到应谈尽谈。",
    "认真撰写对照检查材料。班子成员紧扣会议主题，对照检视，自己动手撰写发言提纲，做到见人见事见思想。",
]
MEETING = [
    "{date}，{org}召开{year}年度{kind}，{role}{name}主持会议并代表班子作对照检查。",
    "会议应到{exp}人，实到{pre}人，{ab}人因公请假。{leader_role}{leader}到会指导并作点评讲话。",
    "会上，通报了上年度{kind}整改措施落实情况，班子成员逐一作个人对照检查发言，开展批评和自我批评。",
    "会议共有三项议程：一是通报整改落实情况；二是开展批评和自我批评；三是领导点评讲话。",
]
PROBLEMS = [
    "理论学习不够深入系统，存在以干代学、学用脱节的问题。",
    "形式主义、官僚主义问题仍不同程度存在，有的工作重留痕轻实效，文山会海问题没有根本解决。",
    "宗旨意识不够牢固，服务群众不够主动，回应群众诉求不够及时。",
    "担当作为不够，面对难题有畏难情绪，开拓创新不足。",
    "落实全面从严治党主体责任有差距，党建与业务存在两张皮现象。",
    "批评与自我批评开展不够，有时碍于情面，存在一团和气的现象。",
]
MEASURES = [
    "持续加强理论武装，坚持第一议题制度，推动学习往深里走、往实里走。",
    "驰而不息纠治四风，精简文件会议，切实为基层减负。",
    "践行以人民为中心的发展思想，扎实开展我为群众办实事实践活动。",
    "压紧压实管党治党责任，认真落实一岗双责，推动党建与业务深度融合。",
    "严格落实民主集中制，经常性开展批评和自我批评。",
]
CHROME_TOP = ["首页 > 党建工作 > 正文", "发布时间：{iso} 来源：{org} 浏览次数：{n}", "【字号：大 中 小】【打印本页】"]
CHROME_BOTTOM = ["上一篇：关于开展主题党日活动的通知", "下一篇：{org}召开专题会议", "版权所有：中共××县委组织部 技术支持：××网络"]
HEADINGS = {
    "cn": ["一、", "二、", "三、"],
    "arabic": ["1.", "2.", "3."],
    "paren": ["（一）", "（二）", "（三）"],
    "part": ["第一部分 ", "第二部分 ", "第三部分 "],
}
SUB = {"cn": ["（一）", "（二）", "（三）", "（四）"], "arabic": ["（1）", "（2）", "（3）", "（4）"],
       "paren": ["1.", "2.", "3.", "4."], "part": ["一、", "二、", "三、", "四、"]}


def _s2t() -> dict[int, str]:
    """Simplified → traditional, inverted from the package's own t2s table."""
    table: dict[int, str] = {}
    for line in (ROOT / "extractor" / "data" / "t2s.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            trad, simp = line.split("\t")
            table.setdefault(ord(simp), trad)
    return table


S2T = _s2t()
FULL = {ord(c): chr(ord(c) + 0xFEE0) for c in "0123456789"}


def cn_number(n: int) -> str:
    if n < 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


def date_text(rng: random.Random, y: int, m: int, d: int) -> str:
    style = rng.random()
    if style < 0.45:
        return f"{y}年{m}月{d}日"
    if style < 0.6:
        return f"{m}月{d}日"
    if style < 0.75:
        return "".join(CN[int(c)] for c in str(y)).replace("〇", rng.choice("〇○")) + f"年{cn_number(m)}月{cn_number(d)}日"
    if style < 0.85:
        return f"{m}月{d}日至{d + 1}日"
    return "××××年×月××日"


def report(rng: random.Random) -> str:
    org, kind = rng.choice(UNITS)
    theme = rng.choice(THEMES)
    year = rng.randint(2016, 2025)
    held = (year + 1, rng.randint(1, 2), rng.randint(1, 27)) if not theme else (year, rng.randint(3, 12), rng.randint(1, 27))
    if theme:
        kind = "专题" + kind
    name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice([1, 2])))
    leader = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))
    exp = rng.randint(5, 40)
    ab = rng.randint(0, 3)
    values = dict(org=org, kind=kind, year=year, name=name, role=rng.choice(ROLES), leader=leader,
                  leader_role=rng.choice(ROLES), exp=exp, pre=exp - ab, ab=ab, n=rng.randint(10, 90),
                  m=rng.randint(3, 8), date=date_text(rng, *held), iso=f"{held[0]}-{held[1]:02d}-{held[2]:02d}")
    fill = lambda parts: [p.format(**values) for p in parts]  # noqa: E731
    title = f"{org}{year}年度{theme}{kind}召开情况报告" if rng.random() < 0.85 else ""
    opening = f"根据上级党委《关于认真开好{year}年度{kind}的通知》（××组通〔{year}〕{rng.randint(1, 60)}号）要求，" + fill(MEETING)[0]
    problems = rng.sample(PROBLEMS, rng.randint(2, 5))
    measures = rng.sample(MEASURES, rng.randint(2, 4))
    if rng.random() < 0.2:  # a brief with no headings
        body = [opening, *fill(MEETING[1:3]), "会议查摆出的主要问题：" + "".join(f"{cn_number(i + 1)}是{p}" for i, p in enumerate(problems))]
    else:
        style = rng.choice(list(HEADINGS))
        h, sub = HEADINGS[style], SUB[style]
        inline = rng.random() < 0.3
        body = [opening]
        body.append(h[0] + ("会前准备情况。" + fill(PREP)[0] if inline else "会前准备情况"))
        body += [f"{sub[i]}{p}" for i, p in enumerate(fill(PREP))]
        body.append(h[1] + "会议召开情况")
        body += fill(MEETING[1:])
        body.append("经过查摆，班子主要存在以下问题：" + "".join(f"{cn_number(i + 1)}是{p}" for i, p in enumerate(problems)))
        body.append(h[2] + "下一步整改措施")
        body += [f"{sub[i]}{p}" for i, p in enumerate(measures)]
    body.append(f"{org}\n{held[0]}年{held[1]}月{min(held[2] + 3, 28)}日")
    text = "\n".join(([title] if title else []) + body)
    if rng.random() < 0.2:
        text = text.translate(FULL)
    if rng.random() < 0.1:
        text = text.translate(S2T)
    if rng.random() < 0.15:
        text = text.replace(name, "×××").replace(leader, "××")
    if rng.random() < 0.15:
        top = [c.format(**values) for c in CHROME_TOP]
        bottom = [c.format(**values) for c in CHROME_BOTTOM]
        text = "\n".join(top[:1] + [title or "工作动态"] + top[1:] + text.split("\n")[1 if title else 0:] + bottom)
    return text


def generate(out_dir: pathlib.Path, reports: int, seed: int = 1) -> list[pathlib.Path]:
    """Write ``reports`` reports into files under out_dir (some files hold several)."""
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    made = 0
    while made < reports:
        k = min(reports - made, rng.choice([1, 1, 1, 1, 2, 3]))
        text = "\n\n\n".join(report(rng) for _ in range(k)) + "\n"
        path = out_dir / f"{len(paths) // 1000:03d}" / f"report_{len(paths):06d}.txt"
        path.parent.mkdir(exist_ok=True)
        encoding = "gb18030" if rng.random() < 0.2 and "\uff10" not in text else "utf-8"
        path.write_bytes(text.encode(encoding, errors="replace"))
        paths.append(path)
        made += k
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=pathlib.Path)
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    paths = generate(args.out_dir, args.reports, args.seed)
    print(f"{args.reports} reports in {len(paths)} files under {args.out_dir}")


if __name__ == "__main__":
    main()
