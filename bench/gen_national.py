#!/usr/bin/env python3
"""The national data set (issue 17, point 1): one plan document per organisation, for up to all
1,741 municipalities, seeded so that two runs with the same arguments write the same files.

Each organisation gets a valid 全国地方公共団体コード (two digits of its prefecture, three of the
municipality, the check digit: 11 minus the weighted sum 6,5,4,3,2 modulo 11, its last digit),
prefectures in the proportions of the real ones (北海道 179 … 沖縄県 41, 1,741 in all), a name,
a population, ten departments and one published action plan: 3 pillars of themes with MEASURES
measures, each with KPIS KPIs of MEASUREMENTS values (monthly, the latest first-of-month back),
REVIEWS quarterly reviews and the words of real reform plans (窓口, 書かない窓口, マイナンバーカード,
RPA, 電子申請 …) mixed so that a search finds some measures of each plan and not all.

Opinions (意見) are not part of a plan document: `--opinions N` also writes opinions.tsv (org
code, measure code, text), N per organisation, for the benchmark to add (bench/national.py).
OUTDIR/orgs.txt lists the codes in the order written: the first N of them are the set of N.

Usage: bench/gen_national.py [--orgs 1741] [--measures 60] [--kpis 3] [--measurements 12]
                             [--reviews 4] [--opinions 5] [--seed 1] OUTDIR
Writes OUTDIR/NNNNNN.json per organisation, OUTDIR/orgs.txt and OUTDIR/opinions.tsv; prints the
totals as JSON."""
import argparse
import json
import os
import random

# Municipalities per prefecture (市区町村, the 23 special wards of Tokyo included): 1,741 in all.
PREFECTURES = [
    ("北海道", 179), ("青森県", 40), ("岩手県", 33), ("宮城県", 35), ("秋田県", 25), ("山形県", 35),
    ("福島県", 59), ("茨城県", 44), ("栃木県", 25), ("群馬県", 35), ("埼玉県", 63), ("千葉県", 54),
    ("東京都", 62), ("神奈川県", 33), ("新潟県", 30), ("富山県", 15), ("石川県", 19), ("福井県", 17),
    ("山梨県", 27), ("長野県", 77), ("岐阜県", 42), ("静岡県", 35), ("愛知県", 54), ("三重県", 29),
    ("滋賀県", 19), ("京都府", 26), ("大阪府", 43), ("兵庫県", 41), ("奈良県", 39), ("和歌山県", 30),
    ("鳥取県", 19), ("島根県", 19), ("岡山県", 27), ("広島県", 23), ("山口県", 19), ("徳島県", 24),
    ("香川県", 17), ("愛媛県", 20), ("高知県", 34), ("福岡県", 60), ("佐賀県", 20), ("長崎県", 21),
    ("熊本県", 45), ("大分県", 18), ("宮崎県", 26), ("鹿児島県", 43), ("沖縄県", 41),
]
assert sum(n for _, n in PREFECTURES) == 1741

PLACE = "東西南北上下中新本若松竹梅桜川山田原野沢浜津島橋森林宮岡崎谷瀬坂池石井村"
DEPARTMENTS = ["総務課", "企画政策課", "財政課", "市民課", "税務課", "福祉課", "子育て支援課", "健康推進課",
               "都市計画課", "デジタル推進課"]
PILLARS = [("職員の働き方改革", ["業務の効率化", "人材育成", "働く環境の整備"]),
           ("市民サービスの利便性向上", ["手続のオンライン化", "窓口サービスの改善", "マイナンバーカードの利用拡大"]),
           ("持続可能な行政運営", ["財政の健全化", "公共施設の最適化", "データ活用"])]
SUBJECTS = ["窓口", "書かない窓口", "電子申請", "マイナンバーカード", "RPA", "AI-OCR", "文書管理", "電子決裁",
            "テレワーク", "キャッシュレス決済", "オープンデータ", "公共施設予約", "ペーパーレス会議", "チャットボット",
            "コンビニ交付", "生成AI", "庁内ネットワーク", "業務量調査", "人事評価", "ふるさと納税"]
VERBS = ["の導入", "の拡充", "の推進", "による業務改善", "の見直し", "の利用促進"]
# The shared category (共通カテゴリ) an office would confirm for a subject, where there is one.
CATEGORIES = {"書かない窓口": "no_writing_counter", "電子申請": "online_application", "RPA": "rpa", "AI-OCR": "ai_ocr",
              "電子決裁": "e_approval", "キャッシュレス決済": "cashless", "コンビニ交付": "convenience_store",
              "生成AI": "generative_ai", "テレワーク": "telework", "ペーパーレス会議": "paperless"}
MEANS = ["書かない窓口", "オンライン申請", "RPA", "AI-OCR", "電子決裁", "キャッシュレス決済", "ペーパーレス化",
         "テレワーク", "オープンデータ", "チャットボット"]
UNITS = [("%", "increase", 0, 100), ("件", "increase", 100, 5000), ("時間", "decrease", 2000, 500),
         ("人", "increase", 10, 300), ("分", "decrease", 30, 10)]
RATINGS = ["on_track", "on_track", "on_track", "delayed", "seriously_delayed", "mostly_on_track"]


def check_digit(code5):
    s = sum(int(c) * w for c, w in zip(code5, (6, 5, 4, 3, 2)))
    return (11 - s % 11) % 10


