/* demo.c — the demo store's sample notes and how it is made. */
#include "demo.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "demo_ink.h"

typedef struct demo_note {
	int days_ago;
	note_mood mood;
	const char *text;
} demo_note;

/* What passengers and passersby might leave in the notebook. */
static const demo_note demo_notes[] = {
	{ 0, NOTE_MOOD_TIRED,
	  "加班到十一点，在车上差点睡着。\n"
	  "谢谢师傅把空调调小了，也没放广播。这二十分钟是我今天唯一安静的时候。" },
	{ 0, NOTE_MOOD_GRATEFUL,
	  "师傅，我看你一直在揉眼睛。\n这么晚还送我回家，谢谢你。早点收车，路上慢点。" },
	{ 1, NOTE_MOOD_ANXIOUS,
	  "下个月就要结婚了，所有人都说我该开心。\n"
	  "可我每天晚上都睡不着，怕自己没准备好，怕以后吵架，怕变成我爸妈那样。\n"
	  "有人也这样吗？" },
	{ 1, NOTE_MOOD_HAPPY,
	  "今天发工资了！第一次自己挣的钱。\n"
	  "给妈妈买了一条围巾，她嘴上说浪费，一路都没舍得摘下来。" },
	{ 2, NOTE_MOOD_SAD,
	  "奶奶住院第三天了。\n她总是问我吃饭了没有，好像生病的是我一样。\n"
	  "我在医院楼下站了很久才敢上去。" },
	{ 3, NOTE_MOOD_HOPEFUL,
	  "明天早上九点出高考成绩。\n不管考成什么样，我都想先好好睡一觉。愿我们都能去想去的地方。" },
	{ 3, NOTE_MOOD_CALM, "下雪了，今年的第一场雪。\n车窗外白茫茫的，整座城市都慢了下来。" },
	{ 4, NOTE_MOOD_HOPEFUL,
	  "刚面试完，感觉还不错。如果能收到录用通知，就把老家的爸妈接过来，看看这座城市。" },
	{ 5, NOTE_MOOD_SAD, "和最好的朋友吵架了，为了一件很小的事。\n想道歉，又拉不下脸。明天一定先开口。" },
	{ 6, NOTE_MOOD_CALM, "地铁上有个小朋友一直冲我笑，我也对他笑了。\n就这样，挺好的。" },
	{ 8, NOTE_MOOD_GRATEFUL,
	  "谢谢在本子上写下“你已经很努力了”的那个陌生人。\n我哭了一会儿，然后觉得好多了。" },
	{ 11, NOTE_MOOD_HAPPY, "考研上岸了！！！\n三百多个早上六点的闹钟，值了。" },
};

#define DEMO_COUNT (sizeof demo_notes / sizeof demo_notes[0])

/* Writes each note on its own day in the recent past, then approves it. */
static status seed(store *s, int32_t today)
{
	status st = STATUS_OK;

	for (size_t i = 0; i < DEMO_COUNT && !st; i++) {
		const demo_note *d = &demo_notes[i];
		note_id id;
		store_set_today(s, today - d->days_ago);
		st = store_submit_text(s, d->mood, d->text, strlen(d->text), &id);
		if (!st)
			st = store_approve(s, &id);
	}
	return st;
}

static void remove_store_files(const char *path)
{
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char name[4096];

	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		if (snprintf(name, sizeof name, "%s%s", path, suffixes[i]) < (int)sizeof name)
			unlink(name);
	}
}

status demo_create(const char *path, int32_t today, store **out)
{
	store_create_opts opts = { .feed_delay_days = 0, .kdf = vault_kdf_interactive() };
	const char *pass = DEMO_PASSPHRASE;
	store *s = NULL;
	status st;

	*out = NULL;
	st = store_create(path, pass, strlen(pass), &opts, &s);
	if (st)
		return st;
	if (today >= 0)
		store_set_today(s, today);
	st = store_unlock(s, pass, strlen(pass));
	int32_t day = store_today(s); /* seed() moves the store's day */
	if (!st)
		st = seed(s, day);
	if (!st)
		st = demo_ink_seed(s, day);
	store_set_today(s, today);
	store_lock(s);
	if (st) {
		store_close(s);
		remove_store_files(path);
		return st;
	}
	*out = s;
	return STATUS_OK;
}

status demo_open(const char *path, store **out)
{
	const char *pass = DEMO_PASSPHRASE;
	store *s = NULL;
	status st;

	*out = NULL;
	st = store_open(path, STORE_OPEN_READ_WRITE, &s);
	if (!st)
		st = store_unlock(s, pass, strlen(pass));
	if (st) {
		store_close(s);
		return st;
	}
	store_lock(s);
	*out = s;
	return STATUS_OK;
}
