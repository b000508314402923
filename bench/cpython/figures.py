#!/usr/bin/env python3
"""CPython's side of the side-by-side benchmark: the work of bench/cases/*.mjs
done with CPython's own threading, queue and multiprocessing, so the
playground's figures can be read against the real thing.

    python3 bench/cpython/figures.py [word ...]

prints ONE JSON object on stdout:
    {"python": "3.11.7", "figures": {NAME: {"value", "unit", "note"} | {"error"}}}
and one progress line per figure on stderr. Words, if given, keep only the
figures whose names contain one of them (as `node bench/run.mjs lock queue`).

Standard library only, Python 3.8+. Each figure warms up before it is
measured, and a figure that fails is reported as {"error": ...} while the
others still run. Where CPython is much slower per iteration than the
playground's JIT-compiled loops, the work is scaled down so the whole script
stays under a minute on 2 cores; the notes say so.
"""
import json
import math
import multiprocessing
import os
import queue
import statistics
import subprocess
import sys
import threading
import time

# One clock for every figure. Across processes (the *.mp.ops and
# processes.cpu2.speedup figures compare timestamps taken in different
# processes) it is system-wide on Linux (CLOCK_MONOTONIC), macOS and Windows.
now = time.perf_counter

# --- lock.uncontended.ns (bench/cases/lock-uncontended.mjs) -----------------
LOCK_N = 2_000_000
LOCK_REPS = 5


def _time_lock_pairs(lock, n):
    t0 = now()
    for _ in range(n):
        lock.acquire()
        lock.release()
    return now() - t0


def _time_empty_loop(n):
    t0 = now()
    for _ in range(n):
        pass
    return now() - t0


