"""Generate a corpus of synthetic meeting reports whose lines rarely repeat, for benchmarking.

Real archives hold long formal reports (召开情况报告, several thousand characters, headings,
numbered problems and measures, each member's criticism) beside short news items (a
paragraph or two on a unit's website). Both kinds are here, in roughly the proportions of
a county archive. Every sentence is composed from interchangeable clause parts — subjects,
areas, problem cores, consequences, measures, goals — with numbers, names, units and dates
drawn at random, so that a line of one report is seldom a line of another and per-line
caches do not flatter a benchmark. Then each text is given the surface of a real archive
at random: full-width digits, Chinese-numeral dates, traditional characters, masked names,
web-page chrome, several reports in one file, GBK encoding. Seeded, so a corpus is
reproducible.

    python bench/generate.py OUT_DIR --reports 10000 [--seed 1]
"""
from __future__ import annotations

import argparse
import pathlib
import random

ROOT = pathlib.Path(__file__).resolve().parents[1]

CN = "〇一二三四五六七八九"
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
            "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = ("建国明华军伟芳丽强磊洋勇艳杰娟涛超秀英霞平刚桂兰志红玉梅德文海波鹏飞东宁斌慧晓燕春秋冬雪云龙凤"
         "祥瑞福禄寿安康泰和顺利民生成发展振兴荣耀光辉辰宇浩然子涵思远嘉怡欣悦博雅俊哲")
PLACE_CHARS = "东西南北中青白红黄金石山水河湖江海田林峰岭川泉溪桥城安宁平顺兴隆丰庆福永长新清"
PLACE_LEVEL = ["县", "市", "区", "镇", "乡", "街道"]
INSTITUTIONS = [
    "财政局", "市场监管局", "人民医院", "实验中学", "交通运输局", "自然资源局", "生态环境局", "住建局",
    "农业农村局", "水利局", "司法局", "审计局", "统计局", "医保局", "税务局", "供电公司", "交投集团有限公司",
    "城投公司", "农商银行", "第一小学", "职业技术学院", "疾控中心", "档案馆", "融媒体中心", "信访局",
    "人社局", "民政局", "退役军人事务局", "应急管理局", "文旅局", "商务局", "发改委", "科技局", "工信局",
]
BRANCHES = ["党组", "党委", "党总支", "机关党支部", "第一党支部", "第二党支部", "离退休党支部", "运维党支部",
            "领导班子", "机关第三党支部", "业务科室党支部"]
VILLAGE = ["村党支部", "社区党委", "社区党支部", "村党总支"]
KINDS = {"党组": "民主生活会", "党委": "民主生活会", "领导班子": "民主生活会"}
THEMES = ["", "", "", "党史学习教育", "学习贯彻习近平新时代中国特色社会主义思想主题教育", "以案促改",
          "党纪学习教育", "巡视整改", "作风建设年"]
ROLES = ["党组书记、局长", "党委书记", "支部书记", "县委常委、组织部部长", "纪检监察组组长", "党委副书记",
         "党组成员、副局长", "党委委员", "支部委员", "组织委员", "宣传委员", "县纪委常委", "市委督导组组长"]

# Clause parts: a sentence is one choice from each list of a template, so the number of
# distinct sentences is the product of their lengths (and then numbers and names vary).
AREAS = ["理论学习", "政治建设", "思想建设", "组织建设", "作风建设", "纪律建设", "制度建设", "意识形态工作",
         "党风廉政建设", "服务群众", "安全生产", "项目建设", "财务管理", "干部队伍建设", "基层党建",
         "优化营商环境", "乡村振兴", "生态环境保护", "疫情防控", "信访维稳", "数字化改革", "民生保障"]
SUBJECTS = ["班子成员", "个别同志", "部分党员", "有的干部", "少数党员干部", "支部委员会", "班子整体",
            "一些年轻干部", "部分科室负责人", "个别老党员", "机关党员", "有的同志"]
