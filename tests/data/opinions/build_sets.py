"""Builds the labelled opinion sets of the fictional 澂岺镇 team (written for this project).

Run ``.venv/bin/python tests/data/opinions/build_sets.py`` after changing a topic; it rewrites
the files next to it and ``examples/opinions/``. Every topic is one real opinion as the labels
understand it: its variants are exact duplicates, punctuation variants and paraphrases, and
topics that share words (农贸市场占道 vs 农贸市场卫生, 村务公开 of the team vs of the 纪委书记)
are the look-alikes that must stay apart. ``answered`` says whether the member's material in
``examples/`` answers the topic (None: the member has no material there).

Outputs:
  汇总表_2023.xlsx              座谈会/征求意见表/个别访谈, identity columns, a title row, broken rows
  网上征求_2023_GB18030.csv     online form in GB18030, identity columns, an over-long row, mojibake
  意见箱_2023.txt               suggestion box notes under headings, UTF-8
  labels.json                   file → row → topic; topic → target, aspect, answered; identities
  ../../../examples/opinions/澂岺镇征求意见汇总_2023.xlsx   all topics in one workbook for make run
"""

from __future__ import annotations

import csv
import io
import json
import random
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parents[2] / "examples" / "opinions"


@dataclass(frozen=True)
class Topic:
    id: str
    target: str  # 班子 or a member's name
    aspect: str | None  # alias of the aspect in 2023-zhuti-personal (members) / -team (班子)
    answered: bool | None
    variants: tuple[str, ...]
    column: str = ""  # what the 意见对象 column says ("" = empty, resolved from the text)


def T(
    id: str,
    target: str,
    aspect: str | None,
    answered: bool | None,
    *variants: str,
    column: str = "",
) -> Topic:
    return Topic(id, target, aspect, answered, tuple(variants), column)


