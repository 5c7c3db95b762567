package dev.tessera.safety.pii;

import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chinese person names, which the English tagger cannot see: a common surname and one or two given-name characters,
 * before an honorific (先生, 女士, 老师...) or after an introduction (我叫, 姓名：...); or, with common given-name
 * characters only, after 联系 or 给, or before a possessive that asks for personal data (的身份证号, 的手机) or a
 * record's sex (，男，). Used by {@link PersonRecognizer} on text holding Han characters.
 */
final class ChineseNames {

    private static final Set<String> DOUBLE_SURNAMES = Set.of("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟",
            "公孙", "慕容", "令狐", "司徒", "夏侯");
    /** The most common single-character Chinese surnames (together about 85% of the population). */
    private static final BitSet SURNAMES = chars("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖"
            + "田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
            + "郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
            + "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦"
            + "麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟"
            + "邝");
    /**
     * Characters common in given names, written out here from general knowledge. A name found by a weaker cue (联系 or
     * 给 before it, a possessive or a record's sex after it) must use them, since "路由器的地址" and "车主的电话" start
     * with a surname's character too.
     */
    private static final BitSet COMMON_GIVEN = chars("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂兰玉萍红华建国文辉鹏斌宇浩凯健俊帆帅旭宁龙林欣怡婷雪慧佳琳晶颖倩莉梅燕玲丹"
            + "蕾璐菲瑶悦萱涵晨阳子轩博然铭一天思雨嘉梓睿泽航鑫淑珍凤云荣春金海峰波亮成志新东飞彬武立永晓小大德福祥生山清宏昌光利忠义礼"
            + "信仁安康乐喜庆瑞芬芝兵毅鸿振良秋冬晴琪琦瑜婧妍媛婉姗娇娅婕嫣蓉薇蓓茜芸苗荷莲菊竹松柏彤曦昊皓翔鹤凡舟源鸣伦力坚岩岚川江河"
            + "润洁澜滨渊雷霖震威彪虎豪雄耀煜炜烨灿晖晗昕昱晟景智聪捷哲贤厚宽泰和美雅琴诗韵音月星辰虹彩霜露冰桃翠碧青紫银珠宝瑛璇瑾珊玥玮香花娥琼莹诺依可馨若萌恩兴旺发富贵卫民胜宾斐峻崇岳淼焱鹃莺蕊");
    /** Words that a surname and common given-name characters spell: landlord, cities and regions, times of day. */
    private static final Set<String> NAME_LIKE_WORDS = Set.of("房东", "宁波", "金华", "常德", "安康", "华东", "华南",
            "华北", "华中", "江南", "高新", "白天", "明天", "文明", "成华", "海南", "江西", "安宁", "平安", "万达", "明星",
            "高中", "高一", "高二", "高三", "金山", "华山", "黄山", "泰山", "高明", "和平", "沈阳", "安阳", "邵阳", "岳阳",
            "武昌", "万宁", "江宁", "龙岩", "吉林", "林芝", "金昌", "白银", "唐山", "文山");
    /** A verb a name follows, weaker evidence than an introduction: "请联系王小明", "给李娜打电话". */
    private static final Pattern NAME_AFTER_VERB = Pattern.compile("联系|给");
    /**
     * What a possessive asks of a person, or a record states after a name: "王小明的身份证号", "欧阳娜娜的手机",
     * "张伟，男，45岁".
     */
    private static final Pattern AFTER_NAME = Pattern.compile("的(?:身份证|手机|电话|邮箱|住址|家庭住址|地址|银行卡"
            + "|银行账户|账户|账号|护照|病历|出生日期|生日|工资|社保|医保)|[，,][ \\t]?[男女](?=[，,、；;）) \\t]|$)");
    /** Han characters that never occur in a given name here: particles and verbs that commonly follow a name. */
    private static final BitSet NOT_GIVEN = chars("的了是在和与及说等们也都就还又把被给让向对先女");
    private static final Pattern HONORIFIC = Pattern.compile("先生|女士|小姐|老师|教授|医生|博士|经理|同学|律师|总监|主任");
    /**
     * What a name follows. The parties and holders of legal, medical and finance forms need their colon: without it
     * "借款人应当..." would make a name of the surname-like 应.
     */
    private static final Pattern INTRODUCTION = Pattern.compile(
            "(?:我叫|我是|名叫|姓名[:：]?|名字[是叫:：]|联系人[:：]?|收件人[:：]?|患者|客户|(?:经办人|申请人|负责人|签字人|签署人"
                    + "|委托人|代理人|法定代表人|原告|被告|持卡人|借款人|担保人|投保人|被保险人|受益人|就诊人|病人|户名)[:：])"
                    + "[ \\t]*");

