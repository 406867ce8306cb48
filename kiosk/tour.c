/* tour.c — the headless tour: every screen of the demo, as PNG files.
 *
 * `make run` on a machine without a display still shows what the kiosk
 * looks like. The tour writes one pending note to the demo store and the
 * operator rejects it at the end, so the demo stays as it was. */
#include "script.h"

static const char tour[] =
	"screenshot 01-feed\n"
	"press browse\n"
	"screenshot 02-browse\n"
	"press back\n"
	"press write\n"
	"screenshot 03-mood\n"
	"press mood_calm\n"
	"text 下雨了，车里很安静。\\n谢谢师傅，一路平安。\n"
	"edit ni hao\n"
	"screenshot 04-compose\n"
	"edit\n"
	"press submit\n"
	"screenshot 05-thanks\n"
	"wait 10000\n"
	"longpress 1% 1% 1600\n"
	"longpress 99% 1% 1600\n"
	"press key_t\npress key_r\npress key_e\npress key_e\npress key_h\npress key_o\n"
	"press key_l\npress key_e\npress key_sym\npress key_-\npress key_sym\npress key_d\n"
	"press key_e\npress key_m\npress key_o\n"
	"screenshot 06-operator-login\n"
	"press unlock\n"
	"screenshot 07-operator-queue\n"
	"press reject\n"
	"press lock\n"
	"expect screen feed\n";

script *script_tour(const char *shot_dir)
{
	return script_from_text(tour, "tour", shot_dir);
}
