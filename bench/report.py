#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the benchmark VM's results into a table, JSON and plots.

The VM writes its records, "bench=<kind> key=value ..." lines, on its
data port (bench/mode-bench.sh, from what bench/kernel/bench_main.c and
bench/user/srcu_config_bench.c print), which scripts/qemu-run.sh keeps
in the run's result file (LOG.result). This reads them, takes medians
over repetitions, compares against the targets and writes --out (JSON)
plus PNG plots next to it. Only the standard library
and matplotlib (Agg) are used.
"""

import argparse
import json
import math
import os
import re
import statistics
import sys

VARIANTS = ["cxx_guard", "c_srcu", "cxx_config_read", "c_config_read",
            "cxx_fast_guard", "cxx_module_fast_guard", "c_fast_srcu",
            "cxx_fast_config_read", "c_fast_config_read",
            "rcu", "rwsem", "mutex", "cxx_guard_barrier_inside"]
# SRCU-fast (kernels that have it, 7.3): measured only there, and these
# keys appear only then.
FAST_VARIANTS = ["cxx_fast_guard", "cxx_module_fast_guard", "c_fast_srcu",
                 "cxx_fast_config_read", "c_fast_config_read"]
MODES = ["normal", "expedited", "deferred"]
GUARDS = ["srcu", "rwsem", "mutex", "srcu_normal"]

TARGETS = {
    "ratio_cxx_guard_vs_c_srcu": ("<=", 1.05),
    "ratio_cxx_config_read_vs_c_config_read": ("<=", 1.10),
    "deferred_p50_speedup_vs_normal": (">=", 10.0),
    "srcu_sleeping_reads_with_writer_vs_without": (">=", 0.9),
    "ratio_device_pread_vs_dev_zero": ("<=", 1.15),
    "ratio_cxx_fast_guard_vs_c_fast": ("<=", 1.05),
    "ratio_cxx_module_fast_guard_vs_c_fast": ("<=", 1.05),
    "ratio_cxx_fast_config_read_vs_c_fast_config_read": ("<=", 1.10),
}
# The read-side targets' pairs: the C++ variant and the C one it is
# measured against.
RATIO_PAIRS = {
    "ratio_cxx_guard_vs_c_srcu": ("cxx_guard", "c_srcu"),
    "ratio_cxx_config_read_vs_c_config_read": ("cxx_config_read", "c_config_read"),
    "ratio_cxx_fast_guard_vs_c_fast": ("cxx_fast_guard", "c_fast_srcu"),
    "ratio_cxx_module_fast_guard_vs_c_fast": ("cxx_module_fast_guard", "c_fast_srcu"),
    "ratio_cxx_fast_config_read_vs_c_fast_config_read": ("cxx_fast_config_read",
                                                         "c_fast_config_read"),
}


def parse_records(path):
    """Return a list of (kind, {key: value}) in the order written."""
    records = []
    line_re = re.compile(r"^bench=(\S+)(.*)$")
    with open(path, errors="replace") as result:
        for line in result:
            m = line_re.match(line.rstrip("\n"))
            if not m:
                continue
            fields = {}
            for item in m.group(2).split():
                if "=" in item:
                    key, value = item.split("=", 1)
                    fields[key] = value
            records.append((m.group(1), fields))
    return records


def num(text):
    try:
        return int(text)
    except ValueError:
        return float(text)


def figures(fields):
    """A record's fields as numbers; a comma-separated one (the floor's
    per-pass ratios) as a list of them."""
    return {k: [num(x) for x in v.split(",")] if "," in v else num(v)
            for k, v in fields.items()}


def summary(values):
    med = statistics.median(values)
    return {
        "median": round(med, 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
        "spread_pct": round(100.0 * (max(values) - min(values)) / med, 1) if med else 0.0,
        "runs": len(values),
        "samples": [round(v, 3) for v in values],
    }


def median_ci(values, level=0.95):
    """The median and a distribution-free confidence interval for it: the
    order statistics x(k) and x(n+1-k) with the largest k whose coverage,
    1 - 2 P(Binomial(n, 1/2) < k), is at least @level. With too few
    values for that, min and max, and the coverage they have. Returns
    (median, low, high, coverage)."""
    xs = sorted(values)
    n = len(xs)
    if not n:
        return None, None, None, None
    cdf, k, coverage = 0.0, 1, 1 - 2 * 0.5 ** n
    for j in range(n // 2):
        cdf += math.comb(n, j) / 2 ** n        # P(B <= j)
        if 1 - 2 * cdf < level:
            break
        k, coverage = j + 2, 1 - 2 * cdf
    return statistics.median(xs), xs[k - 1], xs[n - k], round(coverage, 3)


def paired_ratios(a, b):
    """Run i of @a over run i of @b: runs measured next to each other, so
    that drift of the host between runs cancels out."""
    return [x / y for x, y in zip(a, b) if y]


def verdict(name, value, interval=None):
    """met: true when the whole interval is on the target's side, false
    when the whole of it is on the other side; null where the figure was
    not measured (a phase left out with BENCH_PHASES). An interval that
    straddles the target is "undecided", which is not met. Without an
    interval (a point figure) the value decides."""
    op, target = TARGETS[name]
    ok = (lambda v: v <= target) if op == "<=" else (lambda v: v >= target)
    out = {"value": value, "target": f"{op} {target:g}"}
    if value is None:
        out.update(met=None, verdict="not measured")
        return out
    if interval:
        lo, hi, coverage = interval
        out.update(interval=[lo, hi], coverage=coverage)
        good, bad = (hi, lo) if op == "<=" else (lo, hi)
        if ok(good):
            out.update(met=True, verdict="met")
        elif not ok(bad):
            out.update(met=False, verdict="MISSED")
        else:
            out.update(met=False, verdict="undecided")
        return out
    out.update(met=ok(value), verdict="met" if ok(value) else "MISSED")
    return out


def read_side(records):
    out, setup = {}, {}
    for kind, f in records:
        if kind == "read-setup":
            setup = {k: num(v) for k, v in f.items()}
        elif kind == "read":
            ns = [int(v) / 1000.0 for v in f["ps"].split(",") if v]
            out.setdefault(f["variant"], {})[f["readers"]] = summary(ns)
    return out, setup


def boot_ratio(read, a, b, readers):
    """The median paired ratio of @a over @b in one boot's read side
    (repetition r of one over repetition r of the other: the module
    measures every variant once per repetition, in rotating order);
    None where it has not both."""
    try:
        return statistics.median(paired_ratios(read[a][readers]["samples"],
                                               read[b][readers]["samples"]))
    except (KeyError, statistics.StatisticsError):
        return None


def ratio_stats(boots, a, b, readers):
    """The ratio of @a over @b as (median, low, high, coverage). With
    three boots or more (@boots: each boot's read side, the main boot's
    first), the boot is the unit, as for the floor: the median and its
    interval over the boots' medians (benchmarks.rst, "Statistics and
    verdicts").
    Otherwise over the main boot's repetitions."""
    per_boot = [r for r in (boot_ratio(rd, a, b, readers) for rd in boots)
                if r is not None]
    if len(per_boot) >= 3:
        return median_ci(per_boot)
    try:
        return median_ci(paired_ratios(boots[0][a][readers]["samples"],
                                       boots[0][b][readers]["samples"]))
    except (KeyError, IndexError):
        return None, None, None, None