TOPICS = [
    # 镇长 骆承岷
    T(
        "L01",
        "骆承岷",
        "担当作为",
        True,
        "镇区农贸市场周边占道经营的问题反映了好几年，每次整治一阵又反弹，希望镇长拿出长久办法。",
        "农贸市场门口的马路市场还是老样子，镇长牵头整治过两次都反弹了。",
        "建议镇长下决心解决农贸市场周边占道摆摊问题，不能一阵风。",
        "农贸市场周边占道经营反复回潮，建议镇长规划临时摊位，疏堵结合。",
        "镇区农贸市场周边占道经营的问题反映了好几年，每次整治一阵又反弹，希望镇长拿出长久办法。",
        "镇区农贸市场周边占道经营的问题反映了好几年,每次整治一阵又反弹,希望镇长拿出长久办法",
    ),
    T(
        "L02",
        "骆承岷",
        "能力本领",
        True,
        "全镇茶叶产业多年徘徊不前，品牌多而散，精深加工项目落地慢，希望镇长多想办法。",
        "茶叶品牌太散，没有拳头产品，镇长抓产业发展的办法不多。",
        "镇长引进的茶叶精深加工项目只落地了一个，另一个迟迟没有动静。",
        "建议镇长牵头整合全镇茶叶品牌，延长产业链，提高茶农收入。",
        column="镇长",
    ),
    T(
        "L03",
        "骆承岷",
        "工作作风",
        True,
        "镇长下村调研时间太短，听汇报多，进农户少。",
        "骆镇长到村里来总是匆匆忙忙，听完村干部汇报就走，很少到农户家里坐坐。",
        "希望镇长多到村里走走，多听听茶农的真实想法，不要只听汇报。",
        "镇长调研蜻蜓点水，杉木坪村茶农反映鲜叶收购压价的事很久才知道。",
        "镇长下村调研听汇报多、进农户少。",
        "镇长下村调研时间太短，听汇报多，进农户少",
    ),
    T(
        "L04",
        "骆承岷",
        "能力本领",
        True,
        "7月强降雨时白鹭湾村低洼地带群众转移不够及时，有几户是水进了院子才转移的。",
        "防汛应急预案不够细，低洼地带人员转移的时间节点不明确。",
        "汛期白鹭湾村群众转移偏晚，建议完善防汛预案。",
        column="骆承岷",
    ),
    T(
        "L05",
        "骆承岷",
        "工作作风",
        True,
        "村庄清洁行动开了动员会就没了下文，有的村垃圾收运点到现在还不达标。",
        "垃圾收运点设置不规范，村庄清洁行动虎头蛇尾。",
        "镇长部署工作多，跟踪落实少，村庄清洁行动开完会就没人管了。",
        column="骆承岷",
    ),
    T(
        "L06",
        "骆承岷",
        "廉洁自律",
        True,
        "听说有承接过工程的老乡给镇长家里送土特产，镇长要管好家属。",
        "希望镇长加强对家属的廉洁提醒，家里不收工程老板的东西。",
    ),
    T(
        "L07",
        "骆承岷",
        "工作作风",
        False,
        "农村客运班车太少，偏远村的老人赶集要走一个多小时，向镇长反映多次没有解决。",
        "偏远村不通班车，群众出行难，镇长一直没有拿出办法。",
        "柳垭村到镇上的客运班车一天只有一趟，希望镇长协调增加班次。",
    ),
    T(
        "L08",
        "骆承岷",
        "工作作风",
        False,
        "镇卫生院看病难，医生少，设备旧，镇长调研过两次都没有下文。",
        "卫生院缺医生，群众小病也要跑县城，希望镇长重视。",
        column="镇长",
    ),
    T(
        "L09",
        "骆承岷",
        "担当作为",
        False,
        "镇区停车秩序整治推进了半年还停在方案上，镇长牵头的事要抓到底。",
        "镇区乱停车越来越严重，整治方案迟迟不落地，镇长要督促。",
        column="骆承岷",
    ),
    T(
        "L11",
        "骆承岷",
        "工作作风",
        False,
        "农贸市场里面卫生条件差，地面污水横流，希望镇长管一管。",
        "农贸市场内部脏乱差，排水沟常年堵塞。",
        column="镇长",
    ),
    T(
        "X01",
        "班子",
        None,
        None,
        "分管农业的副镇长很少到茶园，对茶农的困难不了解。",
        "副镇长下到茶园的次数太少，茶农有困难找不到人。",
    ),
    # 党委副书记 钟毓苓
    T(
        "Z01",
        "钟毓苓",
        "能力本领",
        True,
        "柳垭村那起宅基地界址纠纷调了四次还没调好，两家人到现在还有怨气。",
        "宅基地纠纷调处办法不多，柳垭村的事拖了很久。",
        "建议钟书记把柳垭村宅基地纠纷包案化解，用好枫桥经验。",
        column="钟毓苓",
    ),
    T(
        "Z02",
        "钟毓苓",
        "政治素质",
        True,
        "双槐村新建的党员活动室一年到头没几次活动，成了摆设。",
        "党员活动室建好了却很少用，阵地建设重硬件轻使用。",
        column="钟毓苓",
    ),
    T(
        "Z03",
        "钟毓苓",
        None,
        True,
        "村级财务公开审核发现招待费票据有问题，只让村会计补个说明就算了，太宽松。",
        "发现村里招待费票据不规范没有移交纪委处理，有大事化小的苗头。",
        column="钟毓苓",
    ),
    T(
        "Z04",
        "钟毓苓",
        "担当作为",
        True,
        "积分制治理细则两年没改过，群众参与的人越来越少。",
        "积分制试点搞成了老一套，细则应该听听群众意见修改。",
        "积分制群众参与率下降很多，建议修订积分细则。",
        column="钟毓苓",
    ),
    T(
        "Z05",
        "钟毓苓",
        "担当作为",
        True,
        "巡察反馈的村干部优亲厚友线索核查太慢，拖了两个多月。",
        "对巡察移交的问题线索顾虑多，核查进度慢。",
        column="钟毓苓",
    ),
    T(
        "Z06",
        "钟毓苓",
        "工作作风",
        True,
        "鹤塘社区老旧小区物业管理矛盾多，业委会换届拖到年底还没办。",
        "鹤塘社区业主委员会换届一拖再拖，居民意见很大。",
        "联系鹤塘社区的领导来得少，小区物业问题没人管。",
        column="钟毓苓",
    ),
    T("Z07", "钟毓苓", "廉洁自律", True, "党建办有工作人员上班时间办私事，钟书记管理偏松。"),
    T(
        "Z08",
        "钟毓苓",
        None,
        False,
        "镇综治中心的视频监控好多探头坏了半年没人修。",
        "综治视频监控点位损坏多，维修不及时，存在治安隐患。",
        column="钟毓苓",
    ),
    T(
        "Z09",
        "钟毓苓",
        "工作作风",
        False,
        "农村老人被电信诈骗的事时有发生，防诈骗宣传没有进到村里。",
        "希望多到村里给老年人讲讲防诈骗，去年好几个老人被骗了钱。",
        column="钟毓苓",
    ),
    # 纪委书记 蒯正衡
    T(
        "K01",
        "蒯正衡",
        "政治素质",
        True,
        "耕地保护监督只看台账，青岗村耕地改种苗木没有及早发现。",
        "纪委监督耕地保护要到田间地头，不能只查资料。",
        column="纪委书记",
    ),
    T(
        "K02",
        "蒯正衡",
        "政治素质",
        True,
        "反映村支书优亲厚友的信访件拖了一个月才核查，群众有意见。",
        "纪委书记处理信访件讲人情，初核拖延。",
        column="蒯正衡",
    ),
    T(
        "K03",
        "蒯正衡",
        "能力本领",
        True,
        "三资监管平台预警的异常交易核实不及时，要县里督办才处理。",
        column="蒯正衡",
    ),
    T(
        "K04",
        "蒯正衡",
        "担当作为",
        True,
        "村务公开不及时的问题查出来只发个督办通知，没有约谈责任人，整改不到位。",
        "对村务公开不及时问题处理偏软，要约谈到人。",
        column="纪委书记",
    ),
    T("K05", "蒯正衡", "担当作为", True, "汛期督查防汛值守时纪委书记迟到了半个多小时，影响不好。"),
    T(
        "K06",
        "蒯正衡",
        "工作作风",
        True,
        "蒯书记接待来访都在办公室，很少到村里接访。",
        "纪委书记要多下村接访，群众到镇里一趟不容易。",
        "接访基本在办公室，主动下村接访太少。",
        "蒯书记接待来访都在办公室，很少到村里接访",
        column="蒯正衡",
    ),
    T(
        "K07",
        "蒯正衡",
        "理论学习",
        True,
        "给村务监督委员会主任讲课照本宣科，大家反映收获不大。",
        column="蒯正衡",
    ),
    T(
        "K08",
        "蒯正衡",
        None,
        False,
        "村级小型工程项目很多没有公开招标，纪委监督不到位。",
        "有的村搞小工程直接指定施工队，镇纪委没有管。",
        "村里修路、修水渠的小工程由村干部亲戚承包，希望纪委查一查。",
        column="纪委书记",
    ),
    T(
        "K09",
        "蒯正衡",
        "工作作风",
        False,
        "实名举报后一直不知道处理结果，纪委反馈不及时。",
        "举报了问题几个月没有回音，希望纪委及时反馈办理情况。",
        column="纪委书记",
    ),
    # 组织委员 殳晓岚 (her material answers everything)
    T(
        "S01",
        "殳晓岚",
        "政治素质",
        True,
        "柳垭村、青岗村集体经济太薄弱，帮扶措施不够实。",
        "薄弱村集体经营性收入达不到目标，组织委员要多想办法。",
        "青岗村集体经济收入只有几万元，消薄行动效果不明显。",
        column="殳晓岚",
    ),
    T(
        "S02",
        "殳晓岚",
        "能力本领",
        True,
        "杉木坪村党支部软弱涣散两年没摘帽，村两委不团结。",
        "杉木坪村两委班子矛盾多，整顿没有抓到点子上。",
        column="殳晓岚",
    ),
    T(
        "S03",
        "殳晓岚",
        "能力本领",
        True,
        "村干部培训都是坐在教室听课，和实际工作结合不够。",
        "培训方式太单一，希望多搞现场教学和观摩。",
        "组织村干部培训全是讲座，建议多去先进村现场观摩。",
        column="组织委员",
    ),
    T(
        "S04",
        "殳晓岚",
        "担当作为",
        True,
        "村级后备干部年龄偏大，年轻人太少。",
        "年轻后备干部储备不足，有的村一个35岁以下的都没有。",
        column="殳晓岚",
    ),
    T(
        "S05",
        "殳晓岚",
        "担当作为",
        True,
        "双槐村有老党员长期不参加组织生活，没人管。",
        column="殳晓岚",
    ),
    T(
        "S06",
        "殳晓岚",
        "工作作风",
        True,
        "迎检要求补台账，村干部加班好几天，材料负担太重。",
        "党建台账资料太多，村干部忙于填表。",
        "党建考核重材料轻实效，台账越做越厚。",
        column="组织委员",
    ),
    T(
        "S07",
        "殳晓岚",
        "工作作风",
        True,
        "走访老党员、困难党员只在七一和春节，平时很少上门。",
        "平时很少见组织委员来看望老党员。",
        column="殳晓岚",
    ),
    T(
        "S08",
        "殳晓岚",
        "廉洁自律",
        True,
        "干部民主推荐的结果没有及时公开，大家心里没底。",
        column="殳晓岚",
    ),
    # 宣传委员 阙文翰
    T(
        "Q01",
        "阙文翰",
        "理论学习",
        True,
        "理论宣讲照本宣科，群众听不太懂，建议用身边事讲道理。",
        "宣讲队讲的内容都是从文件上摘的，村民不爱听。",
        "宣讲稿不接地气，老百姓听不懂。",
        "理论宣讲照本宣科,群众听不太懂,建议用身边事讲道理。",
        column="阙文翰",
    ),
    T(
        "Q02",
        "阙文翰",
        "能力本领",
        True,
        "“澂岺发布”公众号都是会议报道和领导活动，没人看。",
        "镇里公众号内容枯燥，阅读量很低，建议多发群众关心的事。",
        "希望公众号多做短视频和政策解读，少发会议新闻。",
        column="宣传委员",
    ),
    T(
        "Q03",
        "阙文翰",
        "政治素质",
        True,
        "征地补偿的谣言在微信群传了大半天才澄清，舆情处置太慢。",
        "网络舆情回应不及时，村民群里的不实信息没有第一时间辟谣。",
        column="阙文翰",
    ),
    T(
        "Q04",
        "阙文翰",
        "担当作为",
        True,
        "文明实践所的志愿者太少，活动开展不起来。",
        "志愿服务队伍招募难，希望宣传委员多想办法。",
        column="宣传委员",
    ),
    T(
        "Q05",
        "阙文翰",
        "担当作为",
        True,
        "有的村办村晚向外出务工人员收赞助费，变相摊派。",
        "村晚摊派的钱没有全额退回去，群众有意见。",
        column="阙文翰",
    ),
    T(
        "Q06",
        "阙文翰",
        "工作作风",
        True,
        "文明实践站评比只看材料和照片，评出来的示范站平时不开门。",
        column="阙文翰",
    ),
    T(
        "Q07",
        "阙文翰",
        "工作作风",
        True,
        "高价彩礼、人情攀比越来越厉害，移风易俗要有实招。",
        "农村彩礼越来越高，希望镇里出台具体措施。",
        "人情往来负担重，红白喜事攀比，建议写进村规民约。",
        column="宣传委员",
    ),
    T("Q08", "阙文翰", "廉洁自律", True, "茶文化节宣传物料采购没有三家比价。", column="阙文翰"),
    T(
        "Q09",
        "阙文翰",
        "工作作风",
        False,
        "村里的农家书屋长期锁门，书都是好几年前的旧书。",
        "农家书屋形同虚设，想借书找不到人开门。",
        column="宣传委员",
    ),
    T(
        "Q10",
        "阙文翰",
        None,
        False,
        "镇区广场跳舞的音响太吵，周边住户反映多次没人协调。",
        "广场舞噪音扰民的问题希望宣传委员协调解决，划定活动时间。",
        column="阙文翰",
    ),
    # 党委书记 韦砚清 (no personal material in examples/)
    T(
        "W01",
        "韦砚清",
        "工作作风",
        None,
        "书记开会讲话时间太长，会议效率不高。",
        "韦书记主持的会议有时一开就是一上午，议题不集中。",
        "党委会议时间长、议题散，建议韦书记压缩会议时间。",
        column="韦砚清",
    ),
    T(
        "W02",
        "韦砚清",
        None,
        None,
        "党委书记要多听听班子其他成员的意见，有时拍板太快。",
        "重大事项决策前班子成员之间沟通不够，书记定得快。",
        column="党委书记",
    ),
    # 领导班子
    T(
        "B01",
        "班子",
        "学习贯彻新思想",
        True,
        "年轻干部理论学习抓得不紧，专门组织的学习太少。",
        "35岁以下的年轻干部理论测试成绩不理想，要加强理论教育。",
        "建议成立年轻干部理论学习小组，定期交流学习体会。",
        column="班子",
    ),
    T(
        "B02",
        "班子",
        None,
        True,
        "澂岺河沿岸养殖场粪污直排，汛期过后河水又发臭。",
        "河道垃圾清了，养殖场污水没管住，治标不治本。",
        "澂岺河边的养猪场臭味大，希望彻底解决粪污处理。",
        column="班子",
    ),
    T(
        "B03",
        "班子",
        "维护党中央权威",
        True,
        "青岗村有耕地改种苗木，非粮化问题排查不细。",
        "土地流转以后有的地种了苗木，耕地保护要抓紧。",
        column="班子",
    ),
    T(
        "B04",
        "班子",
        "践行宗旨",
        True,
        "柳垭村3组、4组自来水水压不足，从春天反映到秋天才解决。",
        "柳垭村饮水水压不够，高处人家经常没水用。",
        "群众反映的饮水问题解决太慢，拖了半年。",
        "柳垭村自来水水压不足，从春天反映到秋天才解决。",
        column="班子",
    ),
    T(
        "B05",
        "班子",
        "践行宗旨",
        True,
        "便民服务中心周末不打烊，但很多人不知道，周末去了也经常找不到人。",
        "周末不打烊服务宣传不够，轮值安排不合理。",
        column="班子",
    ),
    T(
        "B06",
        "班子",
        "践行宗旨",
        True,
        "双槐村、白鹭湾村有的农户耕地地力补贴迟迟没到账。",
        "惠农补贴发放信息录错了，钱晚了好几个月才到。",
        "补贴发放出错，班子跟踪督办不及时。",
        column="班子",
    ),
    T(
        "B07",
        "班子",
        "求真务实",
        True,
        "党委会定下来的事有的没有完成时限，推着推着就没了下文。",
        "议定事项缺少督办，落实不闭环。",
    ),
    T(
        "B08",
        "班子",
        "求真务实",
        True,
        "农贸市场改造方案没听周边居民意见，改完以后停车位不够。",
        "农贸市场改造后周边停车难，投诉很多。",
        column="班子",
    ),
    T(
        "B09",
        "班子",
        "廉洁自律",
        True,
        "接待外县考察团陪餐人数超标，八项规定执行要更严。",
        "公务接待陪餐人员偏多，要严格按规定执行。",
        column="班子",
    ),
    T(
        "B10",
        "班子",
        "廉洁自律",
        True,
        "机关办公用品采购越来越多，会议材料印得太多，浪费。",
        "带头过紧日子做得不够，会议材料印了很多用不完。",
        column="班子",
    ),
    T(
        "B11",
        "班子",
        "廉洁自律",
        True,
        "财政所有人给亲戚代办惠农补贴，监督存在盲区。",
        column="班子",
    ),
    T(
        "B12",
        "班子",
        "全面从严治党",
        True,
        "有的村村务公开不及时，公开栏好几个月不更新。",
        "小微权力清单落实不好，村务公开栏内容陈旧。",
        column="班子",
    ),
    T(
        "B13",
        "班子",
        "全面从严治党",
        True,
        "鹤塘社区党小组会记录不全，三会一课不规范。",
        column="班子",
    ),
    T(
        "B14",
        "班子",
        "践行宗旨",
        False,
        "镇区好几条路的路灯坏了很久没人修，晚上出行不安全。",
        "路灯不亮的问题反映了几次，一直没有修好。",
        "镇区路灯坏了很久没人修,晚上出行不安全",
        "新街的路灯晚上不亮，老人孩子出门不方便。",
        column="班子",
    ),
    T(
        "B15",
        "班子",
        None,
        False,
        "农村户厕改造质量差，有的改了以后用不了。",
        "改厕工程验收走过场，好几户厕所漏水堵塞。",
        column="班子",
    ),
    T(
        "B16",
        "班子",
        None,
        False,
        "镇中心小学放学时门口交通拥堵，存在安全隐患。",
        "学校门口上下学时段车辆乱停，孩子过马路危险。",
    ),
    T(
        "B17",
        "班子",
        "求真务实",
        True,
        "班子成员调研多围绕上级布置的课题，针对本镇实际难题的调研少。",
        "调研报告写了不少，提出的对策太原则，解决不了实际问题。",
        column="班子",
    ),
    T(
        "B18",
        "班子",
        "维护党中央权威",
        True,
        "杉木坪村茶叶加工厂换选址没有及时向县委报告。",
        column="班子",
    ),
    T(
        "B19",
        "班子",
        None,
        False,
        "办事窗口个别工作人员态度生硬，群众办事要看脸色。",
        "有的窗口人员上班时间玩手机，对群众爱答不理。",
        column="班子",
    ),
]

