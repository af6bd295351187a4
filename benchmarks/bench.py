"""Measure escalate against the smallest Typer program, as ratios in one run.

    python benchmarks/bench.py [--runs 21] [--json]

Each command runs as a whole process, alternating with the floor program (one Typer command
taking one string argument and printing it) on the same interpreter, so a busy machine slows
both alike. Reported: median wall time, its ratio to the floor's, and peak memory (max RSS)
against the floor's. Beside it: the ratio of the fastest runs ("best"), the CPU-time ratio,
and with --instructions the ratio of instructions executed (valgrind), which is the same on a
busy machine as on an idle one. The budget is judged on the wall-time median ratio; on a
shared virtual machine that figure moves by several per cent between runs of the same code.
Output goes to a pipe, as in scripts and shell completion.

Scenarios: the shipped catalogue alone; the same with 1,000 generated company files in the
user data folder (ESCALATE_HOME); and `case list` over a journal of 10,000 cases. One
warm-up run per scenario fills the validated cache, as the first run on a person's machine does.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR = HERE / "floor_app.py"

# The budget of the design: by instruction count where measured (wall time is noisy here).
BUDGET = {"shipped": 1.25, "1000 user files": 1.35, "10000 cases": 1.35}
MEMORY_BUDGET = 1.3

COMMANDS = [
    ["lookup", "elektro"],
    ["advise", "--stage", "sac-failed", "--company", "elektro"],
    ["checklist", "procon"],
]


def escalate_argv() -> list[str]:
    script = Path(sys.executable).with_name("escalate")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "escalate"]


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read() if proc.stderr else b""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}: {err.decode()[-500:]}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime  # maxrss: KiB on Linux


def instructions(argv: list[str], env: dict[str, str]) -> int | None:
    """Instructions executed, counted by valgrind: the same on a busy machine as on an idle one."""
    if not shutil.which("valgrind"):
        return None
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    ).stderr
    found = [line for line in out.splitlines() if "Collected :" in line]
    return int(found[-1].split(":")[-1]) if found else None


def generate_companies(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"bench-{i:04d}.yaml").write_text(
            f"""id: bench-{i:04d}
name: Benchmark Company {i}
aliases: [bench-alias-{i}]
sector: {"energy" if i % 2 else "telecom"}
states: [SP]
verified_on: 2026-11-25
channels:
  - id: sac
    kind: sac
    label: {{pt: SAC, en: SAC}}
    contact: {{phone: "0800 000 {i:04d}"}}
    hours: "24/7"
    status: reported
    sources: [seed-elektro-blog]
  - id: ouvidoria
    kind: ouvidoria
    label: {{pt: Ouvidoria, en: Ouvidoria}}
    hours: "Mo-Fr 08:00-18:00; PH off"
    status: reported
    sources: [seed-elektro-blog]
""",
            encoding="utf-8",
        )


def generate_cases(home: Path, count: int) -> None:
    from escalate.cases import journal

    conn = journal.connect(home / "journal.sqlite3")
    conn.execute("BEGIN")
    for i in range(count):
        conn.execute(
            "INSERT INTO cases (uid, company, problem, title, created) VALUES (?, ?, ?, ?, ?)",
            (f"bench-{i}", "elektro", "billing", f"Benchmark case {i}", "2026-11-01"),
        )
    conn.execute("COMMIT")
    conn.close()


def measure(
    scenario: str,
    home: Path,
    runs: int,
    *,
    count_instructions: bool,
    commands: list[list[str]] | None = None,
) -> list[dict[str, object]]:
    # PYTHONDONTWRITEBYTECODE would make an editable install recompile its modules on every
    # run, a cost no installed copy pays (pip compiles them at install time).
    dropped = ("ESCALATE_LANG", "NO_COLOR", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(ESCALATE_HOME=str(home), LANG="C.UTF-8")
    floor_argv = [sys.executable, str(FLOOR), "elektro"]
    rows = []
    for command in commands or COMMANDS:
        argv = escalate_argv() + command
        run_once(argv, env)  # warm-up: fills the cache, like a person's first run
        run_once(floor_argv, env)
        mine, floor, mine_mem, floor_mem, mine_cpu, floor_cpu = [], [], [], [], [], []
        for _ in range(runs):
            t, m, c = run_once(argv, env)
            mine.append(t)
            mine_mem.append(m)
            mine_cpu.append(c)
            t, m, c = run_once(floor_argv, env)
            floor.append(t)
            floor_mem.append(m)
            floor_cpu.append(c)
        ratio = statistics.median(mine) / statistics.median(floor)
        best_ratio = min(mine) / min(floor)  # the least disturbed run of each
        cpu_ratio = statistics.median(mine_cpu) / statistics.median(floor_cpu)
        instruction_ratio = None
        if count_instructions:
            mine_i, floor_i = instructions(argv, env), instructions(floor_argv, env)
            if mine_i and floor_i:
                instruction_ratio = round(mine_i / floor_i, 3)
        mem_ratio = max(mine_mem) / max(floor_mem)
        rows.append(
            {
                "scenario": scenario,
                "command": "escalate " + " ".join(command),
                "median_ms": round(statistics.median(mine) * 1000, 1),
                "floor_ms": round(statistics.median(floor) * 1000, 1),
                "ratio": round(ratio, 3),
                "best_ratio": round(best_ratio, 3),
                "cpu_ratio": round(cpu_ratio, 3),
                "instruction_ratio": instruction_ratio,
                "budget": BUDGET[scenario],
                "peak_mib": round(max(mine_mem) / 1024, 1),
                "floor_peak_mib": round(max(floor_mem) / 1024, 1),
                "memory_ratio": round(mem_ratio, 3),
                "memory_budget": MEMORY_BUDGET,
                "within_budget": ratio <= BUDGET[scenario] and mem_ratio <= MEMORY_BUDGET,
            }
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each program (default 21)")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count instructions with valgrind (slow, but repeatable on a busy machine)",
    )
    args = parser.parse_args()

    rows = []
    work = Path(tempfile.mkdtemp(prefix="escalate-bench-"))
    try:
        count = args.instructions
        rows += measure("shipped", work / "empty-home", args.runs, count_instructions=count)
        crowded = work / "crowded-home"
        generate_companies(crowded / "companies", 1000)
        rows += measure("1000 user files", crowded, args.runs, count_instructions=count)
        journal_home = work / "journal-home"
        journal_home.mkdir()
        generate_cases(journal_home, 10_000)
        rows += measure(
            "10000 cases",
            journal_home,
            args.runs,
            count_instructions=count,
            commands=[["case", "list"]],
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print(f"python {sys.version.split()[0]} · {args.runs} alternating runs each · median wall time")
    print(
        f"{'scenario':<16} {'command':<52} {'ms':>6} {'floor':>6} {'ratio':>6} {'best':>6}"
        f" {'cpu':>6}"
        f" {'instr':>6} {'budget':>6} {'MiB':>5} {'mem':>5} ok"
    )
    for r in rows:
        instr = f"{r['instruction_ratio']:.3f}" if r["instruction_ratio"] else "-"
        print(
            f"{r['scenario']:<16} {r['command']:<52} {r['median_ms']:>6.0f} {r['floor_ms']:>6.0f}"
            f" {r['ratio']:>6.3f} {r['best_ratio']:>6.3f} {r['cpu_ratio']:>6.3f} {instr:>6}"
            f" {r['budget']:>6}"
            f" {r['peak_mib']:>5} {r['memory_ratio']:>5.2f}"
            f" {'yes' if r['within_budget'] else 'NO'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
