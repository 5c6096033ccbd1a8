"""A small regulation text for the tests: two chapters, six articles, one 转致."""

from renda.legislation import actions

TEXT = """第一章　总则
第一条　为了保护河湖生态，制定本条例。
第二条　本条例适用于本市行政区域内的河湖。
第三条　市人民政府应当加强领导。
区县人民政府负责本区域的工作。
第二章　保护
第四条　禁止下列行为：
（一）向河湖倾倒垃圾；
（二）非法采砂；
1.在禁采区采砂；
2.在禁采期采砂。
第五条　河湖管理范围内的建设项目应当经过审批。
第六条　违反本条例第五条规定的，依照第四条第一款处理。"""


def bill(world, text: str = TEXT, **kw):
    return actions.create_bill(world.congress, actor=world.office, title=kw.pop("title", "示例市河湖保护条例"),
                               text=text, **kw)
