#!/usr/bin/env python3
"""make_strokes.py — writes the stroke sets of tests/input/strokes/*.json.

They are not recordings of a real finger (none was at hand) but made to
look like one, so that anyone can see and change how. Each character is drawn from a few key points per stroke, in the standard
stroke order and direction (GB 13000.1 stroke order: 横 left to right, 竖
top down, 撇 down-left, 捺 down-right, hooks last). A finger on a 300x300
pad is imitated: the path through the key points is a Catmull-Rom curve,
each straight stretch bows a little, the finger moves slowly at both ends
of a stroke and fast in the middle (so samples crowd at the ends, as touch
events do at 60-120 Hz), and every sample wanders by a pixel or two.

Not here: 好. Its 女 in the school order (撇点, 撇, 横) is never among
Zinnia's 50 best with the Debian model, which learnt 女 横 first; see
input/hwr.h.

The output is deterministic (one seed per character), so the files only
change when this script does. Run it from anywhere:
    python3 tests/input/strokes/make_strokes.py
"""
import json
import math
import os
import random

BOX = 300

# Key points per stroke, in writing order, traced over the glyphs of LXGW
# WenKai (a Kai face: the shapes a person is taught to write) drawn with a
# 300 px em, y down. A stroke with a sharp turn (e.g. 横折) lists the corner
# twice so the curve makes a corner there rather than a round bend.
CHARS = {
    "yi": ("一", [[(20, 125), (150, 118), (275, 117)]]),
    "er": ("二", [[(60, 62), (140, 57), (225, 57)],
                  [(20, 205), (150, 196), (280, 192)]]),
    "san": ("三", [[(55, 45), (150, 38), (240, 37)],
                   [(75, 128), (150, 122), (225, 121)],
                   [(20, 222), (150, 213), (280, 212)]]),
    "shi": ("十", [[(25, 112), (150, 106), (275, 104)],
                   [(150, 5), (152, 130), (155, 255)]]),
    "ren": ("人", [[(148, 8), (145, 80), (110, 170), (15, 250)],
                   [(140, 98), (200, 188), (285, 245)]]),
    "da": ("大", [[(35, 92), (150, 88), (265, 85)],
                  [(150, 5), (148, 100), (100, 180), (15, 250)],
                  [(152, 102), (210, 185), (285, 245)]]),
    "zhong": ("中", [[(50, 60), (55, 112), (60, 165)],
                     [(50, 60), (250, 55), (250, 55), (255, 150)],
                     [(60, 157), (150, 153), (255, 150)],
                     [(145, 5), (145, 130), (145, 265)]]),
    "kou": ("口", [[(60, 50), (70, 140), (80, 225)],
                   [(60, 50), (240, 45), (240, 45), (235, 195)],
                   [(85, 192), (160, 191), (235, 190)]]),
    "ri": ("日", [[(70, 25), (75, 140), (80, 250)],
                  [(70, 25), (225, 20), (225, 20), (222, 225)],
                  [(85, 130), (150, 128), (220, 125)],
                  [(85, 225), (150, 224), (222, 222)]]),
    "mu": ("木", [[(40, 78), (150, 70), (250, 65)],
                  [(140, 0), (140, 130), (140, 260)],
                  [(135, 80), (90, 140), (20, 220)],
                  [(145, 80), (210, 150), (285, 200)]]),
    "xin": ("心", [[(55, 100), (40, 145), (25, 190)],
                   [(100, 45), (110, 175), (160, 220), (230, 225), (230, 225), (245, 195)],
                   [(120, 30), (150, 58), (175, 85)],
                   [(220, 95), (250, 130), (280, 165)]]),
    "ni": ("你", [[(110, 5), (70, 90), (12, 150)],
                  [(80, 65), (80, 160), (80, 255)],
                  [(190, 5), (170, 55), (140, 100)],
                  [(150, 60), (270, 50), (270, 50), (240, 110)],
                  [(200, 80), (200, 180), (198, 255), (198, 255), (170, 228)],
                  [(140, 125), (120, 170), (95, 215)],
                  [(225, 130), (255, 165), (280, 200)]]),
    "wo": ("我", [[(145, 18), (100, 42), (50, 60)],
                  [(25, 95), (150, 90), (270, 85)],
                  [(100, 35), (100, 140), (100, 245), (100, 245), (60, 225)],
                  [(30, 180), (95, 160), (160, 140)],
                  [(160, 5), (180, 130), (230, 210), (270, 245), (270, 245), (272, 190)],
                  [(240, 110), (190, 170), (140, 230)],
                  [(205, 30), (222, 50), (240, 70)]]),
}