CORES = ["学习不够深入系统", "以干代学、学用脱节", "重留痕轻实效", "担当作为不够", "开拓创新不足",
         "服务意识不强", "调查研究不深入", "执行制度不严格", "廉洁自律意识有所松懈", "斗争精神不足",
         "抓落实的韧劲不够", "统筹谋划能力不强", "攻坚克难的勇气不足", "批评与自我批评开展不够",
         "落实主体责任有差距", "存在一团和气的现象", "对新情况新问题研究不够", "工作标准不高",
         "满足于完成上级交办任务", "联系群众不够紧密", "精神状态不够饱满", "文山会海问题没有根本解决",
         "党建与业务存在两张皮现象", "三会一课质量不高", "谈心谈话流于形式", "发展党员把关不严"]
CONSEQUENCES = ["导致部分工作推进缓慢", "影响了工作成效", "群众满意度有待提升", "与上级要求还有差距",
                "没有做到学思用贯通", "工作停留在表面", "在一定程度上影响了班子形象", "制约了事业发展",
                "个别任务未能按期完成", "全年仅开展专题研讨{n}次", "有{n}项整改任务进度滞后",
                "群众反映的{n}件诉求办理不够及时", "全年下基层调研不足{n}次", "涉及资金{n}万元的项目推进迟缓"]
MEASURE_VERBS = ["持续加强", "深入推进", "认真落实", "切实强化", "全面加强", "扎实开展", "不断完善",
                 "严格执行", "着力提升", "大力推进", "坚决落实", "进一步健全"]
MEASURE_OBJECTS = ["理论武装", "第一议题制度", "民主集中制", "一岗双责", "中心组学习", "谈心谈话制度",
                   "作风建设", "廉政风险防控", "干部教育培训", "基层减负", "调查研究", "为民办实事",
                   "制度建设", "督查考核", "请示报告制度", "三会一课", "主题党日活动", "党员积分管理"]
MEASURE_GOALS = ["推动学习往深里走、往实里走", "切实为基层减负", "确保各项任务落地见效",
                 "不断增强党组织的凝聚力", "以整改实效取信于民", "力争{year}年底前全部整改到位",
                 "每季度至少开展{m}次专题学习", "形成长效机制", "推动党建与业务深度融合",
                 "确保{n}项整改措施按期完成", "切实把问题整改到位", "做到真改实改"]
TIMES = ["{y}年{mo}月{d}日", "{mo}月{d}日", "{cy}年{cmo}月{cd}日", "{mo}月{d}日至{d2}日", "{y}年{mo}月{d}日上午",
         "{y}年{mo}月{d}日下午", "××××年×月××日"]


def cn_number(n: int) -> str:
    if n < 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


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