def lock_uncontended():
    lock = threading.Lock()
    _time_lock_pairs(lock, LOCK_N // 10)
    # The JS loop's cost is in its figure too, so this one keeps the Python
    # loop's; the empty loop goes in the note to show how much of it that is.
    best = min(_time_lock_pairs(lock, LOCK_N) for _ in range(LOCK_REPS))
    empty = min(_time_empty_loop(LOCK_N) for _ in range(LOCK_REPS))
    return best * 1e9 / LOCK_N, "ns", (
        f"best of {LOCK_REPS} x {LOCK_N} pairs, loop included (empty loop {empty * 1e9 / LOCK_N:.1f} ns)")


# --- lock.contended4.ns (bench/cases/lock-contended4.mjs) -------------------
# As the JS case: the threads meet at a barrier, each times its own loop,
# and the figure is the span from the first start to the last end, so
# thread start-up stays out of it; a warm-up round, then the best of 3.
CONTENDED_M = 100_000
CONTENDED_THREADS = 4
CONTENDED_ROUNDS = 3


def _contended(m, threads):
    lock = threading.Lock()
    gate = threading.Barrier(threads)
    spans = [None] * threads
    counter = 0

    def work(k):
        nonlocal counter
        gate.wait()
        t0 = now()
        for _ in range(m):
            lock.acquire()
            counter += 1
            lock.release()
        spans[k] = (t0, now())

    ts = [threading.Thread(target=work, args=(k,)) for k in range(threads)]
    t0 = now()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    total = now() - t0
    if counter != threads * m:
        raise RuntimeError(f"counter is {counter}, expected {threads * m}: the Lock did not exclude")
    return max(end for _, end in spans) - min(start for start, _ in spans), total


def lock_contended4():
    _contended(CONTENDED_M // 10, CONTENDED_THREADS)
    rounds = [_contended(CONTENDED_M, CONTENDED_THREADS) for _ in range(CONTENDED_ROUNDS)]
    span = min(span for span, _ in rounds)
    pairs = CONTENDED_THREADS * CONTENDED_M
    totals = "/".join(f"{total * 1000:.0f}" for _, total in rounds)
    return span * 1e9 / pairs, "ns", (
        f"{CONTENDED_THREADS} threads x {CONTENDED_M} pairs from a barrier, best of {CONTENDED_ROUNDS} "
        f"(start()..join() {totals} ms), counter exact")


# --- thread.start.ms (bench/cases/thread-start.mjs) -------------------------
START_RUNS = 30


def thread_start():
    first_line = [math.nan]

    def target():
        first_line[0] = now()

    def once():
        t = threading.Thread(target=target)
        first_line[0] = math.nan  # stays NaN if the target never runs
        t0 = now()
        t.start()
        t.join()
        return (first_line[0] - t0) * 1000

    for _ in range(3):
        once()
    samples = [once() for _ in range(START_RUNS)]
    if not all(math.isfinite(s) for s in samples):
        raise RuntimeError("a thread's target never ran")
    return statistics.median(samples), "ms", (
        f"median of {START_RUNS}; min {min(samples):.3f}, max {max(samples):.3f}"), samples


def p95(values):
    """The nearest-rank 95th percentile, as bench/snippet.mjs takes it."""
    ordered = sorted(values)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


_start_samples = {}


def thread_start_median():
    value, unit, note, samples = thread_start()
    _start_samples["last"] = samples
    return value, unit, note


def thread_start_p95():
    # The samples of thread.start.ms when it ran just before; else its own.
    samples = _start_samples.pop("last", None) or thread_start()[3]
    return p95(samples), "ms", f"95th percentile of the same {START_RUNS}"


# --- queue.*.ops (bench/cases/queue-throughput.mjs) -------------------------
QUEUE_ITEMS = 200_000
# multiprocessing.Queue pickles every item through a pipe, several times
# slower than queue.Queue: fewer items keep it within the time budget.
MP_QUEUE_ITEMS = 50_000


def _produce_ints(q, n):
    for i in range(n):
        q.put(i)
    q.put(None)


def _produce_objects(q, n):
    for i in range(n):
        q.put({"id": i, "name": "item" + str(i % 100), "tags": ["a", "b"]})
    q.put(None)


def _produce_or_stop(produce, q, n):
    # On a failure, the end mark anyway: the consumer then stops, short of
    # items, instead of waiting for the rest forever.
    try:
        produce(q, n)
    except Exception:
        q.put(None)
        raise


def _consume(q, n):
    got = 0
    while q.get() is not None:
        got += 1
    if got != n:
        raise RuntimeError(f"lost items: {got} of {n}")


def _thread_queue_seconds(produce, n):
    # As the JS case: the clock starts before the producer thread exists.
    q = queue.Queue()
    t0 = now()
    producer = threading.Thread(target=_produce_or_stop, args=(produce, q, n))
    producer.start()
    _consume(q, n)
    elapsed = now() - t0
    producer.join()
    return elapsed


def _produce_when_told(produce, q, go, n):
    q.put("ready")
    go.wait()
    _produce_or_stop(produce, q, n)


def _process_queue_seconds(produce, n):
    # A process takes tens of ms to start (more with "spawn"): it starts
    # before the clock, so the figure is the queue's throughput alone.
    q = multiprocessing.Queue()
    go = multiprocessing.Event()
    producer = multiprocessing.Process(target=_produce_when_told, args=(produce, q, go, n), daemon=True)
    producer.start()
    try:
        if q.get(timeout=60) != "ready":
            raise RuntimeError("the producer process did not say ready")
        t0 = now()
        go.set()
        _consume(q, n)
        elapsed = now() - t0
    finally:
        producer.join(timeout=30)
        if producer.is_alive():
            producer.terminate()
    return elapsed


def _queue_figure(seconds, produce, n, what):
    def measure():
        seconds(produce, n // 10)
        best = min(seconds(produce, n) for _ in range(3))
        return n / best, "ops", f"{n} {what}, items/s, best of 3"
    return measure


# --- pool.map.task.us (bench/cases/pool-map.mjs) ----------------------------
POOL_ITEMS = 10_000
POOL_TIMEOUT_S = 60


def _identity(x):
    return x


def _inc(x):
    return x + 1


def pool_map():
    items = list(range(POOL_ITEMS))
    # Leaving the with-block terminates the pool, even after an error.
    with multiprocessing.Pool(2) as pool:
        # map_async(...).get(timeout) is what map() does, with a timeout: a
        # worker that dies would otherwise leave map() waiting forever.
        pool.map_async(_identity, [1, 2, 3, 4]).get(POOL_TIMEOUT_S)
        best = math.inf
        for _ in range(5):
            t0 = now()
            out = pool.map_async(_inc, items).get(POOL_TIMEOUT_S)
            best = min(best, now() - t0)
            if len(out) != POOL_ITEMS or out[-1] != POOL_ITEMS:
                raise RuntimeError("wrong result")
        pool.close()
        pool.join()
    return best * 1e6 / POOL_ITEMS, "us", f"{POOL_ITEMS} items, 2 worker processes, default chunksize, best of 5"


# --- gil.cpu2.speedup, processes.cpu2.speedup (bench/cases/gil.mjs) ---------
# The JS counts 40M per half; a CPython iteration costs tens of times a
# JIT-compiled one, so 5M per half here. The figure is a ratio of two times,
# so the scale drops out.
CPU_WORK = 5_000_000
CPU_WARM = 1_000_000
CPU_TIMEOUT_S = 60


def count(n):
    x = 0
    for i in range(n):
        x += i % 7
    return x


# Reports (first count's start, last count's end), taken inside the thread
# or process after a warm-up call, as the JS does: the figure is about
# running in parallel, not about starting threads or processes. A failure is
# reported too, as a string, so the parent does not wait for a span forever.
def _count_halves(report, halves):
    try:
        count(CPU_WARM)
        t0 = now()
        for _ in range(halves):
            count(CPU_WORK)
        report.put((t0, now()))
    except Exception as error:
        report.put(f"{type(error).__name__}: {error}")
        raise


def _span(worker_class, queue_class, halves, workers):
    report = queue_class()
    ws = [worker_class(target=_count_halves, args=(report, halves)) for _ in range(workers)]
    for w in ws:
        w.start()
    # Read before joining: a process that has put into a multiprocessing.Queue
    # may not exit until the item is taken.
    spans = [report.get(timeout=CPU_TIMEOUT_S) for _ in ws]
    for w in ws:
        w.join()
    for span in spans:
        if isinstance(span, str):
            raise RuntimeError(f"a worker failed: {span}")
    return max(end for _, end in spans) - min(start for start, _ in spans)


def _speedup(worker_class, queue_class, one_name, two_name):
    def measure():
        # One worker counts both halves; then two workers count one half each.
        _span(worker_class, queue_class, 2, 1)
        _span(worker_class, queue_class, 1, 2)
        one = two = math.inf
        for _ in range(3):
            one = min(one, _span(worker_class, queue_class, 2, 1))
            two = min(two, _span(worker_class, queue_class, 1, 2))
        return one / two, "x", (
            f"{one_name} {one * 1000:.0f} ms, {two_name} {two * 1000:.0f} ms (best of 3), "
            f"{CPU_WORK} iterations per half, {os.cpu_count()} cores")
    return measure


# --- run.firstLine.ms (bench/cases/run-first-line.mjs) ----------------------
FIRST_LINE_RUNS = 5


def _first_line_seconds():
    t0 = now()
    p = subprocess.Popen([sys.executable, "-c", "print(1)"], stdout=subprocess.PIPE)
    try:
        line = p.stdout.readline()
        elapsed = now() - t0
    finally:
        p.stdout.close()
        p.wait()
    if line.strip() != b"1":
        raise RuntimeError(f"the child printed {line!r}")
    return elapsed


def run_first_line():
    _first_line_seconds()
    samples = [_first_line_seconds() * 1000 for _ in range(FIRST_LINE_RUNS)]
    return statistics.median(samples), "ms", (
        f'{os.path.basename(sys.executable)} -c "print(1)": spawn -> its line read, median of {FIRST_LINE_RUNS}')


FIGURES = [
    ("lock.uncontended.ns", lock_uncontended),
    ("lock.contended4.ns", lock_contended4),
    ("thread.start.ms", thread_start_median),
    ("thread.start.p95.ms", thread_start_p95),
    ("queue.ints.ops", _queue_figure(_thread_queue_seconds, _produce_ints, QUEUE_ITEMS, "small ints")),
    ("queue.objects.ops", _queue_figure(_thread_queue_seconds, _produce_objects, QUEUE_ITEMS, "{id, name, tags} dicts")),
    ("queue.ints.mp.ops", _queue_figure(_process_queue_seconds, _produce_ints, MP_QUEUE_ITEMS, "small ints between 2 processes (started before the clock)")),
    ("queue.objects.mp.ops", _queue_figure(_process_queue_seconds, _produce_objects, MP_QUEUE_ITEMS, "{id, name, tags} dicts between 2 processes (started before the clock)")),
    ("pool.map.task.us", pool_map),
    ("gil.cpu2.speedup", _speedup(threading.Thread, queue.Queue, "one thread", "two threads")),
    ("processes.cpu2.speedup", _speedup(multiprocessing.Process, multiprocessing.Queue, "one process", "two processes")),
    ("run.firstLine.ms", run_first_line),
]


def main():
    only = sys.argv[1:]
    figures = {}
    for name, measure in FIGURES:
        if only and not any(word in name for word in only):
            continue
        t0 = now()
        try:
            value, unit, note = measure()
            if not math.isfinite(value):
                raise RuntimeError(f"non-numeric value {value!r}")
            figures[name] = {"value": value, "unit": unit, "note": note}
        except (queue.Empty, multiprocessing.TimeoutError):
            figures[name] = {"error": "timed out waiting for a thread or process"}
        except Exception as error:  # one figure's failure must not cost the others
            figures[name] = {"error": f"{type(error).__name__}: {error}"}
        print(f"figures.py: {name} done in {now() - t0:.1f} s", file=sys.stderr, flush=True)
    print(json.dumps({"python": sys.version.split()[0], "figures": figures}))


if __name__ == "__main__":
    main()
