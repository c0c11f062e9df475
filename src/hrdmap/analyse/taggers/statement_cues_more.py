"""Statement-kind cues in Russian, Arabic and Chinese, as complete as the English, French and Spanish ones.

The same kinds, strengths and rules as :mod:`hrdmap.analyse.taggers.statement_cues` (whose cue ids these
mirror with a language prefix): recommendations (recommends, calls upon, urges, should, must, encourages, "it
is necessary", an item opening with an infinitive or a verbal noun), challenges (concern, regret, lack,
insufficiency, persistence, facing threats, failure, and the topical words: threats, killings, attacks,
harassment, impunity, arbitrary detention, reprisals, gaps, restrictions, obstacles), and practices (a past
tense or a completed action, a present tense of an action verb, "during the reporting period", a year).

Russian verbs are matched by their stems (``поддержал\\w*``); Arabic words may carry the conjunction و or a
preposition; Chinese has no spaces, so its cues are plain strings, and completed actions are read from 了 or
已(经) ("举办了", "已设立"). The sentences of ``tests/fixtures/analyse/languages_gold.jsonl`` measure them.
"""

from __future__ import annotations

from hrdmap.analyse.taggers.statement_cues import Cue

_AR = r"(?:^|(?<=[\s،؛(«\"]))و?"  # an Arabic word start, perhaps after the conjunction و


def _t(triggers: str) -> tuple[str, ...]:
    return tuple(triggers.split("|"))


