#!/usr/bin/env python3
"""Builds the tokenizer parity corpus (>= 1 MB of varied text) deterministically.

Sources: license texts shipped by Debian (/usr/share/common-licenses: English prose, verbatim
copying permitted), Python standard-library source (PSF licence), Swift toolchain module
interfaces (Apache-2.0), and generated text: numbers and dates, whitespace runs, CJK, emoji and
ZWJ sequences, combining marks, right-to-left scripts, control characters.

Output: a list of documents written as JSON lines (one JSON string per line), gzip-compressed.
"""
import glob, gzip, json, os, random, sys, sysconfig

rng = random.Random(20240601)
docs = []

def add_chunks(text, lo=300, hi=4000):
    i = 0
    while i < len(text):
        n = rng.randint(lo, hi)
        docs.append(text[i:i + n])
        i += n

for name in ["GPL-3", "Apache-2.0", "GFDL-1.3", "MPL-2.0", "Artistic", "LGPL-2.1"]:
    p = os.path.join("/usr/share/common-licenses", name)
    if os.path.exists(p):
        add_chunks(open(p, encoding="utf-8", errors="replace").read())

stdlib = sysconfig.get_paths()["stdlib"]
for rel in ["textwrap.py", "heapq.py", "json/decoder.py", "json/encoder.py", "string.py",
            "difflib.py", "fractions.py", "calendar.py", "shlex.py", "bisect.py"]:
    p = os.path.join(stdlib, rel)
    if os.path.exists(p):
        add_chunks(open(p, encoding="utf-8").read())

swift_if = sorted(glob.glob("/opt/swift/usr/lib/swift/linux/Synchronization.swiftmodule/*.swiftinterface"))
swift_if += sorted(glob.glob("/opt/swift/usr/lib/swift/linux/_StringProcessing.swiftmodule/*.swiftinterface"))
for p in swift_if[:2]:
    add_chunks(open(p, encoding="utf-8").read()[:150000])

def pick(s, k):
    return "".join(rng.choice(s) for _ in range(k))

def rand_range(lo, hi, k):
    return "".join(chr(rng.randint(lo, hi)) for _ in range(k))