# Glyph centre in the traced coordinates: the Kai face sits high in its em.
GLYPH_CX, GLYPH_CY = 150, 135


def place(strokes, rnd):
    """A writer's own size and position: 82-94 % of the glyph, centred
    within a dozen pixels of the box centre."""
    s = rnd.uniform(0.82, 0.94)
    ox, oy = 150 + rnd.uniform(-12, 12), 150 + rnd.uniform(-12, 12)
    return [[(ox + (x - GLYPH_CX) * s, oy + (y - GLYPH_CY) * s) for x, y in st] for st in strokes]


def catmull(p0, p1, p2, p3, t):
    t2, t3 = t * t, t * t * t
    return tuple(0.5 * ((2 * p1[i]) + (-p0[i] + p2[i]) * t +
                        (2 * p0[i] - 5 * p1[i] + 4 * p2[i] - p3[i]) * t2 +
                        (-p0[i] + 3 * p1[i] - 3 * p2[i] + p3[i]) * t3) for i in range(2))


def dense_path(keys):
    """A fine polyline through the key points (about 1 px apart)."""
    pts = [keys[0]]
    k = [keys[0]] + keys + [keys[-1]]
    for i in range(1, len(k) - 2):
        seg = math.dist(k[i], k[i + 1])
        steps = max(1, int(seg))
        for s in range(1, steps + 1):
            pts.append(catmull(k[i - 1], k[i], k[i + 1], k[i + 2], s / steps))
    return pts


def bow(path, rnd):
    """Bends the stroke a little sideways, as a wrist does."""
    n = len(path)
    if n < 3:
        return path
    amp = rnd.uniform(-4, 4)
    (x0, y0), (x1, y1) = path[0], path[-1]
    length = math.hypot(x1 - x0, y1 - y0) or 1
    nx, ny = -(y1 - y0) / length, (x1 - x0) / length
    return [(x + nx * amp * math.sin(math.pi * i / (n - 1)),
             y + ny * amp * math.sin(math.pi * i / (n - 1))) for i, (x, y) in enumerate(path)]


def sample(path, rnd):
    """Touch samples: close together where the finger is slow (the ends)."""
    cum = [0.0]
    for a, b in zip(path, path[1:]):
        cum.append(cum[-1] + math.dist(a, b))
    total = cum[-1]
    out, pos, j = [], 0.0, 0
    peak = rnd.uniform(7, 11)
    while pos < total:
        while j + 1 < len(cum) and cum[j + 1] < pos:
            j += 1
        a, b = path[j], path[min(j + 1, len(path) - 1)]
        seg = (cum[j + 1] - cum[j]) if j + 1 < len(cum) else 1
        f = (pos - cum[j]) / seg if seg else 0
        out.append((a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f))
        u = pos / total
        pos += 1.5 + peak * math.sin(math.pi * u) ** 2
    out.append(path[-1])
    return out


def wander(points, rnd):
    phase, freq, amp = rnd.uniform(0, 6.3), rnd.uniform(0.2, 0.5), rnd.uniform(0.5, 1.5)
    res = []
    for i, (x, y) in enumerate(points):
        dx = amp * math.sin(phase + freq * i) + rnd.gauss(0, 0.6)
        dy = amp * math.cos(phase * 1.3 + freq * i) + rnd.gauss(0, 0.6)
        p = [min(BOX - 1, max(0, round(x + dx))), min(BOX - 1, max(0, round(y + dy)))]
        if not res or res[-1] != p:
            res.append(p)
    return res


def stroke(keys, rnd):
    return wander(sample(bow(dense_path(keys), rnd), rnd), rnd)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    for seed, (name, (char, strokes)) in enumerate(sorted(CHARS.items())):
        rnd = random.Random(1000 + seed)
        doc = {"char": char, "width": BOX, "height": BOX,
               "strokes": [stroke(s, rnd) for s in place(strokes, rnd)]}
        with open(os.path.join(here, name + ".json"), "w", encoding="utf-8") as f:
            f.write('{"char": %s, "width": %d, "height": %d, "strokes": [\n' %
                    (json.dumps(char, ensure_ascii=False), BOX, BOX))
            f.write(",\n".join("  " + json.dumps(s, separators=(",", ":")) for s in doc["strokes"]))
            f.write("\n]}\n")


if __name__ == "__main__":
    main()