RU_AR_ZH_CUES: tuple[Cue, ...] = (
    # recommendations
    Cue("ru-calls-upon", "recommendation", 0.8, r"призыва\w*|настоятельно\s+\w+", _t("призыва|настоятельно")),
    Cue("ru-should", "recommendation", 0.6, r"\bследует\b|\bследовало бы\b", _t("следует|следовало")),
    Cue("ru-must", "recommendation", 0.4, r"\bдолжн[аоы]?\b|\bобязан[аоы]?\b", _t("должн|обязан")),
    Cue("ru-encourages", "recommendation", 0.6, r"\bпоощря\w*|\bпредлага\w*", _t("поощря|предлага")),
    Cue("ru-it-is-necessary", "recommendation", 0.5, r"\bнеобходимо\b|\b(?:крайне )?важно\b", _t("необходимо|важно")),
    Cue("ru-recommendation-word", "recommendation", 0.3, r"\bрекомендаци\w*", _t("рекомендаци")),
    Cue("ar-recommends", "recommendation", 0.9, _AR + r"(?:أوصت|أوصى|نوصي|توصي|يوصي)", _t("أوص|نوصي|توصي|يوصي")),
    Cue("ar-calls-upon", "recommendation", 0.8, _AR + r"(?:تدعو|يدعو|ندعو|تهيب|تطالب|يطالب|نطالب|تحث|يحث|نحث)",
        _t("تدعو|يدعو|ندعو|تهيب|تطالب|يطالب|نطالب|تحث|يحث|نحث")),
    Cue("ar-should", "recommendation", 0.6, _AR + r"ينبغي", _t("ينبغي")),
    Cue("ar-must", "recommendation", 0.4, _AR + r"(?:يجب|يتعين)", _t("يجب|يتعين")),
    Cue("ar-encourages", "recommendation", 0.6, _AR + r"(?:تشجع|يشجع|نشجع)", _t("شجع")),
    Cue("ar-it-is-necessary", "recommendation", 0.5, r"من الضروري|من المهم|لا بد من", _t("الضروري|المهم|لا بد")),
    Cue("ar-recommendation-word", "recommendation", 0.3, _AR + r"(?:ال)?توصيا?ت?", _t("توصي")),
    Cue(
        "ar-verbal-noun-start",
        "recommendation",
        0.75,
        r"^\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:اعتماد|ضمان|التصديق|تعزيز|اتخاذ|إنشاء|حماية|مواصلة|النظر في|التحقيق|"
        r"تنفيذ|إلغاء|تعديل|كفالة|الإفراج|توفير)\s",
        (),
    ),
    Cue("zh-recommends", "recommendation", 0.9, r"(?<!的)(?<!项)(?<!条)(?<!些)建议", _t("建议")),
    Cue("zh-recommendation-word", "recommendation", 0.3, r"建议", _t("建议")),
    Cue("zh-calls-upon", "recommendation", 0.8, r"呼吁|敦促|促请|吁请", _t("呼吁|敦促|促请|吁请")),
    Cue("zh-should", "recommendation", 0.6, r"应当|应该|(?<![相适反对供])应(?=确保|"
        r"采取|加强|继续|考虑|立即|保护|建立|通过|"
        r"调查|废除|修订|释放|停止|设立|制定|促进|保障|落实|尊重|允许|邀请)", _t("应")),
    Cue("zh-must", "recommendation", 0.4, r"必须", _t("必须")),
    Cue("zh-encourages", "recommendation", 0.6, r"鼓励", _t("鼓励")),
    Cue("zh-invites", "recommendation", 0.4, r"邀请|请(?=缔约国|各国|政府|国家)", _t("邀请|请")),
    Cue("zh-it-is-necessary", "recommendation", 0.5, r"有必要|至关重要|十分重要|极为重要", _t("必要|重要")),
    Cue(
        "zh-imperative-start",
        "recommendation",
        0.8,
        r"^\s*(?:\d+(?:\.\d+)*\.?\s*)?(?:确保|采取|批准|加强|通过|继续|考虑|建立|保护|调查|废除|修订|释放|停止|设立|制定|促进|保障|"
        r"落实|尊重|允许|邀请|撤销|终止|加入)",
        (),
    ),
    # challenges and gaps
    Cue("ru-concern", "challenge", 0.7, r"озабоченност\w*|"
        r"вызывает\s+тревог\w*|\bтревож\w*", _t("озабочен|тревог|тревож")),
    Cue("ru-regrets", "challenge", 0.7, r"\bсожале\w*", _t("сожале")),
    Cue("ru-lack-of", "challenge", 0.7, r"\bотсутств\w*|\bнехватк\w*|\bне имеют\b|\bне хватает\b",
        _t("отсутств|нехватк|не имеют|не хватает")),
    Cue("ru-insufficient", "challenge", 0.6, r"\bнедостаточн\w*|\bнеадекватн\w*", _t("недостаточн|неадекватн")),
    Cue("ru-persisting", "challenge", 0.7, r"\bпо-прежнему\b|\bсохраняе?тся\b|"
        r"\bсохраняются\b|\bпродолжают\s+подвергаться\b",
        _t("по-прежнему|сохраня|продолжают")),
    Cue("ru-face", "challenge", 0.7, r"\bподвергаю?т?ся\b|\bподвергаются\b|\bподверглись\b", _t("подверг")),
    Cue("ru-failure", "challenge", 0.6, r"\bне (?:был[аио]?|было) (?:\w+ )?(?:расследован|"
        r"наказан|принят|создан)\w*|\bне смогл?\w*",
        _t("не был|не смог")),
    Cue("ru-threats", "challenge", 0.6, r"\bугрожа\w*|\bугроз\w*", _t("угрож|угроз")),
    Cue("ru-killed", "challenge", 0.7, r"\bубийств\w*|\bубит\w*|\bубил\w*|\bпогиб\w*", _t("убий|убит|убил|погиб")),
    Cue("ru-attacks", "challenge", 0.5, r"\bнападени\w*|\bнападк\w*", _t("нападени|нападк")),
    Cue("ru-harassment", "challenge", 0.6, r"\bзапугивани\w*|"
        r"\bпритеснени\w*|\bпреследу\w*", _t("запугивани|притеснени|преследу")),
    Cue("ru-impunity", "challenge", 0.6, r"\bбезнаказанност\w*", _t("безнаказанн")),
    Cue("ru-arbitrary-detention", "challenge", 0.6, r"\bпроизвольн\w+\s+(?:задержани|арест)\w*", _t("произвольн")),
    Cue("ru-reprisals", "challenge", 0.5, r"\bрепресси\w*|\bрасправ\w*|\bмест[иь]\b", _t("репресси|расправ|мест")),
    Cue("ru-gap", "challenge", 0.6, r"\bпробел\w*", _t("пробел")),
    Cue("ru-restrictive", "challenge", 0.6, r"\bограничительн\w*|\bограничени\w* на\b", _t("ограничи")),
    Cue("ru-challenge-word", "challenge", 0.5, r"\bпроблем\w*|\bпрепятстви\w*|\bтрудност\w*|\bвызов\w*",
        _t("проблем|препятстви|трудност|вызов")),
    Cue("ar-regrets", "challenge", 0.7, _AR + r"(?:تأسف|يؤسف\w*|تأسّف)", _t("أسف|يؤسف")),
    Cue("ar-lack-of", "challenge", 0.7, _AR + r"(?:عدم وجود|غياب|"
        r"نقص|افتقار|انعدام)", _t("عدم وجود|غياب|نقص|افتقار|انعدام")),
    Cue("ar-insufficient", "challenge", 0.6, r"غير كاف\w*|عدم كفاية", _t("غير كاف|عدم كفاية")),
    Cue("ar-persisting", "challenge", 0.7, _AR + r"(?:ما زال|ما زالت|ما زالوا|استمرار)", _t("ما زال|استمرار")),
    Cue("ar-face", "challenge", 0.7, _AR + r"(?:يتعرض|تتعرض|يتعرضون|تعرض|تعرضوا|تعرضت)", _t("تعرض")),
    Cue("ar-failure", "challenge", 0.6, _AR + r"(?:لم يتم|لم تتخذ|"
        r"لم تجر|لم يجر|فشل\w*)", _t("لم يتم|لم تتخذ|لم تجر|لم يجر|فشل")),
    Cue("ar-killed", "challenge", 0.7, _AR + r"(?:ب|ل)?(?:ال)?(?:قتل|مقتل|اغتيال)", _t("قتل|اغتيال")),
    Cue("ar-attacks", "challenge", 0.5, _AR + r"(?:ال)?(?:اعتداء\w*|هجمات|هجوم)", _t("اعتداء|هجمات|هجوم")),
    Cue("ar-harassment", "challenge", 0.6, _AR + r"(?:ل|ب)?(?:ال)?(?:مضايقة|"
        r"مضايقات|ترهيب|تخويف)", _t("مضايق|ترهيب|تخويف")),
    Cue("ar-impunity", "challenge", 0.6, r"الإفلات من العقاب", _t("الإفلات")),
    Cue("ar-arbitrary-detention", "challenge", 0.6, r"(?:ال)?(?:احتجاز|اعتقال) (?:ال)?تعسفي", _t("تعسفي")),
    Cue("ar-reprisals", "challenge", 0.5, _AR + r"(?:ل|ب)?(?:ال)?(?:انتقام\w*|أعمال انتقامية)", _t("انتقام")),
    Cue("ar-gap", "challenge", 0.6, _AR + r"(?:ال)?(?:ثغرات|فجوات)", _t("ثغرات|فجوات")),
    Cue("ar-restrictive", "challenge", 0.6, r"تقييدية|قيود على|(?:ال)?قيود", _t("تقييد|قيود")),
    Cue("ar-challenge-word", "challenge", 0.5, _AR + r"(?:ال)?(?:تحديات|عقبات|صعوبات)", _t("تحديات|عقبات|صعوبات")),
    Cue("zh-concern", "challenge", 0.7, r"关切|担忧|忧虑", _t("关切|担忧|忧虑")),
    Cue("zh-regrets", "challenge", 0.7, r"遗憾", _t("遗憾")),
    Cue("zh-lack-of", "challenge", 0.7, r"缺乏|缺少|匮乏|没有(?=任何|足够|独立|有效)", _t("缺乏|缺少|匮乏|没有")),
    Cue("zh-insufficient", "challenge", 0.6, r"不足|不够|不充分", _t("不足|不够|不充分")),
    Cue("zh-persisting", "challenge", 0.7, r"仍然|依然|仍在|仍未|持续存在", _t("仍|依然|持续存在")),
    Cue("zh-face", "challenge", 0.7, r"面临|遭受|遭到", _t("面临|遭受|遭到")),
    Cue("zh-failure", "challenge", 0.6, r"未能|尚未", _t("未能|尚未")),
    Cue("zh-threats", "challenge", 0.6, r"威胁", _t("威胁")),
    Cue("zh-killed", "challenge", 0.7, r"杀害|被杀|谋杀|遇害|杀戮", _t("杀|遇害")),
    Cue("zh-attacks", "challenge", 0.5, r"袭击|攻击", _t("袭击|攻击")),
    Cue("zh-harassment", "challenge", 0.6, r"骚扰|恐吓|迫害", _t("骚扰|恐吓|迫害")),
    Cue("zh-impunity", "challenge", 0.6, r"有罪不罚|逍遥法外", _t("有罪不罚|逍遥法外")),
    Cue("zh-arbitrary-detention", "challenge", 0.6, r"任意(?:拘留|逮捕|拘押)", _t("任意")),
    Cue("zh-reprisals", "challenge", 0.5, r"报复", _t("报复")),
    Cue("zh-gap", "challenge", 0.6, r"差距|空白|漏洞", _t("差距|空白|漏洞")),
    Cue("zh-restrictive", "challenge", 0.6, r"限制性|限制(?=了|其|他们|民间|言论|集会|结社)", _t("限制")),
    Cue("zh-challenge-word", "challenge", 0.5, r"挑战|障碍|困难", _t("挑战|障碍|困难")),
    # practices
    Cue(
        "ru-was-done",
        "practice",
        0.8,
        r"\b(?:был[аио]?|были) (?:\w+ )?(?:создан|принят|проведен|проведён|организован|учрежден|учреждён|утвержден|"
        r"утверждён|разработан|подписан|ратифицирован|запущен|обучен|открыт)\w*",
        _t("был"),
    ),
    Cue(
        "ru-does",
        "practice",
        0.6,
        r"\b(?:поддерживает|оказывает|проводит|организует|осуществляет|сотрудничает|финансирует|обучает|публикует|"
        r"сопровождает|содействует|поддерживаем|проводим|организуем|осуществляем)\b",
        _t("поддержива|оказыва|провод|организу|осуществля|сотруднича|финансиру|обуча|публику|сопровожда|содейству"),
    ),
    Cue("ru-reporting-period", "practice", 0.5, r"\bв течение отчетного периода\b|"
        r"\bза отчетный период\b|\bв отчетный период\b",
        _t("отчетн")),
    Cue("ru-year", "practice", 0.3, r"\b(?:[Вв]|[Сс]) (?:19|20)\d\d\s?(?:год\w*|г\.)", _t("19|20")),
    Cue(
        "ar-was-done",
        "practice",
        0.8,
        _AR + r"(?:تم|تمت) (?:إنشاء|اعتماد|تنظيم|تدريب|إطلاق|توفير|تنفيذ|تقديم|عقد|توقيع|التصديق|إعداد)",
        _t("تم "),
    ),
    Cue(
        "ar-past-more",
        "practice",
        0.7,
        r"(?<!أن )" + _AR + r"(?:نظمت|دعمت|درّبت|دربت|قدمت|أجرت|أجرى|وقعت|شاركت|ساهمت|أسهمت|ساعدت|رافقت|"
        r"موّلت|مولت|نشرت|أصدرت|استضافت|عقدنا|نظمنا|دعمنا|اعترف|اعترفت|منح|منحت|قام ب|قامت ب)(?=\s|\w)",
        _t("نظم|دعم|درب|درّب|قدم|أجر|وقع|شارك|ساهم|أسهم|ساعد|رافق|موّل|مول|نشر|أصدر|استضاف|عقدنا|اعترف|منح|قام"),
    ),
    Cue(
        "ar-does",
        "practice",
        0.6,
        r"(?<!أن )" + _AR + r"(?:تدعم|يدعم|تنظم|ينظم|تقدم|يقدم|توفر|يوفر|"
        r"تتعاون|يتعاون|تمول|يمول|تتابع|يتابع|ترصد|يرصد)(?=\s)",
        _t("دعم|نظم|قدم|وفر|تعاون|مول|تابع|رصد"),
    ),
    Cue("ar-reporting-period", "practice", 0.5, r"خلال الفترة المشمولة بالتقرير|"
        r"في الفترة المشمولة بالتقرير", _t("المشمولة")),
    Cue("ar-year", "practice", 0.3, r"(?:في|منذ) (?:عام )?(?:19|20)\d\d", _t("19|20")),
    Cue(
        "zh-did",
        "practice",
        0.75,
        r"(?:组织|举办|设立|建立|通过|支持|提供|开展|培训|发布|启动|制定|签署|批准|资助|协助|召开|实施|陪同|监测|接待|访问)了",
        _t("了"),
    ),
    Cue("zh-has-done", "practice", 0.8, r"已(?:经)?(?:设立|建立|通过|制定|"
        r"批准|启动|成立|签署|开展|实施|培训)", _t("已")),
    Cue("zh-does", "practice", 0.6, r"正在(?:实施|开展|执行|支持)|定期(?:举办|组织|开展|监测)|一直(?:支持|协助|监测)",
        _t("正在|定期|一直")),
    Cue("zh-reporting-period", "practice", 0.5, r"报告所述期间|报告期内|报告期间", _t("报告")),
    Cue("zh-year", "practice", 0.3, r"(?:19|20)\d\d年", _t("19|20")),
)

#: Cues of this module that open a recommendation item (like ``OPENINGS`` of the English-French-Spanish cues).
RU_AR_ZH_OPENINGS = frozenset({"ar-verbal-noun-start", "zh-imperative-start"})
#: Topical challenge cues (like ``TOPICAL``): they count only in a sentence with no practice or recommendation cue.
#: "Be subjected to" (подвергаться, يتعرض, 遭受) is one here: "ensure that no one is subjected to reprisals" names
#: what a recommendation prevents, not a finding.
RU_AR_ZH_TOPICAL = frozenset(
    f"{language}-{cue}"
    for language in ("ru", "ar", "zh")
    for cue in ("threats", "killed", "attacks", "harassment", "restrictive", "impunity", "arbitrary-detention",
                "reprisals", "gap", "challenge-word", "insufficient", "face")
)
