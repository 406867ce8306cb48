/* test_corpus.c — the breaker on real-looking notes at many widths.
 *
 * Every note is laid out at widths from 1 to 40 em in steps of 0.5, with
 * the advance model of lbtest.h (CJK, fullwidth punctuation and emoji 1 em,
 * ASCII 0.5 em). For every layout:
 *
 * - the lines tile the text: concatenated with the hard-break bytes between
 *   them they give the text back byte for byte (lbt_check_lines also checks
 *   widths, cluster boundaries, and that no line is wider than the maximum
 *   unless it holds one cluster);
 * - a break is either allowed (LINEBREAK_ALLOW) or forced;
 * - an allowed break is greedy: the line could not reach its next allowed
 *   break (or its paragraph end) without overflowing;
 * - a forced break happens only inside an unbreakable run wider than the
 *   line: the line holds no allowed break, and the run from the line start
 *   to the next allowed break (or the paragraph end) is wider than the
 *   maximum;
 * - a break that violates a rule — a line starting with one of
 *   、，。：；！？”’」』）】〕〗］｝》〉～·,.;:!?)% or ending with one of
 *   “‘「『（【〔〖［｛《〈(, or splitting ——, ……, ⋯⋯, a number with its
 *   unit or sign, or a Latin word — is a forced break.
 *
 * The rules here are this test's own reading of linebreak.h, independent of
 * render/ (a subset of what linebreak_rules.c prohibits), and they are also
 * checked on the opportunities alone: none of them is ever LINEBREAK_ALLOW.
 * The paragraph end and the text end are not breaks: a note may end with
 * “ or start with ，. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lbtest.h"
#include "linebreak.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const notes[] = {
	"今天加班到23:45，地铁末班车刚好赶上。司机师傅说“辛苦了”，突然就想哭……",
	"老板说这个KPI必须在周五之前完成——可是我已经连续工作了12天了。",
	"「没关系，慢慢来」——这是妈妈在电话里最常说的一句话。我今年30岁了，还是让她操心。",
	"体检报告出来了：血压有点高（140/90），医生让我每天走6000步。好吧，从明天开始😊",
	"跑完了人生第一个半程马拉松！21.0975公里，用时2小时15分。膝盖好痛，但是好开心🎉🎉🎉",
	"房租又涨了15%，每个月要交￥3500……在北京生活真的不容易。",
	"给女儿买了iPhone 15，她高兴得跳起来。看着她笑，我觉得一切都值得。👨‍👩‍👧",
	"deadline是第一生产力，但deadline也是第一焦虑源。",
	"《平凡的世界》我又读了一遍。孙少平说：“生活不能等待别人来安排，要自己去争取和奋斗。”",
	"今天气温-5℃，出门的时候手都冻僵了。车上的暖气开到28°，终于暖和过来。",
	"和他分手第100天。我以为我会很难过，其实……也还好吧。",
	"【求助】有没有人知道怎么和青春期的孩子沟通？他每天回家就关上门，一句话都不说。",
	"凌晨3点还睡不着，脑子里全是明天的面试。祝我好运吧！！！",
	"　　小时候觉得长大很好，长大了才知道，小时候才是最好的。\n　　愿我们都能找回那个简单快乐的自己。",
	"下雨了。没带伞。站在便利店门口等了20分钟，一个陌生人把她的伞给了我，说“我家就在旁边”。谢谢你！",
	"我的猫今天8岁了🎂 它陪我搬了5次家，换了3份工作。谢谢你，小橘。",
	"高考还有100天。压力好大，但我一定要考上985！加油加油加油💪",
	"工资到账：8,888.88元。扣完房贷、车贷、信用卡，还剩……算了不算了。",
	"第一次用Python写出能跑的程序，虽然只有50行，但是好有成就感。print(\"Hello, world!\")",
	"爸爸住院了，我请了3天假回老家。高铁上看着窗外，想起他以前骑自行车送我上学的样子。",
	"今天的日程：9:00开会，10:30见客户，12:00午饭，14:00-17:00写方案，19:30健身。累……",
	"有人说：“成年人的崩溃只在一瞬间。”我觉得不是，是慢慢积累的，只是最后一根稻草落下来的时候，才被别人看见。",
	"今天终于鼓起勇气去看了心理咨询师。她问我：“你最近一次真正开心是什么时候？”我想了很久……",
	"早上6:30起床，跑步5km，冲澡，做早餐，7:45出门。自律的第30天✌️",
	"在滴滴上遇到一个很好的司机，车上放着一个本子，让乘客写下心事。我写了这一页。",
	"英语六级考了425分，刚好过线！！！感谢自己没有放弃～",
	"孩子问我：“妈妈，你为什么总是很累？”我不知道该怎么回答。",
	"体重从75kg减到了62kg，用了整整8个月。镜子里的自己，终于有点喜欢了。",
	"今天是我们结婚10周年纪念日。他忘了。我也没提醒他。就这样吧。",
	"失业第45天。投了120份简历，收到3个面试。今天的面试官说“回去等通知”……",
	"人生就像一场马拉松——不在于你跑得多快，而在于你能坚持多久。",
	"花了￥299买了一盏台灯，暖黄色的光，晚上看书的时候觉得整个世界都安静了。",
	"奶奶今年90岁，还能自己做饭、种菜、打麻将。她说秘诀就是“不生气”。",
	"项目终于上线了！！凌晨2:00，整个团队在会议室里欢呼。所有的加班都值得了。🎉",
	"北京→上海，G2次高铁，4小时28分钟。窗外的风景从华北平原变成了江南水乡。",
	"我不是不想努力，我只是……太累了。有人能理解吗？",
	"朋友圈里每个人都过得很好，只有我一团糟。后来才知道，大家都只发好的那一面。",
	"今天做了一件勇敢的事：辞职了。下一站，去云南开一家小客栈（还在计划中）。",
	"谢谢你，陌生人。你在地铁上让座给我的那一刻，我正怀孕3个月，特别难受。",
	"「我们都是星星」——这是我儿子画的画的名字。他说每个人都会发光。✨",
	"考研失败了，差了3分。三分啊！！！不甘心，明年再来。",
	"周末去爬了泰山，海拔1545米，爬了6个小时。在山顶看日出的那一刻，觉得一切烦恼都不算什么。",
	"我想对十年前的自己说：别怕，你会遇到很好的人，也会成为很好的人。",
	"今晚的月亮好圆。给远方的家人发了一条微信：“中秋快乐，我很好，勿念。”",
	"又被客户骂了，说我们的产品是“垃圾”。我没哭，我只是把报告改了第8版。",
	"在医院陪护的第7天。病房里的阿姨每天早上都会分我一个苹果🍎。人间还是有温暖的。",
	"女儿第一次叫“爸爸”的时候，我在公司加班，是视频里听到的。那天晚上我一个人在车里坐了很久。",
	"今天收到了一封手写的信，是大学室友寄来的。信里说：“不管多忙，记得吃饭。”眼泪一下子就下来了。",
	"A股今天又跌了3.5%……我的基金已经亏了20%了。算了，就当交学费。",
	"学会了一首新歌《晴天》，吉他弹得还不太熟练，但是弹给自己听就很开心。🎸",
	"开了8小时的网约车，跑了32单，收入486元。累是累，但是心里踏实。",
	"我有抑郁症。吃药第3个月，感觉好一点了。如果你也在经历，请记得：你不是一个人。",
	"今天的天空特别蓝，蓝得像是被洗过一样。突然觉得，活着真好。",
	"同事小王今天辞职了，临走前送了我一盆绿萝，说“要好好照顾它，也要好好照顾自己”。",
	"Wi-Fi密码是什么来着？……算了，今天就不上网了，看会儿书。",
	"我的梦想是开一家书店，名字叫【树洞】，让每个路过的人都能停下来，喝杯茶，看本书。",
	"2024年5月20日，他向我求婚了！我说：“我愿意！”💍",
	"一个人在异乡过年。年夜饭是一碗泡面加两个鸡蛋，但是给家里打视频的时候，我说吃得很好。",
	"最近总是失眠，试了褪黑素、白噪音、冥想App……都没用。有什么好办法吗？",
	"谢谢这个树洞。写完这些字，心里轻松了很多。祝每一个看到这里的人，平安、健康、快乐。",
	"今天看到一篇文章，链接在这里：https://www.example.com/articles/2024/how-to-be-happy?from=treehole 推荐大家看看。",
	"第一行\r\n第二行\r\n\r\n第四行，前面有一个空行。",
	"“你还好吗？”\n“我很好。”\n——其实一点都不好。",
	"体温36.5℃，心率72次/分，一切正常。医生说：“放宽心，多运动。”",
	"今天花了$12.99买了一本英文书《The Little Prince》，第一页就哭了。",
	"看奥运会看到凌晨1点，🇨🇳又拿了一块金牌！旁边的🇯🇵🇰🇷观众也在鼓掌。",
};

/* ---- this test's own reading of the rules ---- */

