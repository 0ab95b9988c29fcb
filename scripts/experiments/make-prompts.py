#!/usr/bin/env python3
"""Writes N distinct, deterministic instruction prompts (JSONL: {"id", "prompt"}) for experiments.
Usage: make-prompts.py N OFFSET > prompts.jsonl. All 500 prompts are shuffled once (fixed seed);
the file holds prompts OFFSET ..< OFFSET+N, so non-overlapping ranges give disjoint sets."""
import json
import random
import sys

TASKS = [
    "Explain {t} to a curious twelve-year-old.", "Write a short story about {t}.",
    "Give three practical tips about {t}.", "Describe the history of {t} in a paragraph.",
    "What are the pros and cons of {t}?", "Write a friendly email inviting a colleague to learn about {t}.",
    "Summarize the main ideas behind {t}.", "Write a short poem about {t}.",
    "Compare {t} with something from everyday life.", "What common mistakes do people make about {t}?",
]
TOPICS = [
    "the water cycle", "volcanoes", "bread baking", "the stock market", "honeybees", "black holes",
    "recycling", "the Roman empire", "photosynthesis", "electric cars", "chess openings", "sleep",
    "the human heart", "rainforests", "jazz music", "the printing press", "vaccines", "tides",
    "solar panels", "friendship", "city gardens", "the moon landing", "coral reefs", "coffee",
    "learning a language", "earthquakes", "the internet", "penguins", "public libraries",
    "time management", "bicycles", "the periodic table", "glaciers", "cooking rice", "dinosaurs",
    "renewable energy", "the Silk Road", "origami", "lighthouses", "mushrooms", "trains",
    "rain", "mountains", "the alphabet", "clocks", "bridges", "markets", "maps", "kites", "snow",
]


def main():
    n, offset = int(sys.argv[1]), int(sys.argv[2])
    pairs = [(t, p) for t in TASKS for p in TOPICS]
    random.Random(0).shuffle(pairs)
    if offset + n > len(pairs):
        sys.exit(f"only {len(pairs)} distinct prompts")
    for i in range(offset, offset + n):
        task, topic = pairs[i]
        print(json.dumps({"id": f"p{i}", "prompt": task.format(t=topic)}))


if __name__ == "__main__":
    main()