class Writer:
    """The random choices of one report: its unit, people, dates, and fresh sentences."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        r = rng
        place = "".join(r.sample(PLACE_CHARS, r.choice([1, 2]))) + r.choice(PLACE_LEVEL)
        if r.random() < 0.2:
            self.org = place + "".join(r.sample(PLACE_CHARS, 2)) + r.choice(VILLAGE)
            branch = "支部"
        else:
            branch = r.choice(BRANCHES)
            self.org = place + r.choice(INSTITUTIONS) + branch
        self.theme = r.choice(THEMES)
        self.kind = KINDS.get(branch, "组织生活会")
        if self.theme:
            self.kind = "专题" + self.kind
        self.year = r.randint(2016, 2025)
        self.held = ((self.year + 1, r.randint(1, 2), r.randint(1, 27)) if not self.theme
                     else (self.year, r.randint(3, 12), r.randint(1, 27)))
        self.members = [self.name() for _ in range(r.randint(3, 9))]
        self.chair_role = r.choice(ROLES)
        self.guest, self.guest_role = self.name(), r.choice(ROLES)

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.sample(GIVEN, self.rng.choice([1, 2, 2])))

    def number(self, low: int = 2, high: int = 60) -> int:
        return self.rng.randint(low, high)

    def date(self) -> str:
        y, mo, d = self.held
        return self.rng.choice(TIMES).format(
            y=y, mo=mo, d=d, d2=d + 1, cy="".join(CN[int(c)] for c in str(y)), cmo=cn_number(mo), cd=cn_number(d))

    def fill(self, template: str) -> str:
        return template.format(n=self.number(), m=self.number(1, 6), year=self.held[0])

    def problem(self) -> str:
        r = self.rng
        text = f"在{r.choice(AREAS)}方面，{r.choice(SUBJECTS)}{r.choice(CORES)}"
        if r.random() < 0.6:
            text += "，" + self.fill(r.choice(CONSEQUENCES))
        if r.random() < 0.3:
            text += f"，{r.choice(SUBJECTS)}{r.choice(CORES)}"
        return text + "。"

    def measure(self) -> str:
        r = self.rng
        text = f"{r.choice(MEASURE_VERBS)}{r.choice(MEASURE_OBJECTS)}，{self.fill(r.choice(MEASURE_GOALS))}"
        if r.random() < 0.4:
            text += f"；{r.choice(MEASURE_VERBS)}{r.choice(MEASURE_OBJECTS)}，{self.fill(r.choice(MEASURE_GOALS))}"
        return text + "。"

    def opening(self) -> str:
        r = self.rng
        notice = (f"根据上级党委《关于认真开好{self.year}年度{self.kind}的通知》"
                  f"（{''.join(r.sample(PLACE_CHARS, 1))}组通〔{self.year}〕{self.number(1, 90)}号）要求，")
        return (notice if r.random() < 0.7 else "") + (
            f"{self.date()}，{self.org}召开{self.year}年度{self.kind}，"
            f"{self.chair_role}{self.members[0]}主持会议{r.choice(['并代表班子作对照检查', '并讲话', '', '并作总结讲话'])}。")

    def attendance(self) -> str:
        r = self.rng
        expected = len(self.members) + self.number(0, 30)
        absent = r.choice([0, 0, 1, 2, 3])
        text = f"会议应到{expected}人，实到{expected - absent}人"
        if absent:
            text += f"，{absent}人因{r.choice(['公', '病', '事'])}请假"
        return text + f"。{self.guest_role}{self.guest}到会指导{r.choice(['并作点评讲话', '', '并提出要求'])}。"

    def preparation(self) -> list[str]:
        r = self.rng
        parts = [
            f"会前，{self.org}采取{r.choice(['集中学习与个人自学相结合', '专题辅导与研讨交流相结合', '线上线下相结合'])}的方式，"
            f"组织学习{self.number(2, 12)}次，{r.choice(['为开好会议打牢思想基础', '进一步统一了思想', '提高了思想认识'])}。",
            f"通过{r.choice(['发放征求意见表', '召开座谈会', '设置意见箱', '走访服务对象'])}等方式，"
            f"共征求到意见建议{self.number(8, 95)}条，梳理归纳为{self.number(3, 9)}个方面。",
            f"{self.members[0]}带头与班子成员逐一谈心，{r.choice(['班子成员之间相互谈', '与分管部门负责人谈', '与党员群众代表谈'])}，"
            f"开展谈心谈话{self.number(10, 80)}人次。",
            f"班子成员紧扣{self.theme or '会议主题'}，{r.choice(['自己动手撰写发言提纲', '认真撰写对照检查材料', '深入查摆问题'])}，"
            f"{r.choice(['做到见人见事见思想', '修改完善{n}次'.format(n=self.number(2, 5)), '经审核把关后定稿'])}。",
        ]
        r.shuffle(parts)
        return parts[:r.randint(2, 4)]

    def criticism(self) -> list[str]:
        r = self.rng
        lines = []
        for person in r.sample(self.members, min(len(self.members), r.randint(2, 5))):
            lines.append(f"{person}同志：{r.choice(['在', '对'])}{r.choice(AREAS)}"
                         f"{r.choice(['方面', '工作中'])}{r.choice(CORES)}，"
                         f"建议{r.choice(MEASURE_VERBS)}{r.choice(MEASURE_OBJECTS)}。")
        return lines


HEADINGS = {
    "cn": ["一、", "二、", "三、", "四、"],
    "arabic": ["1.", "2.", "3.", "4."],
    "paren": ["（一）", "（二）", "（三）", "（四）"],
    "part": ["第一部分 ", "第二部分 ", "第三部分 ", "第四部分 "],
}
SUB = {"cn": "（{}）", "arabic": "（{}）", "paren": "{}.", "part": "{}、"}
CHROME_TOP = ["首页 > 党建工作 > 正文", "发布时间：{iso} 来源：{org} 浏览次数：{n}", "【字号：大 中 小】【打印本页】"]
CHROME_BOTTOM = ["上一篇：关于开展主题党日活动的通知", "下一篇：{org}召开专题会议", "版权所有：中共××县委组织部"]


def numbered(style: str, i: int) -> str:
    return SUB[style].format(cn_number(i) if style in ("cn", "part") else i)


def formal_report(w: Writer) -> str:
    """A long formal report: title, headings, numbered problems and measures."""
    r = w.rng
    style = r.choice(list(HEADINGS))
    h = HEADINGS[style]
    title = f"{w.org}{w.year}年度{w.theme}{w.kind}召开情况报告" if r.random() < 0.85 else ""
    body = [w.opening(), w.attendance()]
    body.append(h[0] + r.choice(["会前准备情况", "会前准备扎实充分", "精心做好会前准备"]))
    body += [numbered(style, i + 1) + p for i, p in enumerate(w.preparation())]
    body.append(h[1] + r.choice(["会议召开情况", "会议主要内容", "开展批评和自我批评情况"]))
    body.append(f"会上，{r.choice(['通报了', '首先通报了', '书面通报了'])}{w.year - 1}年度{w.kind}"
                f"{r.choice(['整改措施落实情况', '查摆问题整改情况', '征求意见情况'])}，"
                f"{r.choice(['班子成员逐一作对照检查发言', '与会党员逐一发言', '班子成员依次作个人对照检查'])}，"
                f"{r.choice(['开展批评和自我批评', '相互提出批评意见', '共提出批评意见{n}条'.format(n=w.number(8, 60))])}。")
    if r.random() < 0.6:
        body += w.criticism()
    body.append(h[2] + r.choice(["查摆出的主要问题", "存在的突出问题", "班子存在的问题"]))
    # a third of the formal reports are long ones: more problems, each argued at length
    long = r.random() < 0.35
    problems = [w.problem() + ("".join(w.problem() for _ in range(r.randint(1, 3))) if long else "")
                for _ in range(r.randint(6, 12) if long else r.randint(3, 7))]
    if r.random() < 0.3:
        body.append("经过查摆，主要存在以下问题：" + "".join(f"{cn_number(i + 1)}是{p}" for i, p in enumerate(problems)))
    else:
        body += [numbered(style, i + 1) + p for i, p in enumerate(problems)]
    body.append(h[3] + r.choice(["下一步整改措施", "整改方向和措施", "下一步工作打算"]))
    body += [numbered(style, i + 1) + w.measure() + (w.measure() if long else "")
             for i in range(r.randint(4, 9) if long else r.randint(2, 6))]
    y, mo, d = w.held
    body.append(f"{w.org}\n{y}年{mo}月{min(d + r.randint(1, 5), 28)}日")
    return "\n".join(([title] if title else []) + body)


def news_item(w: Writer) -> str:
    """A short news item: a headline and a paragraph or two, no headings."""
    r = w.rng
    title = r.choice([f"{w.org}召开{w.year}年度{w.kind}", f"{w.org}扎实开好{w.kind}",
                      f"{w.members[0]}参加{w.org}{w.kind}"])
    body = [w.opening() + r.choice(["", w.attendance()])]
    tail = "会议指出，" + w.problem() if r.random() < 0.6 else ""
    body.append(tail + "会议要求，" + w.measure())
    return "\n".join([title, *body])


def report(rng: random.Random) -> str:
    w = Writer(rng)
    text = news_item(w) if rng.random() < 0.35 else formal_report(w)
    if rng.random() < 0.2:
        text = text.translate(FULL)
    if rng.random() < 0.1:
        text = text.translate(S2T)
    if rng.random() < 0.15:
        for person in w.members[:2]:
            text = text.replace(person, rng.choice(["×××", "××", "某某"]))
    if rng.random() < 0.15:
        y, mo, d = w.held
        values = dict(org=w.org, iso=f"{y}-{mo:02d}-{d:02d}", n=w.number(10, 9000))
        top = [c.format(**values) for c in CHROME_TOP]
        bottom = [c.format(**values) for c in CHROME_BOTTOM]
        lines = text.split("\n")
        text = "\n".join(top[:1] + lines[:1] + top[1:] + lines[1:] + bottom)
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