def ratio(boots, a, b, readers):
    m = ratio_stats(boots, a, b, readers)[0]
    return None if m is None else round(m, 3)


def update_side(records, phase="update"):
    """SET latency of the updates run in phase @phase."""
    out = {}
    current = None
    for kind, f in records:
        if kind == "phase":
            current = f.get("name")
        if kind != "update" or current != phase:
            continue
        case = "sleeping_readers" if int(f["readers"]) else "no_readers"
        out.setdefault(f["mode"], {})[case] = {
            "p50": int(f["p50_ns"]), "p99": int(f["p99_ns"]),
            "max": int(f["max_ns"]), "mean": int(f["mean_ns"]),
            "min": int(f["min_ns"]), "n": int(f["n"]),
            "errors": int(f["errors"]),
            "readers": int(f["readers"]), "delay_ms": int(f["delay_ms"]),
        }
    return out


def device_side(records):
    """Medians over repetitions, per guard / readers / writer (/ delay)."""
    runs = {}
    for kind, f in records:
        if kind != "reads":
            continue
        key = (f["guard"], f["threads"], f["writer"] == "1", int(f["delay_ms"]))
        runs.setdefault(key, []).append(f)
    merged = {}
    for key, fs in runs.items():
        def med(field):
            vals = [num(f[field]) for f in fs if field in f]
            return statistics.median(vals) if vals else None
        merged[key] = {
            "reads_per_s": round(med("reads_per_s")),
            "reads_per_s_runs": [round(num(f["reads_per_s"])) for f in fs],
            "p50_ns": med("p50_ns"), "p99_ns": med("p99_ns"),
            "max_ns": max(num(f["max_ns"]) for f in fs),
            "errors": sum(int(f["errors"]) for f in fs),
            "swaps_per_s": med("swaps_per_s"),
            "set_p50_ns": med("set_p50_ns"), "set_p99_ns": med("set_p99_ns"),
            "seconds": med("seconds"), "runs": len(fs),
        }
    return merged


def wk(writer):
    return "writer_on" if writer else "writer_off"


def fmt_ns(ns):
    if ns is None:
        return "-"
    if ns >= 1e6:
        return f"{ns / 1e6:.1f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.1f} us"
    return f"{ns:.0f} ns"


def mark(v):
    text = v["verdict"]
    if "interval" in v:
        lo, hi = v["interval"]
        text += f" [{lo:.3f}..{hi:.3f} at {100 * v['coverage']:.0f}%]"
    return text


# The scaling plot and table: the read-side variants that are one lock
# and unlock each, one curve per kind of protection.
SCALING_VARIANTS = ["cxx_guard", "c_srcu", "cxx_fast_guard", "cxx_module_fast_guard",
                    "c_fast_srcu", "rcu", "rwsem", "mutex"]


