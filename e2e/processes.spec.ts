// Processes (API.md §1, §6): a copy of everything at start(), shared only
// through playground objects; pids, exit codes and terminate().
import { apiTest as test, expect, runSnippet, outputTexts, describeRun } from "./fixtures";

test("a process gets a copy of numbers and objects, and shares only playground objects", async ({ playground }) => {
  // Scenario (the seed's "each process has its own copy of variables"): a
  // process changes a top-level number, a top-level array, a sharedArray and
  // a Value; MainThread sees only the sharedArray's and the Value's changes.
  const result = await runSnippet(playground, `
    import { Process, Value, sharedArray, print } from "playground";
    let count = 1;
    const items = [1, 2];
    const shared = sharedArray("int32", 1);
    const v = new Value("int32", 0);
    function child() { count = 100; items.push(3); shared[0] = 42; v.value = 7; print("child", count, items.length); }
    const p = new Process({ target: child });
    p.start(); p.join();
    print("parent", count, items.length, shared[0], v.value, p.exitcode);
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result)).toEqual(["child 100 3", "parent 1 2 42 7 0"]);
  expect(result.threads.find((t) => t.name === "Process-1")?.kind).toBe("process");
});

test("processes have their own pids and know their parent", async ({ playground }) => {
  // Scenario: MainProcess and two children print pid/ppid/name; children's
  // pids differ from each other and from the parent, their ppid is the
  // parent's pid.
  const result = await runSnippet(playground, `
    import { Process, getpid, getppid, currentProcess, print } from "playground";
    function info(tag: string) { print(tag, currentProcess().name, getpid(), getppid()); }
    info("main");
    const ps = [new Process({ target: info, args: ["child"] }), new Process({ target: info, args: ["child"] })];
    ps.forEach((p) => p.start()); ps.forEach((p) => p.join());
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  const rows = outputTexts(result).map((l) => l.split(" "));
  const main = rows.find((r) => r[0] === "main")!;
  expect(main[1]).toBe("MainProcess");
  const children = rows.filter((r) => r[0] === "child");
  expect(children.map((r) => r[1]).sort()).toEqual(["Process-1", "Process-2"]);
  expect(new Set([main[2], children[0][2], children[1][2]]).size).toBe(3);
  for (const c of children) expect(c[3]).toBe(main[2]);
});

test("terminate() ends a running process with exit code -15; an error gives 1", async ({ playground }) => {
  // Scenario: one process loops forever and is terminated; another throws.
  const result = await runSnippet(playground, `
    import { Process, print, sleep } from "playground";
    const spinner = new Process({ target: () => { for (;;) {} } });
    const failing = new Process({ target: () => { throw new Error("boom"); } });
    spinner.start(); failing.start();
    sleep(50);
    print("alive before", spinner.isAlive(), spinner.exitcode);
    spinner.terminate(); spinner.join(); failing.join();
    print("after", spinner.isAlive(), spinner.exitcode, failing.exitcode);
  `);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result, "MainThread")).toEqual(["alive before true null", "after false -15 1"]);
  expect(result.threads.find((t) => t.name === "Process-1")?.state).toBe("stopped");
});

test("inside a process, currentThread() and mainThread() are its MainThread, and enumerate() lists its own threads, as in a Python child", async ({ playground }) => {
  // Before: the child's currentThread().name was the process's name, and mainThread() the parent's (and its handle,
  // passed to another of its threads, read the process's name there). The expected
  // lines are what CPython 3.11 prints for the same program with threading and multiprocessing.
  const result = await runSnippet(playground, `import { Process, Thread, Event, Queue, currentThread, currentProcess, mainThread, enumerate, activeCount, print } from "playground";
function helper(go: Event) { go.wait(); }
function child() {
  const go = new Event();
  const t = new Thread({ target: helper, args: [go], name: "child-helper" });
  t.start();
  print("in child:", currentThread().name, currentProcess().name, mainThread().name, mainThread() === currentThread());
  print("child sees:", activeCount(), enumerate().map((x) => x.name).sort().join(","));
  const back = new Queue<Thread>();
  const seer = new Thread({ target: (h: Thread) => { print("helper sees:", h.name, mainThread().name); back.put(h); }, args: [mainThread()] });
  seer.start(); seer.join();
  print("back home:", back.get() === currentThread());
  currentThread().name = "renamed";
  print("after rename:", currentThread().name, currentProcess().name);
  go.set(); t.join();
}
const p = new Process({ target: child, name: "worker-proc" });
p.start(); p.join();
print("main:", currentThread().name, currentProcess().name, mainThread().name, activeCount(), enumerate().map((x) => x.name).join(","));
print("p.name", p.name);
`);
  expect(result.status, describeRun(result)).toBe("ok");
  expect(outputTexts(result), describeRun(result)).toEqual([
    "in child: MainThread worker-proc MainThread true",
    "child sees: 2 MainThread,child-helper",
    "helper sees: MainThread MainThread",
    "back home: true",
    "after rename: renamed worker-proc",
    "main: MainThread MainProcess MainThread 1 MainThread",
    "p.name worker-proc",
  ]);
  // The process's lane keeps the process's name: a rename inside it renames its thread, not the process.
  expect(result.output.filter((line) => line.text.startsWith("in child")).map((line) => line.thread)).toEqual(["worker-proc"]);
});
