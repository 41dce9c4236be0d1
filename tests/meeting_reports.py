"""Shared by the tests of the meeting fields (test_meeting, test_year, test_organization):
reports as the pipeline hands them to a field module, and texts written for them (our words)."""
from extractor import extract_text
from extractor.fields import meeting, organization, year
from extractor.steps import TitleStep, new_report


def make_report(text, **fields):
    """A Report as the pipeline hands it to a field module (title found, chrome blanked)."""
    report = new_report(text)
    TitleStep().fill(report)
    report.fields.update(fields)
    return report


def fields(text, **earlier):
    """meeting_type, theme, member_review, year and organization of one report."""
    report = make_report(text, **earlier)
    found = {}
    for module in (meeting, year, organization):
        found.update(module.extract(report))
    return found


def record(text):
    (rec,) = extract_text(text)
    return rec


ANNUAL_DSH = ("中共××县财政局党组\n关于召开2022年度民主生活会情况的报告\n\n县委组织部：\n"
              "根据《关于认真开好2022年度民主生活会的通知》（×组通〔2023〕3号）要求，县财政局党组于2023年"
              "1月12日召开了2022年度民主生活会。会议由局党组书记、局长张建国同志主持，县委常委、组织部部长"
              "李红梅同志到会指导。会上，通报了2021年度民主生活会整改落实情况，班子成员逐一作对照检查，"
              "开展批评和自我批评，对领导班子和班子成员进行了民主测评。\n\n中共××县财政局党组\n2023年1月15日\n")

ZHEN = ("召开2021年专题组织生活会情况报告（镇乡）\n\n根据《关于召开党史学习教育专题组织生活会的通知》"
        "（xx学办发〔xxxx〕x号）文件要求，我镇高度重视，认真组织开展了党史学习教育专题民主生活会。"
        "我镇于x月x日组织机关支部全体党员召开党史学习教育专题组织生活会，现将会议开展情况汇报如下：\n"
        "一、会议准备情况\n为召开此次专题组织生活会，我镇进行了充分的准备。\n")

NO_TITLE = ("根据《关于召开党史学习教育专题组织生活会的通知》（X湖管学组〔XXXX〕X号）要求，经报请同意，"
            "于XXXX年X月XX日召开了办公室党支部党史学习教育专题组织生活会。下面将组织生活会召开情况汇报如下。\n"
            "一、会前准备情况\n一是深入学习理论知识。\n")

TRAD = ("首页 > 党建工作 > 基层动态\n第三党支部召开2021年度組織生活會暨民主評議黨員大會\n"
        "發布時間：2022-01-20  來源：機關黨委  瀏覽次數：356\n"
        "1月18日下午，市住建局機關第三黨支部召開2021年度組織生活會，開展民主評議黨員。支部全體黨員23人"
        "參加會議。按照民主評議黨員的程序，全體黨員進行了民主測評，評定優秀黨員5名。\n")

THEMED = ("机关第一党支部学习贯彻习近平新时代中国特色社会主义思想主题教育专题组织生活会情况报告\n"
          "按照机关党委统一部署，2023年10月20日，机关第一党支部召开主题教育专题组织生活会。"
          "本次组织生活会不开展民主评议党员。会上，支部书记代表支委会报告了主题教育开展情况。\n")

INITIAL = ("关于召开“不忘初心、牢记使命”专题民主生活会情况的报告\n"
           "XX局党组于2020年1月8日召开了“不忘初心、牢记使命”专题民主生活会，市委第三巡回指导组到会指导。\n")

XUNCHA = ("xx区卫健委党委召开巡察整改专题民主生活会\n11月25日，xx区卫健委党委领导班子召开巡察整改专题"
          "民主生活会，区委第二巡察组组长×××到会指导。\n")

ZHONGXIN = ("召开2021年专题组织生活会情况报告（中心）\n\nxxxx年x月xx日上午x时，住房保障中心所属各支部根据"
            "县委组织部工作部署，在党史学习教育领导小组指导下，积极准备、精心组织召开了组织生活会。"
            "现将开展情况报告如下：\n一、在会议前期准备情况。各支部在召开组织生活会前开展了谈心谈话。\n")
