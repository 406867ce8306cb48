/* tour.c — the headless tour: every screen of the demo, as PNG files.
 *
 * `make run` on a machine without a display still shows what the kiosk
 * looks like. The tour writes one pending note to the demo store (a face
 * is drawn on the handwriting page and wiped first) and the operator
 * rejects it at the end, so the demo stays as it was. */
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
	/* a face drawn on the handwriting page, then wiped: the typed note
	 * is the one sealed */
	"press ink\n"
	"stroke 45% 30.6% 47.3% 31.1% 49.5% 32.5% 51.4% 34.8% 52.8% 37.8% 53.7% 41.3% 54% 45% "
	"53.7% 48.7% 52.8% 52.2% 51.4% 55.2% 49.5% 57.5% 47.3% 58.9% 45% 59.4% 42.7% 58.9% "
	"40.5% 57.5% 38.6% 55.2% 37.2% 52.2% 36.3% 48.7% 36% 45% 36.3% 41.3% 37.2% 37.8% "
	"38.6% 34.8% 40.5% 32.5% 42.7% 31.1% 45% 30.6%\n"
	"stroke 42% 40%\n"
	"stroke 48% 40%\n"
	"press pen_3\n"
	"stroke 49.5% 50.6% 48.7% 52.4% 47.6% 53.8% 46.4% 54.7% 45% 55% 43.6% 54.7% 42.4% 53.8% "
	"41.3% 52.4% 40.5% 50.6%\n"
	"screenshot 05-handwriting\n"
	"press clear\n"
	"press ink\n"
	"press submit\n"
	"screenshot 06-thanks\n"
	"wait 10000\n"
	"longpress 1% 1% 1600\n"
	"longpress 99% 1% 1600\n"
	"press key_t\npress key_r\npress key_e\npress key_e\npress key_h\npress key_o\n"
	"press key_l\npress key_e\npress key_sym\npress key_-\npress key_sym\npress key_d\n"
	"press key_e\npress key_m\npress key_o\n"
	"screenshot 07-operator-login\n"
	"press unlock\n"
	"screenshot 08-operator-queue\n"
	"press reject\n"
	"press lock\n"
	"expect screen feed\n";

script *script_tour(const char *shot_dir)
{
	return script_from_text(tour, "tour", shot_dir);
}