cjk_common = "的一是不了人我在有他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坐集编宝谈府拉黑且随格尽剑讲布杀微怕母调局根曾准团段终乐切级克精哪官示冷域读"
kana = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンー"
emoji = ["😀", "😂", "🦙", "🚀", "✅", "❤️", "👍🏽", "👩‍💻", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🧑🏿‍🤝‍🧑🏻", "😶‍🌫️", "🇩🇪", "🇯🇵", "#️⃣", "🫠", "🪿", "👁️‍🗨️"]
combining = ["\u0301", "\u0300", "\u0308", "\u0327", "\u0303", "\u20dd", "\u0336", "\u035c", "\u0489"]
ws = [" ", "  ", "   ", "\t", "\n", "\n\n", "\r\n", "\u00a0", "\u2003", "\u3000", "\u200b", "\u2028", "\x0b", "\x0c", "\x85"]

def gen_numbers():
    parts = []
    for _ in range(rng.randint(20, 80)):
        c = rng.random()
        if c < 0.2: parts.append(str(rng.randint(0, 10 ** rng.randint(1, 15))))
        elif c < 0.35: parts.append(f"{rng.uniform(-1e6, 1e6):.{rng.randint(0, 6)}f}")
        elif c < 0.5: parts.append(f"{rng.randint(1900, 2099)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        elif c < 0.6: parts.append(f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}")
        elif c < 0.7: parts.append(f"+{rng.randint(1, 99)} {rng.randint(100, 999)} {rng.randint(1000000, 9999999)}")
        elif c < 0.8: parts.append(rng.choice(["$", "€", "£", "¥", "₹"]) + f"{rng.randint(1, 99999)},{rng.randint(0, 99):02d}")
        elif c < 0.9: parts.append(rng.choice(["١٢٣", "४५६", "๗๘๙", "Ⅻ", "½", "²³", "①②", "０１２"]))
        else: parts.append(f"v{rng.randint(0, 9)}.{rng.randint(0, 20)}.{rng.randint(0, 99)}")
        parts.append(rng.choice([" ", ", ", "; ", "\n", " - ", "/"]))
    return "".join(parts)

def gen_words(alphabet, lo=1, hi=9, n=60, sep=" "):
    return sep.join(pick(alphabet, rng.randint(lo, hi)) for _ in range(n))

def gen_mixed():
    kind = rng.randrange(12)
    if kind == 0: return gen_numbers()
    if kind == 1: return pick(cjk_common, rng.randint(50, 600)) + "。" + pick(kana, rng.randint(20, 200))
    if kind == 2: return "".join(rng.choice(emoji) + rng.choice(["", " ", "", "x"]) for _ in range(rng.randint(10, 120)))
    if kind == 3:
        base = gen_words("abcdefghijklmnopqrstuvwxyzäöüéèñ", n=80)
        return "".join(ch + (rng.choice(combining) * rng.randint(1, 3) if rng.random() < 0.3 else "") for ch in base)
    if kind == 4: return gen_words([chr(c) for c in range(0x0621, 0x064B)], n=80) + " " + gen_words([chr(c) for c in range(0x05D0, 0x05EB)], n=60)
    if kind == 5: return "".join(rng.choice(ws) * rng.randint(1, 40) + pick("abcxyz{}();", rng.randint(0, 6)) for _ in range(rng.randint(20, 80)))
    if kind == 6: return "".join(chr(rng.choice(list(range(0, 32)) + [0x7f, 0x85, 0x9f, 0xad, 0x200d, 0xfeff])) + pick("ab c", rng.randint(0, 3)) for _ in range(rng.randint(30, 200)))
    if kind == 7: return gen_words("абвгдежзийклмнопрстуфхцчшщыьэюя", n=70) + " " + gen_words("αβγδεζηθικλμνξοπρστυφχψω", n=50)
    if kind == 8: return gen_words([chr(c) for c in range(0x0915, 0x0939)] + ["\u093e", "\u093f", "\u0940", "\u094d", "\u0902"], n=60) + " " + gen_words([chr(c) for c in range(0x0E01, 0x0E2E)] + ["\u0E31", "\u0E34", "\u0E48"], n=40, sep="")
    if kind == 9: return "".join(rng.choice(["'s", "'S", "'t", "'re", "'VE", "'m", "'ll", "'d", "'x", "''", " '", "I'm", "we'LL", "it's", "O'Neil", "rock'n'roll"]) + rng.choice([" ", "", "\n"]) for _ in range(rng.randint(30, 120)))
    if kind == 10: return "".join(rng.choice(["<|endoftext|>", "<|im_start|>", "<s>", "</s>", "<unk>", "[INST]", "<|begin_of_text|>", "hallmark", " hallmark ", "<tool>", "\u2581", "▁▁", "<0x0A>"]) + pick(" ab\n", rng.randint(0, 5)) for _ in range(rng.randint(20, 80)))
    return "".join(chr(rng.choice([rng.randint(0x20, 0x7e), rng.randint(0xa0, 0x24f), rng.randint(0x370, 0x52f), rng.randint(0x2000, 0x2bff), rng.randint(0x3000, 0x30ff), rng.randint(0xac00, 0xd7a3), rng.randint(0x1f300, 0x1faff), rng.randint(0x10000, 0x1342f)])) for _ in range(rng.randint(50, 600)))

total = sum(len(d.encode()) for d in docs)
while total < 1_150_000:
    d = gen_mixed()
    docs.append(d)
    total += len(d.encode())

rng.shuffle(docs)
out = sys.argv[1]
with gzip.GzipFile(out, "wb", mtime=0) as f:
    for d in docs:
        f.write((json.dumps(d, ensure_ascii=True) + "\n").encode())
print(f"{len(docs)} documents, {total} bytes -> {out}")