#: Contributors (fictional) per channel: name, phone, unit. 个别访谈 has one contributor only.
CONTRIBUTORS = {
    "座谈会": [
        ("林秋实", "13907310458", "桂坳村村民委员会"),
        ("贺兰舟", "13873125590", "白鹭湾村党支部"),
        ("严苇杭", "15974210036", "镇中心幼儿园"),
        ("祁望舒", "18670341127", "鹤塘社区居委会"),
        ("苗映川", "13574409981", "县人民医院澂岺分院"),
        ("柏若谷", "13308452263", "杉木坪村村民委员会"),
        ("窦清漪", "18975530014", "柳垭村党支部"),
        ("温棠溪", "13787260397", "双槐村村民委员会"),
    ],
    "征求意见表": [
        ("邝修远", "13170052846", "镇农业综合服务中心"),
        ("宓采薇", "15073319462", "青岗村党支部"),
        ("荀立夏", "13974458801", "镇财政所"),
        ("仇暮云", "18107316690", "镇派出所"),
        ("殷鹤鸣", "13548820175", "石碾村村民委员会"),
        ("芮听澜", "13617439028", "镇自然资源所"),
        ("屈南星", "15211093374", "驻镇供电所"),
        ("韩青禾", "13875516642", "镇文化站"),
        ("奚泊舟", "18874402259", "茶叶专业合作社"),
        ("麦知秋", "13467381105", "澂岺中学"),
    ],
    "个别访谈": [("尹德让", "13973108866", "县人大代表联络站")],
    "网上征求": [
        ("", "13786650021", "IP 10.21.4.77"),
        ("", "15576223408", "IP 10.21.9.135"),
        ("", "18229871163", "IP 10.21.4.12"),
        ("", "13317405596", "IP 10.21.7.240"),
        ("", "15802739914", "IP 10.21.2.68"),
    ],
}
IDENTITY_VALUES = sorted(
    {v for people in CONTRIBUTORS.values() for person in people for v in person if v}
)