def org_codes(n, rnd):
    """The first n organisations, taken from every prefecture in turn so that any n covers many."""
    lists = []
    for p, (pref, count) in enumerate(PREFECTURES, start=1):
        codes = [f"{p:02d}{200 + k:03d}" if k < count // 3 else f"{p:02d}{300 + k:03d}" for k in range(count)]
        lists.append([(pref, c + str(check_digit(c))) for c in codes])
    out, i = [], 0
    while len(out) < n:
        for lst in lists:
            if i < len(lst) and len(out) < n:
                out.append(lst[i])
        i += 1
    return out


def month_ends(count):
    """count month-end dates back from 2026-09-30, oldest first."""
    y, m, v = 2026, 9, []
    for _ in range(count):
        last = [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        v.append(f"{y:04d}-{m:02d}-{last:02d}")
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    return v[::-1]


def plan_doc(pref, code, index, a, rnd):
    name = "".join(rnd.choice(PLACE) for _ in range(2)) + ("市" if code[2] == "2" else "町")
    depts = [{"code": f"d{i + 1:02d}", "name": d} for i, d in enumerate(DEPARTMENTS)]
    dates = month_ends(a.measurements)
    pillars, number = [], 0
    per_theme = max(1, -(-a.measures // 9))
    for pi, (ptitle, themes) in enumerate(PILLARS, start=1):
        tv = []
        for ti, ttitle in enumerate(themes, start=1):
            mv = []
            for _ in range(per_theme):
                if number == a.measures:
                    break
                number += 1
                subject = rnd.choice(SUBJECTS)
                title = subject + rnd.choice(VERBS)
                kpis = []
                for k in range(a.kpis):
                    unit, direction, base, target = UNITS[(number + k) % len(UNITS)]
                    step = (target - base) / max(1, a.measurements)
                    values = [{"period": d, "value": round(base + step * (j + 1) * rnd.uniform(0.6, 1.2), 1)}
                              for j, d in enumerate(dates)]
                    kpis.append({"name": f"{subject}の{['利用率', '件数', '削減時間', '参加者数', '処理時間'][(number + k) % 5]}{k + 1}",
                                 "unit": unit, "direction": direction, "perspective": "citizen" if k % 2 == 0 else "staff",
                                 "baseline": {"value": base, "fy": 2024}, "target": {"value": target, "fy": 2027},
                                 "measurements": values})
                reviews = []
                for q in range(a.reviews):
                    fy, quarter = 2025 + q // 4, q % 4 + 1
                    reviews.append({"fy": fy, "quarter": quarter, "rating": rnd.choice(RATINGS),
                                    "text": f"{subject}について第{quarter}四半期の取組を実施した。"})
                mv.append({"code": str(number), "title": title,
                           "departments": [DEPARTMENTS[number % len(DEPARTMENTS)]],
                           "current": f"{subject}に関する手続は紙と対面が中心で、職員の事務負担が大きい。" * 2,
                           "ideal": f"{subject}を活用し、市民が来庁せずに手続を終えられる。" * 2,
                           "status": "active", "means": [MEANS[number % len(MEANS)]],
                           "schedule": [{"fy": 2025, "items": ["検討", "試行"]}, {"fy": 2026, "items": ["本格実施"]}],
                           "progress": [{"fy": 2024, "items": ["先進地視察"]}],
                           "reviews": reviews, "kpis": kpis})
                if subject in CATEGORIES:
                    mv[-1]["categories"] = [CATEGORIES[subject]]
            tv.append({"code": f"({ti})", "title": ttitle, "measures": mv})
        pillars.append({"code": str(pi), "title": ptitle, "themes": tv})
    return {"format": "kawaru-plan/1",
            "org": {"code": code, "name": name, "prefecture": pref, "population": rnd.randint(800, 900000)},
            "departments": depts,
            "plans": [{"title": f"{name}行政改革・DX推進計画", "kind": "action_plan", "version": "1.0",
                       "published": "2025-04-01", "period": {"from_fy": 2025, "to_fy": 2027},
                       "pillars": pillars}]}, number


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--orgs", type=int, default=1741)
    ap.add_argument("--measures", type=int, default=60)
    ap.add_argument("--kpis", type=int, default=3)
    ap.add_argument("--measurements", type=int, default=12)
    ap.add_argument("--reviews", type=int, default=4)
    ap.add_argument("--opinions", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("outdir")
    a = ap.parse_args()
    if not 1 <= a.orgs <= 1741:
        ap.error("--orgs must be between 1 and 1741")
    os.makedirs(a.outdir, exist_ok=True)
    rnd = random.Random(a.seed)
    totals = {"organisations": 0, "measures": 0, "kpis": 0, "measurements": 0, "reviews": 0, "opinions": 0, "bytes": 0}
    with open(os.path.join(a.outdir, "opinions.tsv"), "w", encoding="utf-8") as op, \
            open(os.path.join(a.outdir, "orgs.txt"), "w", encoding="utf-8") as order:
        for i, (pref, code) in enumerate(org_codes(a.orgs, rnd)):
            order.write(code + "\n")
            doc, nm = plan_doc(pref, code, i, a, rnd)
            text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
            with open(os.path.join(a.outdir, code + ".json"), "w", encoding="utf-8") as f:
                f.write(text)
            for k in range(a.opinions if nm else 0):
                op.write(f"{code}\t{rnd.randint(1, nm)}\t窓口の待ち時間が長いので、オンラインで済ませたい（意見{k + 1}）。\n")
            totals["organisations"] += 1
            totals["measures"] += nm
            totals["kpis"] += nm * a.kpis
            totals["measurements"] += nm * a.kpis * a.measurements
            totals["reviews"] += nm * a.reviews
            totals["opinions"] += a.opinions if nm else 0
            totals["bytes"] += len(text.encode())
    print(json.dumps(totals))


if __name__ == "__main__":
    main()
