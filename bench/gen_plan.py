#!/usr/bin/env python3
"""Writes a synthetic plan document with N measures (default 50), each with a KPI and a few
measurements, for benchmarks: `bench/gen_plan.py 50 > plan.json`."""
import json, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
depts = [{"code": f"dept{i}", "name": f"第{i}課"} for i in range(1, 11)]
measures = []
for i in range(1, n + 1):
    measures.append({
        "code": f"1-1-{i}", "title": f"ベンチマーク施策{i}（窓口・オンライン申請）",
        "departments": [depts[i % 10]["name"]], "current": "現状の説明文。" * 3, "ideal": "理想の説明文。" * 3,
        "status": "active", "means": ["オンライン申請"],
        "schedule": [{"fy": 2024, "items": ["検討"]}, {"fy": 2025, "items": ["導入"]}],
        "progress": [{"fy": 2024, "items": ["先進地視察"]}],
        "kpis": [{"name": f"指標{i}", "unit": "%", "direction": "increase", "perspective": "citizen",
                  "baseline": {"value": 0, "fy": 2024}, "target": {"value": 100, "fy": 2026},
                  "measurements": [{"period": "2025-03-31", "value": 20 + i % 30},
                                   {"period": "2025-09-30", "value": 30 + i % 40}]}],
    })
doc = {"format": "kawaru-plan/1", "org": {"code": "999997", "name": "ベンチ市", "prefecture": "ベンチ県"},
       "departments": depts,
       "plans": [{"title": "ベンチマーク計画", "kind": "action_plan", "version": "1.0", "published": "2024-04-01",
                  "period": {"from_fy": 2024, "to_fy": 2026},
                  "pillars": [{"code": "1", "title": "柱", "themes": [{"code": "①", "title": "テーマ", "measures": measures}]}]}]}
json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