GARBLED = "闀囬暱涓嬫潙璋冪爺鏃堕棿澶煭锛屽惉姹囨姤澶氥€?"  # UTF-8 bytes read as GBK


def _reentered(text: str, rng: random.Random) -> str:
    """The same opinion typed again by someone else: other punctuation, a 建议/希望 added or
    dropped, spaces — an exact-meaning duplicate that is not byte-identical."""
    kind = rng.randrange(4)
    if kind == 0:
        return text.replace("，", ",").rstrip("。")
    if kind == 1:
        return ("建议" + text) if not text.startswith(("建议", "希望")) else text[2:]
    if kind == 2:
        return text.replace("，", "， ").replace("。", "！")
    return text.rstrip("。") + "，请重视。"


def _with_reentries(rng: random.Random) -> list[tuple[Topic, str]]:
    out: list[tuple[Topic, str]] = []
    for t in TOPICS:
        out.extend((t, v) for v in t.variants)
        for v in t.variants:
            if rng.random() < 0.45:
                out.append((t, _reentered(v, rng)))
    return out


def _distribute(
    rng: random.Random,
) -> tuple[list[tuple[Topic, str]], list[tuple[Topic, str]], list[tuple[Topic, str]]]:
    """Each topic's variants spread over the workbook, the online form and the box notes."""
    xlsx: list[tuple[Topic, str]] = []
    online: list[tuple[Topic, str]] = []
    box: list[tuple[Topic, str]] = []
    seen: set[str] = set()
    for t, v in _with_reentries(rng):
        k = 0 if t.id not in seen else 1
        seen.add(t.id)
        if True:
            r = rng.random()
            if k == 0 or r < 0.6:
                xlsx.append((t, v))
            elif r < 0.82:
                online.append((t, v))
            else:
                box.append((t, v))
    rng.shuffle(xlsx)
    rng.shuffle(online)
    return xlsx, online, box