static const uint32_t no_start[] = {
	0x3001, 0xFF0C, 0x3002, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F, 0x201D, 0x2019, 0x300D, 0x300F,
	0xFF09, 0x3011, 0x3015, 0x3017, 0xFF3D, 0xFF5D, 0x300B, 0x3009, 0xFF5E, 0x00B7,
	',', '.', ';', ':', '!', '?', ')', '%',
};

static const uint32_t no_end[] = {
	0x201C, 0x2018, 0x300C, 0x300E, 0xFF08, 0x3010, 0x3014, 0x3016, 0xFF3B, 0xFF5B, 0x300A,
	0x3008, '(',
};

static const char *const unit_words[] = { "平方公里", "公里", "小时", "分钟", "个月" };

static bool in_list(uint32_t cp, const uint32_t *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (list[i] == cp)
			return true;
	}
	return false;
}

static bool is_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

static bool is_letter(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

static bool is_ideograph(uint32_t cp)
{
	return cp >= 0x4E00 && cp <= 0x9FFF;
}

/* A text decoded once: code points and where they start. */
struct decoded {
	size_t n;
	uint32_t *cp;
	size_t *at; /* at[n] = len */
};

static struct decoded decode(const char *s, size_t len)
{
	struct decoded d = { 0, malloc((len + 1) * sizeof(uint32_t)), malloc((len + 1) * sizeof(size_t)) };

	assert_non_null(d.cp);
	assert_non_null(d.at);
	for (size_t i = 0; i < len;) {
		d.at[d.n] = i;
		i += lbt_decode(s, len, i, &d.cp[d.n]);
		d.n++;
	}
	d.at[d.n] = len;
	return d;
}

static void glue_span(bool *glue, const struct decoded *d, size_t from, size_t to)
{
	for (size_t j = from + 1; j < to; j++)
		glue[d->at[j]] = true;
}

/* The number span starting at code point i (a digit, or a sign before a
 * digit): [sign] digits ([sep] digits)* [unit]. Returns its end. */
static size_t number_span(const char *s, const struct decoded *d, size_t i)
{
	static const uint32_t signs[] = { 0xFFE5, '$', 0x20AC, 0x00A5, '+', '-' };
	static const uint32_t seps[] = { '.', ':', 0xFF1A, ',', '-', '/' };
	static const uint32_t postfix[] = { '%', 0xFF05, 0x2030, 0x2103, 0x00B0 };
	size_t j = i;

	if (in_list(d->cp[j], signs, COUNT(signs)))
		j++;
	for (;;) {
		while (j < d->n && is_digit(d->cp[j]))
			j++;
		if (j + 1 < d->n && in_list(d->cp[j], seps, COUNT(seps)) && is_digit(d->cp[j + 1]))
			j++;
		else
			break;
	}
	if (j >= d->n)
		return j;
	if (in_list(d->cp[j], postfix, COUNT(postfix)))
		return j + 1;
	if (is_letter(d->cp[j])) {
		while (j < d->n && is_letter(d->cp[j]))
			j++;
		return j;
	}
	for (size_t w = 0; w < COUNT(unit_words); w++) {
		size_t wlen = strlen(unit_words[w]);
		if (d->at[j] + wlen <= d->at[d->n] && memcmp(s + d->at[j], unit_words[w], wlen) == 0)
			return j + wlen / 3;
	}
	return is_ideograph(d->cp[j]) ? j + 1 : j;
}

/* OUT: glue[b] for every byte b, true where a break would split ——, ……,
 * ⋯⋯, a number with its unit or sign, or a Latin word; and every
 * boundary where a prohibited character would start or end a line. */
static bool *violations(const char *s, size_t len)
{
	struct decoded d = decode(s, len);
	bool *bad = calloc(len + 1, sizeof *bad);

	assert_non_null(bad);
	for (size_t i = 0; i < d.n; i++) {
		uint32_t c = d.cp[i], next = i + 1 < d.n ? d.cp[i + 1] : 0;
		bool sign_before_digit = (c == 0xFFE5 || c == '$' || c == 0x20AC || c == 0x00A5 ||
		                          c == '+' || c == '-') && is_digit(next);

		if (i > 0 && in_list(c, no_start, COUNT(no_start)))
			bad[d.at[i]] = true;
		if (i + 1 < d.n && in_list(c, no_end, COUNT(no_end)))
			bad[d.at[i + 1]] = true;
		if (c == next && (c == 0x2014 || c == 0x2026 || c == 0x22EF))
			bad[d.at[i + 1]] = true;
		if (is_letter(c) && is_letter(next))
			bad[d.at[i + 1]] = true;
		if ((is_digit(c) && (i == 0 || !is_digit(d.cp[i - 1]))) || sign_before_digit) {
			size_t end = number_span(s, &d, i);
			glue_span(bad, &d, i, end);
		}
	}
	free(d.cp);
	free(d.at);
	return bad;
}

/* ---- the checks ---- */

struct layout {
	const char *s;
	size_t len;
	const float *adv;
	const char *brks;
	const bool *bad;
	float width;
	const linebreak_line *lines;
	size_t n;
};

static bool allowed_at(const struct layout *l, size_t b)
{
	return l->brks[b - 1] == LINEBREAK_ALLOW && lbt_cluster_boundary(l->s, l->len, l->adv, b);
}

/* The end of the paragraph of line k. */
static size_t paragraph_end(const struct layout *l, size_t k)
{
	while (k + 1 < l->n && l->lines[k + 1].start == l->lines[k].end)
		k++;
	return l->lines[k].end;
}

/* The first allowed break after b, or the paragraph end pe. */
static size_t next_allowed(const struct layout *l, size_t b, size_t pe)
{
	for (size_t i = b + 1; i < pe; i++) {
		if (allowed_at(l, i))
			return i;
	}
	return pe;
}

static float width_of(const struct layout *l, size_t start, size_t end)
{
	size_t clusters;

	return lbt_width(l->s, l->len, l->adv, start, end, &clusters);
}

static void fail_at(const struct layout *l, size_t k, const char *why)
{
	fail_msg("%s: width %.1f, line %zu \"%.*s\" | \"%.*s\" of \"%s\"", why, (double)l->width, k,
	         (int)(l->lines[k].end - l->lines[k].start), l->s + l->lines[k].start,
	         (int)(l->lines[k + 1].end - l->lines[k + 1].start), l->s + l->lines[k + 1].start,
	         l->s);
}

/* The soft break after line k. */
static void check_break(const struct layout *l, size_t k)
{
	size_t start = l->lines[k].start, e = l->lines[k].end, pe = paragraph_end(l, k);

	if (l->brks[e - 1] == LINEBREAK_ALLOW) {
		if (width_of(l, start, next_allowed(l, e, pe)) <= l->width)
			fail_at(l, k, "not greedy");
		return;
	}
	for (size_t b = start + 1; b < e; b++) {
		if (allowed_at(l, b))
			fail_at(l, k, "forced break in a line with an allowed one");
	}
	if (width_of(l, start, next_allowed(l, e, pe)) <= l->width)
		fail_at(l, k, "forced break in a run that fits");
}

static void check_rules(const struct layout *l, size_t k)
{
	size_t e = l->lines[k].end;

	if (l->bad[e] && l->brks[e - 1] == LINEBREAK_ALLOW)
		fail_at(l, k, "rule broken at an allowed break");
}

static void check_reassembly(const struct layout *l)
{
	char *copy = malloc(l->len + 1);
	size_t at = 0;

	assert_non_null(copy);
	for (size_t k = 0; k < l->n; k++) {
		size_t gap_end = k + 1 < l->n ? l->lines[k + 1].start : l->len;
		memcpy(copy + at, l->s + l->lines[k].start, l->lines[k].end - l->lines[k].start);
		at += l->lines[k].end - l->lines[k].start;
		memcpy(copy + at, l->s + l->lines[k].end, gap_end - l->lines[k].end); /* newline bytes */
		at += gap_end - l->lines[k].end;
	}
	assert_int_equal(at, l->len);
	assert_memory_equal(copy, l->s, l->len);
	free(copy);
}

static void check_note(const char *s, size_t *forced_total)
{
	size_t len = strlen(s);
	float *adv = malloc((len + 1) * sizeof *adv);
	char *brks = malloc(len + 1);
	bool *bad = violations(s, len);

	assert_non_null(adv);
	assert_non_null(brks);
	lbt_advances(s, len, adv);
	linebreak_opportunities(s, len, brks);
	for (size_t b = 1; b < len; b++) {
		if (bad[b] && brks[b - 1] == LINEBREAK_ALLOW)
			fail_msg("break allowed at byte %zu of \"%s\"", b, s);
	}
	for (float w = 1.0f; w <= 40.0f; w += 0.5f) {
		struct layout l = { s, len, adv, brks, bad, w, NULL, 0 };
		linebreak_line *lines = lbt_fill(s, len, adv, w, &l.n);

		l.lines = lines;
		lbt_check_lines(s, len, adv, w, lines, l.n);
		check_reassembly(&l);
		for (size_t k = 0; k + 1 < l.n; k++) {
			if (lines[k + 1].start != lines[k].end)
				continue; /* a hard break */
			check_break(&l, k);
			check_rules(&l, k);
			*forced_total += brks[lines[k].end - 1] != LINEBREAK_ALLOW;
		}
		free(lines);
	}
	free(bad);
	free(brks);
	free(adv);
}

static void test_corpus(void **state)
{
	size_t forced = 0;

	(void)state;
	assert_true(COUNT(notes) >= 60);
	for (size_t i = 0; i < COUNT(notes); i++)
		check_note(notes[i], &forced);
	/* Narrow widths do force some breaks: the checks above have met them. */
	assert_true(forced > 0);
}

/* The rules of this test catch what they should (a check of the checker). */
static void test_violations_reader(void **state)
{
	const char *s = "我们，“你”3.5公里——5km";
	bool *bad = violations(s, strlen(s));

	(void)state;
	assert_true(bad[strlen("我们")]);                /* before ， */
	assert_true(bad[strlen("我们，“")]);             /* after “ */
	assert_true(bad[strlen("我们，“你")]);           /* before ” */
	assert_true(bad[strlen("我们，“你”3")]);         /* 3|. */
	assert_true(bad[strlen("我们，“你”3.5公")]);     /* 公|里 */
	assert_true(bad[strlen("我们，“你”3.5公里—")]);  /* —|— */
	assert_true(bad[strlen("我们，“你”3.5公里——5k")]);
	assert_false(bad[strlen("我")]);
	assert_false(bad[strlen("我们，")]);
	assert_false(bad[strlen("我们，“你”3.5公里")]);
	free(bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_violations_reader),
		cmocka_unit_test(test_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