def scaling(read):
    """Per variant and reader count: ns per critical section (median) and
    that over the same with one reader (1.0: perfect scaling, each reader
    as fast as one alone; N: the readers take turns)."""
    out = {}
    for v in SCALING_VARIANTS:
        per = read.get(v)
        if not per or "1" not in per:
            continue
        one = per["1"]["median"]
        out[v] = {r: {"ns": per[r]["median"],
                      "vs_one_reader": round(per[r]["median"] / one, 2) if one else None}
                  for r in sorted(per, key=int)}
    return out


def plots(outdir, read, devices, sleeping, update, guards):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import matplotlib.ticker
    except ImportError:
        print("bench: matplotlib missing, no plots", file=sys.stderr)
        return []
    made = []

    def save(fig, name):
        fig.tight_layout()
        path = os.path.join(outdir, name)
        fig.savefig(path, dpi=110)
        plt.close(fig)
        made.append(path)

    # Read-side cost by variant.
    variants = [v for v in VARIANTS if v in read]
    readers = sorted({r for v in variants for r in read[v]}, key=int)
    fig, ax = plt.subplots(figsize=(10, 4.5))
    width = 0.8 / max(len(readers), 1)
    for i, r in enumerate(readers):
        xs, ys, lo, hi = [], [], [], []
        for j, v in enumerate(variants):
            s = read[v].get(r)
            if not s:
                continue
            xs.append(j + (i - (len(readers) - 1) / 2) * width)
            ys.append(s["median"])
            lo.append(s["median"] - s["min"])
            hi.append(s["max"] - s["median"])
        ax.bar(xs, ys, width, yerr=[lo, hi], capsize=3,
               label=f"{r} reader{'s' if r != '1' else ''}")
    ax.set_xticks(range(len(variants)))
    ax.set_xticklabels(variants, rotation=20, ha="right")
    ax.set_ylabel("ns per critical section (median, min-max)")
    ax.set_title("Read-side cost (QEMU -smp 2, no KVM: compare ratios)")
    ax.legend()
    save(fig, "read_side.png")

    # ns per critical section against readers, one line per variant.
    scale = scaling(read)
    if scale:
        fig, ax = plt.subplots(figsize=(9.5, 4.5))
        for v, per in scale.items():
            xs = [int(r) for r in per]
            ax.plot(xs, [per[r]["ns"] for r in per], "o-" if "cxx" in v else "s--", label=v)
        ax.set_xscale("log", base=2)
        ax.set_yscale("log")
        ax.set_xticks(sorted({int(r) for per in scale.values() for r in per}))
        ax.get_xaxis().set_major_formatter(matplotlib.ticker.ScalarFormatter())
        ax.set_xlabel("readers (one kthread per vCPU)")
        ax.set_ylabel("ns per critical section (median)")
        ax.set_title("Read-side scaling: flat is perfect; QEMU TCG, compare shapes")
        ax.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1))
        save(fig, "read_scaling.png")

    # Reads per second against readers, per guard, writer off/on; and
    # the sleeping-reader case.
    if devices:
        fig, (ax, ax2) = plt.subplots(1, 2, figsize=(12, 4.5),
                                      gridspec_kw={"width_ratios": [3, 2]})
        colors = {"srcu": "tab:blue", "rwsem": "tab:orange", "mutex": "tab:green",
                  "srcu_normal": "tab:purple"}
        for g in guards:
            for writer, style in ((False, "-"), (True, "--")):
                pts = sorted((int(t), d["reads_per_s"]) for (gg, t, w, delay), d
                             in devices.items() if gg == g and w == writer and delay == 0)
                if pts:
                    ax.plot([p[0] for p in pts], [p[1] for p in pts], style,
                            marker="o", color=colors.get(g),
                            label=f"{g}, writer {'on' if writer else 'off'}")
        ax.set_xlabel("reader threads")
        ax.set_xticks([1, 2, 4])
        ax.set_ylabel("pread(2) of the configuration per second")
        ax.set_title("/dev/srcu_config reads")
        ax.legend(fontsize=8)
        ax.set_ylim(bottom=0)
        width = 0.38
        for i, writer in enumerate((False, True)):
            xs, ys = [], []
            for j, g in enumerate(guards):
                d = sleeping.get(g, {}).get(wk(writer))
                if d:
                    xs.append(j + (i - 0.5) * width)
                    ys.append(d["reads_per_s"])
            ax2.bar(xs, ys, width, label=f"writer {'on' if writer else 'off'}")
        ax2.set_xticks(range(len(guards)))
        ax2.set_xticklabels(guards)
        ax2.set_ylabel("reads per second")
        ax2.set_title("readers asleep inside read(2)")
        ax2.legend(fontsize=8)
        save(fig, "device_reads.png")

    # Update latency by mode.
    if update:
        fig, ax = plt.subplots(figsize=(8, 4.5))
        cases = ["no_readers", "sleeping_readers"]
        width = 0.2
        k = 0
        for case in cases:
            for stat in ("p50", "p99"):
                xs, ys = [], []
                for j, m in enumerate(MODES):
                    d = update.get(m, {}).get(case)
                    if d:
                        xs.append(j + (k - 1.5) * width)
                        ys.append(max(d[stat], 1) / 1000.0)
                ax.bar(xs, ys, width, label=f"{stat}, {case.replace('_', ' ')}")
                k += 1
        ax.set_yscale("log")
        ax.set_xticks(range(len(MODES)))
        ax.set_xticklabels(MODES)
        ax.set_ylabel("SET latency, us (log)")
        ax.set_title("Configuration change latency")
        ax.legend(fontsize=8)
        save(fig, "update_latency.png")
    return made


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--result", required=True,
                    help="the VM's result file: its data port's lines")
    ap.add_argument("--boot-result", action="append", default=[],
                    help="the result file of a boot that ran only the floor and "
                         "the read side (repeatable)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--accel", default="tcg")
    ap.add_argument("--smp", type=int, default=2)
    ap.add_argument("--quick", default="0")
    ap.add_argument("--qemu", default="")
    ap.add_argument("--disasm", default="")
    ap.add_argument("--vm-seconds", type=int, default=0)
    ap.add_argument("--wall-seconds", type=int, default=0)
    ap.add_argument("--baseline", default="",
                    help="JSON of another kernel's run: compare the update side with it")
    args = ap.parse_args()

    records = parse_records(args.result)
    vm = next((f for k, f in records if k == "vm"), {})
    clocks = [f.get("clocksource") for k, f in records if k in ("clock", "clock-end")]
    clock_end = next((f for k, f in records if k == "clock-end"), {})
    phases = {f["name"]: num(f["uptime_s"]) for k, f in records
              if k == "phase" and "uptime_s" in f}
    if "uptime_s" in clock_end:
        phases["end"] = num(clock_end["uptime_s"])
    unstable = clock_end.get("tsc_unstable_at_s", "unknown")
    unstable = None if unstable == "never" else (num(unstable) if unstable != "unknown" else unstable)
    errors = [f for k, f in records if k == "error"]
    not_measured = next((f["guards"].split(",") for k, f in records
                         if k == "not-measured" and "guards" in f), [])

    floor = next((f for k, f in records if k == "floor"), None)
    floor_ratio = num(floor["ratio_device_pread_vs_dev_zero"]) if floor else None
    floor_interval = None
    floor_boots = [floor_ratio] if floor else []
    more_boots = [parse_records(path) for path in args.boot_result]
    for boot in more_boots:
        floor_boots += [num(f["ratio_device_pread_vs_dev_zero"])
                        for k, f in boot if k == "floor"]
    if len(floor_boots) >= 3:
        # The boot is the unit: each boot's median is one draw of what
        # varies between boots (benchmarks.rst, "Read floor").
        floor_ratio, lo, hi, cov = median_ci(floor_boots)
        floor_interval = (lo, hi, cov)
    elif floor and "ratios" in floor:
        _, lo, hi, cov = median_ci([num(r) for r in floor["ratios"].split(",")])
        floor_interval = (lo, hi, cov)
    # A 300 KiB read-through in cat-sized reads against one pread of it:
    # a figure, no target.
    through = next((f for k, f in records if k == "read-through"), None)
    through_ratio = num(through["ratio_read_through_300k_vs_pread"]) if through else None
    read, setup = read_side(records)
    # The read side of every boot that ran it, the main boot's first.
    read_boots = [read] + [rd for rd in (read_side(b)[0] for b in more_boots) if rd]
    update = update_side(records)
    # 7.3: the same updates on the device whose store has normal readers.
    update_normal = update_side(records, "update_srcu_normal")
    update_fast_vs_normal = {}
    for m in MODES:
        for case in ("no_readers", "sleeping_readers"):
            try:
                update_fast_vs_normal.setdefault(m, {})[case] = round(
                    update[m][case]["p50"] / update_normal[m][case]["p50"], 3)
            except (KeyError, ZeroDivisionError):
                pass
    devices = device_side(records)
    guards = [g for g in GUARDS if any(k[0] == g for k in devices)]

    if not read and not update and not devices and not floor and not through:
        print(f"bench: no results in {args.result}", file=sys.stderr)
        return 1

    readers_counts = sorted({r for v in read.values() for r in v}, key=int)
    ratios = {}
    for a, b in (("cxx_guard", "c_srcu"), ("cxx_config_read", "c_config_read"),
                 ("cxx_guard_barrier_inside", "c_srcu")):
        ratios[f"{a}_vs_{b}"] = {r: ratio(read_boots, a, b, r) for r in readers_counts}

    def worst(name):
        vals = [v for v in ratios[name].values() if v is not None]
        return max(vals) if vals else None

    def worst_interval(a, b):
        """The reader count whose interval reaches highest: its (low,
        high, coverage)."""
        stats = [ratio_stats(read_boots, a, b, r) for r in readers_counts]
        stats = [s for s in stats if s[0] is not None]
        if not stats:
            return None
        _, lo, hi, cov = max(stats, key=lambda s: s[2])
        return round(lo, 3), round(hi, 3), cov

    def read_target(name):
        """A read-side target of RATIO_PAIRS: its worst ratio over the
        reader counts, and the verdict on that reader count's interval."""
        a, b = RATIO_PAIRS[name]
        value = worst(f"{a}_vs_{b}")
        return value, verdict(name, value, worst_interval(a, b))

    ratio_guard, guard_verdict = read_target("ratio_cxx_guard_vs_c_srcu")
    ratio_config, config_verdict = read_target("ratio_cxx_config_read_vs_c_config_read")

    have_fast = all(v in read for v in FAST_VARIANTS)
    fast_pairs = (("cxx_fast_guard", "c_fast_srcu"),
                  ("cxx_module_fast_guard", "c_fast_srcu"),
                  ("cxx_fast_config_read", "c_fast_config_read"),
                  ("cxx_fast_guard", "cxx_guard"), ("c_fast_srcu", "c_srcu"),
                  ("cxx_fast_config_read", "cxx_config_read"))
    if have_fast:
        for a, b in fast_pairs:
            ratios[f"{a}_vs_{b}"] = {r: ratio(read_boots, a, b, r) for r in readers_counts}

    # The update side against another kernel's run (7.3's fast readers,
    # whose grace periods go through synchronize_rcu(), against 6.12's
    # normal ones): p50 over p50, per mode and case. Different boots.
    baseline = None
    if args.baseline:
        try:
            with open(args.baseline) as f:
                baseline = json.load(f)
        except (OSError, ValueError) as e:
            print(f"bench: baseline {args.baseline}: {e}", file=sys.stderr)
            return 1
    update_vs_baseline = {}
    if baseline:
        bu = baseline.get("update_latency_ns", {})
        for m in MODES:
            for case in ("no_readers", "sleeping_readers"):
                try:
                    update_vs_baseline.setdefault(m, {})[case] = round(
                        update[m][case]["p50"] / bu[m][case]["p50"], 3)
                except (KeyError, ZeroDivisionError):
                    update_vs_baseline.setdefault(m, {})[case] = None

    speedup = {}
    for case in ("no_readers", "sleeping_readers"):
        try:
            speedup[case] = round(update["normal"][case]["p50"] /
                                  update["deferred"][case]["p50"], 1)
        except (KeyError, ZeroDivisionError):
            speedup[case] = None
    speed_vals = [v for v in speedup.values() if v is not None]
    speed_worst = min(speed_vals) if speed_vals else None

    # Reads/s with a writer swapping over reads/s without, per guard and
    # reader count (the readers that do not sleep).
    writer_ratio = {}
    for (g, t, writer, delay), d in devices.items():
        off = devices.get((g, t, False, 0))
        if writer and not delay and off and off["reads_per_s"]:
            writer_ratio.setdefault(g, {})[t] = round(d["reads_per_s"] / off["reads_per_s"], 3)
    srcu_writer_vals = list(writer_ratio.get("srcu", {}).values())
    srcu_writer_worst = min(srcu_writer_vals) if srcu_writer_vals else None

    # The target: readers asleep inside read(2), with a writer swapping
    # or not. What SRCU promises is that a writer never holds a reader
    # up; readers that sleep are where a lock would show it (an rwsem's
    # waiting writer stops new readers), and where the writer's own CPU
    # time does not: the vCPUs are mostly idle. Paired by repetition.
    sleeping_writer = (None, None, None, None)
    off_on = {w: devices.get(k) for w in (False, True)
              for k in devices if k[0] == "srcu" and k[2] == w and k[3] > 0}
    if off_on.get(False) and off_on.get(True):
        m, lo, hi, cov = median_ci(paired_ratios(off_on[True]["reads_per_s_runs"],
                                                 off_on[False]["reads_per_s_runs"]))
        sleeping_writer = (round(m, 3), round(lo, 3), round(hi, 3), cov)

    reads_per_s, latency = {}, {}
    sleeping = {}
    for (g, t, writer, delay), d in sorted(devices.items(), key=lambda i: (i[0][0], int(i[0][1]))):
        if delay:
            sleeping.setdefault(g, {"readers": int(t), "delay_ms": delay})[wk(writer)] = {
                "reads_per_s": d["reads_per_s"], "p50_ns": d["p50_ns"],
                "p99_ns": d["p99_ns"], "max_ns": d["max_ns"],
                "writer_swaps_per_s": d["swaps_per_s"],
                "writer_set_p50_ns": d["set_p50_ns"], "runs": d["runs"]}
            continue
        reads_per_s.setdefault(g, {}).setdefault(t, {})[wk(writer)] = d["reads_per_s"]
        latency.setdefault(g, {}).setdefault(t, {})[wk(writer)] = {
            "p50": d["p50_ns"], "p99": d["p99_ns"], "max": d["max_ns"],
            "reads_per_s_runs": d["reads_per_s_runs"],
            "writer_swaps_per_s": d["swaps_per_s"],
            "writer_set_p50_ns": d["set_p50_ns"],
            "writer_set_p99_ns": d["set_p99_ns"]}
    for g in not_measured:
        reads_per_s[g] = "not measured"

    result = {
        "kernel_release": vm.get("kernel", args.kernel),
        "environment": {
            "qemu": args.qemu,
            "smp": args.smp,
            "kvm": args.accel == "kvm",
            "accel": args.accel,
            "note": "software emulation: absolute times are not those of real hardware; compare ratios",
            "vm_cpus": int(vm["cpus"]) if "cpus" in vm else None,
            "vm_cpu_model": vm.get("cpu_model", "").replace("_", " "),
            "vm_hypervisor_detected": vm.get("hypervisor"),
            "clocksources_unbound": next((f.get("unbound") for k, f in records
                                          if k == "clock"), None),
            "clocksource": clocks,
            "tsc_marked_unstable_at_s": unstable,
            "phase_start_uptime_s": phases,
            "quick": args.quick == "1",
        },
        "read_side_ns": read,
        "read_side_setup": setup,
        "ratio_device_pread_vs_dev_zero": floor_ratio,
        "read_floor": figures(floor) if floor else None,
        "read_floor_per_boot": floor_boots,
        "ratio_read_through_300k_vs_pread": through_ratio,
        "read_through": figures(through) if through else None,
        "ratio_cxx_guard_vs_c_srcu": ratio_guard,
        "ratio_cxx_config_read_vs_c_config_read": ratio_config,
        "ratios_by_readers": ratios,
        "read_side_boots": len(read_boots),
        "ratios_by_readers_per_boot": {
            name: {r: [None if v is None else round(v, 3)
                       for v in (boot_ratio(rd, a, b, r) for rd in read_boots)]
                   for r in readers_counts}
            for name, (a, b) in RATIO_PAIRS.items() if a in read and b in read},
        "read_side_scaling": scaling(read),
        "update_latency_ns": update,
        "deferred_p50_speedup_vs_normal": speedup,
        "device_reads_per_s": reads_per_s,
        "device_reads_with_writer_vs_without": writer_ratio,
        "device_read_latency_ns": latency,
        "device_sleeping_readers": sleeping,
        "guards_not_measured": not_measured,
        "targets": {
            "ratio_cxx_guard_vs_c_srcu": guard_verdict,
            "ratio_cxx_config_read_vs_c_config_read": config_verdict,
            "deferred_p50_speedup_vs_normal":
                verdict("deferred_p50_speedup_vs_normal", speed_worst),
            "srcu_sleeping_reads_with_writer_vs_without": verdict(
                "srcu_sleeping_reads_with_writer_vs_without", sleeping_writer[0],
                sleeping_writer[1:] if sleeping_writer[0] is not None else None),
            "ratio_device_pread_vs_dev_zero":
                verdict("ratio_device_pread_vs_dev_zero", floor_ratio, floor_interval),
        },
        "errors": errors,
        "vm_seconds": args.vm_seconds,
        "wall_seconds": args.wall_seconds,
    }

    if have_fast:
        for name in ("ratio_cxx_fast_guard_vs_c_fast",
                     "ratio_cxx_module_fast_guard_vs_c_fast",
                     "ratio_cxx_fast_config_read_vs_c_fast_config_read"):
            result[name], result["targets"][name] = read_target(name)
        result["ratio_cxx_fast_guard_vs_cxx_guard"] = worst("cxx_fast_guard_vs_cxx_guard")
        result["ratio_c_fast_srcu_vs_c_srcu"] = worst("c_fast_srcu_vs_c_srcu")
        result["ratio_cxx_fast_config_read_vs_cxx_config_read"] = \
            worst("cxx_fast_config_read_vs_cxx_config_read")
        result["store_readers"] = "fast"
    if update_normal:
        result["update_latency_ns_srcu_normal"] = update_normal
        result["update_p50_store_vs_srcu_normal"] = update_fast_vs_normal
    if baseline:
        result["update_baseline"] = {
            "kernel_release": baseline.get("kernel_release"),
            "json": args.baseline,
            "note": "p50 here over p50 there: two boots of two kernels, not a same-boot ratio",
            "update_latency_ns": baseline.get("update_latency_ns"),
            "p50_vs_baseline": update_vs_baseline,
        }

    outdir = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(outdir, exist_ok=True)
    result["plots"] = [os.path.basename(p) for p in
                       plots(outdir, read, devices, sleeping, update, guards)]
    if args.disasm:
        result["disassembly"] = {name[:-4]: os.path.join(args.disasm, name)
                                 for name in sorted(os.listdir(args.disasm))
                                 if name.endswith(".txt")}
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2, sort_keys=False)
        f.write("\n")

    # ---- the table ----------------------------------------------------------
    p = print
    env = result["environment"]
    p()
    p(f"srcu-config benchmark: Linux {result['kernel_release']}, QEMU -smp {env['smp']}, "
      f"{'KVM' if env['kvm'] else 'TCG software emulation, no KVM'}"
      f"{', QUICK' if env['quick'] else ''}")
    p("Absolute times are emulated; the ratios are what carries over to hardware.")
    p()
    if floor:
        t = result["targets"]["ratio_device_pread_vs_dev_zero"]
        p(f"Read floor: {floor['bytes']}-byte pread(2), one thread, median of "
          f"{floor['passes']} passes x {floor['calls']} calls"
          + (f"; the ratio and its interval: over {len(floor_boots)} boots' medians"
             if len(floor_boots) >= 3 else ""))
        p(f"  /dev/srcu_config {num(floor['device_ns']):8.1f} ns   /dev/zero "
          f"{num(floor['zero_ns']):8.1f} ns   /dev/null (no copy) {num(floor['null_ns']):8.1f} ns")
        spread = (f"boots {min(floor_boots)}..{max(floor_boots)}" if len(floor_boots) >= 3
                  else f"{floor['ratio_min']}..{floor['ratio_max']}")
        p(f"  ratio_device_pread_vs_dev_zero {t['value']} [{spread}]"
          f"  target {t['target']}  {mark(t)}")
        p()
    if through:
        p(f"Read-through: {num(through['bytes']) // 1024} KiB configuration, one thread, "
          f"median of {through['passes']} passes x {through['calls']} calls")
        p(f"  read-through ({through['reads_per_through']} read(2)s of "
          f"{num(through['chunk']) // 1024} KiB after lseek, as cat) "
          f"{fmt_ns(num(through['through_ns']))}   one pread(2) of it all "
          f"{fmt_ns(num(through['pread_ns']))}")
        p(f"  ratio_read_through_300k_vs_pread {through_ratio} "
          f"[{through['ratio_min']}..{through['ratio_max']}]  (a figure, no target)")
        p()
    if read:
        p(f"Read side, in-kernel: ns per critical section, median [min..max] of "
          f"{setup.get('reps', '?')} runs x {setup.get('loops', '?')} sections per reader"
          + (f"; the ratios: median over {len(read_boots)} boots' medians"
             if len(read_boots) >= 3 else ""))
        p(f"  {'variant':26}" + "".join(f"{r + ' reader' + ('s' if r != '1' else ''):>26}"
                                        for r in readers_counts))
        for v in VARIANTS:
            if v not in read:
                continue
            cells = []
            for r in readers_counts:
                s = read[v].get(r)
                cells.append(f"{s['median']:7.2f} [{s['min']:.2f}..{s['max']:.2f}]"
                             if s else "-")
            p(f"  {v:26}" + "".join(f"{c:>26}" for c in cells))
        p()
        for name, key, target in (
                ("cxx_guard / c_srcu", "cxx_guard_vs_c_srcu", "ratio_cxx_guard_vs_c_srcu"),
                ("cxx_config_read / c_config_read", "cxx_config_read_vs_c_config_read",
                 "ratio_cxx_config_read_vs_c_config_read")):
            t = result["targets"][target]
            per = "  ".join(f"{r} reader{'s' if r != '1' else ''}: {v:.3f}"
                            for r, v in ratios[key].items() if v is not None)
            p(f"  ratio {name:33} {per}   worst {t['value']}  target {t['target']}  {mark(t)}")
        per = "  ".join(f"{r}: {v:.3f}" for r, v in ratios["cxx_guard_barrier_inside_vs_c_srcu"].items()
                        if v is not None)
        p(f"  (barrier inside the guard's scope: cxx_guard_barrier_inside / c_srcu  {per})")
        if have_fast:
            for name, key, target in (
                    ("cxx_fast_guard / c_fast_srcu", "cxx_fast_guard_vs_c_fast_srcu",
                     "ratio_cxx_fast_guard_vs_c_fast"),
                    ("cxx_module_fast_guard / c_fast_srcu",
                     "cxx_module_fast_guard_vs_c_fast_srcu",
                     "ratio_cxx_module_fast_guard_vs_c_fast"),
                    ("cxx_fast_config_read / c_fast_config_read",
                     "cxx_fast_config_read_vs_c_fast_config_read",
                     "ratio_cxx_fast_config_read_vs_c_fast_config_read")):
                t = result["targets"][target]
                per = "  ".join(f"{r} reader{'s' if r != '1' else ''}: {v:.3f}"
                                for r, v in ratios[key].items() if v is not None)
                p(f"  ratio {name:33} {per}   worst {t['value']}  target {t['target']}  {mark(t)}")
            for a, b in fast_pairs[3:]:
                per = "  ".join(f"{r} reader{'s' if r != '1' else ''}: {v:.3f}"
                                for r, v in ratios[f"{a}_vs_{b}"].items() if v is not None)
                p(f"  ratio {a + ' / ' + b:33} {per}")
        p()
        scale = result["read_side_scaling"]
        if scale and len(readers_counts) > 1:
            p(f"Read-side scaling ({env['vm_cpus']} vCPUs): ns per critical section, "
              f"and over one reader's (1.00: each reader as fast as one alone)")
            p(f"  {'variant':24}" + "".join(f"{r + ' reader' + ('s' if r != '1' else ''):>20}"
                                            for r in readers_counts))
            for v, per in scale.items():
                cells = [f"{per[r]['ns']:8.2f} x{per[r]['vs_one_reader']:<6.2f}" if r in per else "-"
                         for r in readers_counts]
                p(f"  {v:24}" + "".join(f"{c:>20}" for c in cells))
            p()
    if update:
        sl = next((d for m in update.values() for c, d in m.items() if c == "sleeping_readers"), None)
        head2 = (f"{sl['readers']} readers asleep {sl['delay_ms']} ms in read(2)"
                 if sl else "sleeping readers")
        p("Update side: latency of SET (ioctl SRCU_CONFIG_IOC_SET), p50 / p99 / max")
        p(f"  {'mode':11}{'no readers':>36}{head2:>44}")
        for m in MODES:
            cells = []
            for case in ("no_readers", "sleeping_readers"):
                d = update.get(m, {}).get(case)
                cells.append(f"{fmt_ns(d['p50'])} / {fmt_ns(d['p99'])} / {fmt_ns(d['max'])}"
                             if d else "-")
            p(f"  {m:11}{cells[0]:>36}{cells[1]:>44}")
        t = result["targets"]["deferred_p50_speedup_vs_normal"]
        per = "  ".join(f"{c.replace('_', ' ')}: {v}x" for c, v in speedup.items() if v is not None)
        p(f"  deferred p50 below normal p50 by  {per}   worst {t['value']}x  "
          f"target {t['target']}x  {mark(t)}")
        if update_normal:
            p("  the same on the device with normal SRCU readers (srcu_normal, this boot); "
              "p50 of the store's over srcu_normal's")
            for m in MODES:
                cells = []
                for case in ("no_readers", "sleeping_readers"):
                    d = update_normal.get(m, {}).get(case)
                    r = update_fast_vs_normal.get(m, {}).get(case)
                    cells.append(f"{fmt_ns(d['p50'])} / {fmt_ns(d['p99'])} / {fmt_ns(d['max'])}, x{r}"
                                 if d else "-")
                p(f"  {m:11}{cells[0]:>36}{cells[1]:>44}")
        if baseline:
            bu = baseline.get("update_latency_ns", {})
            p(f"  against {baseline.get('kernel_release')} (another boot; p50 here / p50 there)"
              + (", this store's readers are SRCU-fast" if have_fast else ""))
            for m in MODES:
                cells = []
                for case in ("no_readers", "sleeping_readers"):
                    d = bu.get(m, {}).get(case)
                    r = update_vs_baseline.get(m, {}).get(case)
                    cells.append(f"{fmt_ns(d['p50'])} there, x{r}" if d and r is not None else "-")
                p(f"  {m:11}{cells[0]:>36}{cells[1]:>44}")
        p()
    gw = max([6] + [len(g) + 1 for g in guards])
    if devices:
        p("Device reads from userspace: pread(2) of the whole configuration; reads/s, "
          "read latency p50/p99 (median of runs)")
        p(f"  {'guard':{gw}}{'readers':>8}{'writer off':>30}{'writer on':>30}{'writer SETs/s':>15}")
        for g in guards:
            for t in sorted(reads_per_s.get(g, {}), key=int):
                cells = []
                for writer in (False, True):
                    d = devices.get((g, t, writer, 0))
                    cells.append(f"{d['reads_per_s']:>10,}  {fmt_ns(d['p50_ns'])}/{fmt_ns(d['p99_ns'])}"
                                 if d else "-")
                d = devices.get((g, t, True, 0))
                sw = f"{d['swaps_per_s']:,.0f}" if d and d["swaps_per_s"] is not None else "-"
                p(f"  {g:{gw}}{t:>8}{cells[0]:>30}{cells[1]:>30}{sw:>15}")
        for g in not_measured:
            p(f"  {g:{gw}}   not measured (no srcu_config-{g}.ko was staged)")
        for g in guards:
            per = writer_ratio.get(g, {})
            if per:
                cells = "  ".join(f"{t}: {per[t]:.3f}" for t in sorted(per, key=int))
                p(f"  reads/s writer on / off, {g:{gw}} {cells}   (a figure: the writer "
                  f"takes a vCPU the readers would use)")
        if sleeping:
            any_s = next(iter(sleeping.values()))
            p()
            p(f"  Readers asleep inside read(2): {any_s['readers']} readers, "
              f"test_read_delay_ms={any_s['delay_ms']}")
            p(f"  {'guard':{gw}}{'reads/s, writer off':>22}{'reads/s, writer on':>22}"
              f"{'read p99, writer on':>22}{'writer SETs/s':>15}")
            for g in guards:
                s = sleeping.get(g, {})
                off, on = s.get("writer_off"), s.get("writer_on")
                p(f"  {g:{gw}}{(off or {}).get('reads_per_s', '-'):>22}"
                  f"{(on or {}).get('reads_per_s', '-'):>22}"
                  f"{fmt_ns((on or {}).get('p99_ns')):>22}"
                  f"{(on or {}).get('writer_swaps_per_s') or 0:>15,.0f}")
            t = result["targets"]["srcu_sleeping_reads_with_writer_vs_without"]
            p(f"  srcu_sleeping_reads_with_writer_vs_without {t['value']} (median of "
              f"paired runs)  target {t['target']}  {mark(t)}")
        p()
    if unstable not in (None, "unknown"):
        during = max((n for n, t in phases.items() if n != "end" and t <= unstable),
                     key=lambda n: phases[n], default="?")
        p(f"Note: the kernel switched from the TSC to {clocks[-1]} at {unstable} s "
          f"(during phase '{during}'; clocksource watchdog). The driver times with the TSC "
          f"either way.")
    if errors:
        p(f"Errors reported by the VM: {errors}")
    p("Targets: " + ", ".join(f"{k} {mark(v)}" for k, v in result["targets"].items()) +
      (" (BENCH_QUICK: too few repetitions to judge the ratios)" if env["quick"] else ""))
    p(f"JSON: {args.out}")
    for plot in result["plots"]:
        p(f"Plot: {os.path.join(outdir, plot)}")
    if args.disasm:
        p(f"Disassembly of the reader loops: {args.disasm}/")
    p(f"VM run {args.vm_seconds} s; make bench so far {args.wall_seconds} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