def build() -> dict[str, object]:
    clash = [v for v in IDENTITY_VALUES for t in TOPICS for x in t.variants if v in x]
    assert not clash, f"an identity value occurs in an opinion text: {clash}"
    rng = random.Random(2023)
    xlsx_items, online_items, box_items = _distribute(rng)
    labels: dict[str, object] = {
        "topics": {
            t.id: {"target": t.target, "aspect": t.aspect, "answered": t.answered} for t in TOPICS
        },
        "identity_values": IDENTITY_VALUES,
        "files": {},
    }
    files: dict[str, dict[int, str]] = {}
    expected_rejected: dict[str, list[int]] = {}

    # --- the workbook: a title row, the header, data rows with broken ones mixed in ---
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "征求意见汇总"
    ws.append(["澂岺镇领导班子2023年主题教育专题民主生活会征求意见汇总表"])
    ws.append([])
    ws.append(
        [
            "序号",
            "意见内容",
            "来源渠道",
            "意见对象",
            "提出时间",
            "提出人姓名",
            "联系电话",
            "工作单位",
        ]
    )
    rows: dict[int, str] = {}
    rejected: list[int] = []
    seq = 0
    interview_left = 2  # the one interviewee gave two opinions
    broken = {7: "", 19: "无", 33: GARBLED, 48: "同上", 61: "  "}
    for n, (t, text) in enumerate(xlsx_items):
        if n in broken:
            seq += 1
            name, phone, unit = rng.choice(CONTRIBUTORS["征求意见表"])
            ws.append(
                [seq, broken[n], "征求意见表", "", "2023-12-0" + str(1 + n % 9), name, phone, unit]
            )
            if broken[n].strip():
                rejected.append(ws.max_row)
            else:
                rejected.append(ws.max_row)
        if (
            interview_left
            and t.target == "骆承岷"
            and t.id in ("L07", "L08")
            and text == t.variants[0]
        ):
            channel = "个别访谈"
            interview_left -= 1
        else:
            channel = rng.choice(["座谈会", "征求意见表", "征求意见表"])
        name, phone, unit = rng.choice(CONTRIBUTORS[channel])
        seq += 1
        ws.append([seq, text, channel, t.column, f"2023-12-{1 + n % 20:02d}", name, phone, unit])
        rows[ws.max_row] = t.id
    ws.append([])
    ws.append([seq + 1, "", "", "", "", "", "", ""])  # a numbered row with nothing in it
    for col, width in zip("ABCDEFGH", (6, 60, 12, 10, 12, 10, 14, 20), strict=True):
        ws.column_dimensions[col].width = width
    wb.save(HERE / "汇总表_2023.xlsx")
    files["汇总表_2023.xlsx"] = rows
    expected_rejected["汇总表_2023.xlsx"] = sorted(rejected)

    # --- the online form: GB18030, its own headers, an over-long row and mojibake ---
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["提交时间", "针对对象", "意见建议", "联系方式", "IP地址"])
    rows = {}
    rejected = []
    line = 1
    for n, (t, text) in enumerate(online_items):
        _, phone, ip = rng.choice(CONTRIBUTORS["网上征求"])
        if n == 5:
            line += 1
            w.writerow(["2023-12-11 09:30", "", GARBLED, phone, ip])
            rejected.append(line)
        if n == 12:
            line += 1
            buf.write(
                f"2023-12-12 10:02,班子,希望镇里多办实事,不要只喊口号,多听群众意见,{phone},{ip}\r\n"
            )
            rejected.append(line)
        line += 1
        w.writerow([f"2023-12-{10 + n % 15:02d} 20:{n % 60:02d}", t.column, text, phone, ip])
        rows[line] = t.id
    (HERE / "网上征求_2023_GB18030.csv").write_bytes(buf.getvalue().encode("gb18030"))
    files["网上征求_2023_GB18030.csv"] = rows
    expected_rejected["网上征求_2023_GB18030.csv"] = rejected

    # --- the suggestion box: notes under headings, one per line ---
    by_target: dict[str, list[tuple[Topic, str]]] = {}
    for t, text in box_items:
        by_target.setdefault(t.target, []).append((t, text))
    heading = {
        "班子": "对班子的意见：",
        "骆承岷": "对镇长的意见：",
        "钟毓苓": "对钟毓苓同志的意见：",
        "蒯正衡": "对纪委书记的意见：",
        "殳晓岚": "对组织委员的意见：",
        "阙文翰": "对宣传委员的意见：",
        "韦砚清": "对党委书记的意见：",
    }
    lines = ["意见箱开箱记录（2023年12月）", ""]
    rows = {}
    rejected = []
    for target in ("班子", "骆承岷", "钟毓苓", "蒯正衡", "殳晓岚", "阙文翰", "韦砚清"):
        items = by_target.get(target, [])
        if not items:
            continue
        lines.append(heading[target])
        for k, (t, text) in enumerate(items, start=1):
            lines.append(f"{k}. {text}")
            rows[len(lines)] = t.id
        lines.append("")
    lines.append("对班子的意见：")
    lines.append("1. 无")
    rejected.append(len(lines))
    (HERE / "意见箱_2023.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    files["意见箱_2023.txt"] = rows
    expected_rejected["意见箱_2023.txt"] = rejected
    # The title line of the box notes is read as an opinion about nothing: it is not one.
    labels["files"] = {
        name: {"rows": {str(r): tid for r, tid in rs.items()}, "rejected": expected_rejected[name]}
        for name, rs in files.items()
    }
    (HERE / "labels.json").write_text(
        json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )

    # --- examples/opinions: every topic in one workbook (no identity columns at all) ---
    EXAMPLES.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "征求意见汇总"
    ws.append(["序号", "意见内容", "来源渠道", "意见对象"])
    everything = _with_reentries(rng)
    rng.shuffle(everything)
    example_rows: dict[str, str] = {}
    for n, (t, text) in enumerate(everything, start=1):
        ws.append([n, text, rng.choice(["座谈会", "征求意见表", "网上征求", "意见箱"]), t.column])
        example_rows[str(ws.max_row)] = t.id
    ws.column_dimensions["B"].width = 60
    wb.save(EXAMPLES / "澂岺镇征求意见汇总_2023.xlsx")
    labels["examples"] = {"rows": example_rows, "rejected": []}
    (HERE / "labels.json").write_text(
        json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return labels


if __name__ == "__main__":
    out = build()
    sizes = {k: len(v["rows"]) for k, v in out["files"].items()}  # type: ignore[union-attr]
    print(sizes, "topics:", len(TOPICS))