    private ChineseNames() {
    }

    /**
     * Adds the names in {@code text} as findings of {@code recognizer}. Anchors on an honorific (the name ends just
     * before it) or an introduction (the name starts just after it), then checks surname and given-name characters.
     * Anchoring keeps the work linear and skips texts without them.
     */
    static void addTo(String text, List<PiiFinding> out, String recognizer) {
        Matcher h = HONORIFIC.matcher(text);
        while (h.find()) {
            int start = nameStartBefore(text, h.start(), false);
            if (start >= 0) {
                out.add(new PiiFinding(PiiType.PERSON, start, h.start(), 0.75, recognizer));
            }
        }
        Matcher intro = INTRODUCTION.matcher(text);
        while (intro.find()) {
            int length = chineseNameLength(text, intro.end(), Math.min(text.length(), intro.end() + 4), false);
            if (length > 1) {
                out.add(new PiiFinding(PiiType.PERSON, intro.end(), intro.end() + length, 0.75, recognizer));
            }
        }
        // The weaker cues take common given-name characters only: "联系王芳确认" names 王芳.
        Matcher verb = NAME_AFTER_VERB.matcher(text);
        while (verb.find()) {
            int end = verb.end() + chineseNameLength(text, verb.end(), Math.min(text.length(), verb.end() + 4), true);
            if (isCommonName(text, verb.end(), end)) {
                out.add(new PiiFinding(PiiType.PERSON, verb.end(), end, 0.7, recognizer));
            }
        }
        Matcher after = AFTER_NAME.matcher(text);
        while (after.find()) {
            int start = nameStartBefore(text, after.start(), true);
            if (start >= 0 && isCommonName(text, start, after.start())) {
                out.add(new PiiFinding(PiiType.PERSON, start, after.start(), 0.7, recognizer));
            }
        }
    }

    /** Where the leftmost, i.e. longest, name ending at {@code end} starts (王先生, 张三先生, 欧阳娜娜女士), or -1. */
    private static int nameStartBefore(String text, int end, boolean commonGivenOnly) {
        for (int start = Math.max(0, end - 4); start < end; start++) {
            if (chineseNameLength(text, start, end, commonGivenOnly) == end - start) {
                return start;
            }
        }
        return -1;
    }

    /**
     * A surname and at least one given-name character that spell no common word ({@link #NAME_LIKE_WORDS}): what
     * a weaker cue needs.
     */
    private static boolean isCommonName(String text, int start, int end) {
        return end - start > chineseSurnameLength(text, start, end)
                && !NAME_LIKE_WORDS.contains(text.substring(start, end));
    }

    /**
     * Length of the surname + up to two given-name characters starting at {@code start} (before {@code limit}), or 0;
     * with {@code commonGivenOnly}, given-name characters of {@link #COMMON_GIVEN} only.
     */
    private static int chineseNameLength(String text, int start, int limit, boolean commonGivenOnly) {
        int surname = chineseSurnameLength(text, start, limit);
        if (surname == 0) {
            return 0;
        }
        int end = start + surname;
        while (end < limit && end - start - surname < 2 && isGivenNameChar(text.charAt(end), commonGivenOnly)) {
            end++;
        }
        return end - start;
    }

    /** 2 for a double surname (欧阳), 1 for a common single one, else 0. */
    private static int chineseSurnameLength(String text, int start, int limit) {
        if (start + 2 <= limit && DOUBLE_SURNAMES.contains(text.substring(start, start + 2))) {
            return 2;
        }
        return start < limit && SURNAMES.get(text.charAt(start)) ? 1 : 0;
    }

    private static boolean isGivenNameChar(char c, boolean commonOnly) {
        return commonOnly ? COMMON_GIVEN.get(c)
                : Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN && !NOT_GIVEN.get(c);
    }

    private static BitSet chars(String s) {
        BitSet set = new BitSet(0x10000);
        s.chars().forEach(set::set);
        return set;
    }
}
