// The Python each TypeScript name of the "playground" module stands for, so
// that an example's explanation can say which call of the learner's
// tutorial each line is ("new Thread({ target, args })" is
// threading.Thread(target=..., args=...)). One table for the whole API; an
// example's list is made from the names its code imports, in import order,
// so it can never name a call the code does not make.
// (DESIGN.md: src/examples imports nothing.)

export interface PythonCall {
  /** as the TypeScript says it */
  ts: string;
  /** as Python says it */
  py: string;
}

/** Per imported name; a name missing here fails python-calls.test.ts for the example that imports it. */
const CALLS: Record<string, PythonCall> = {
  Thread: { ts: "new Thread({ target, args })", py: "threading.Thread(target=..., args=...)" },
  currentThread: { ts: "currentThread()", py: "threading.current_thread()" },
  mainThread: { ts: "mainThread()", py: "threading.main_thread()" },
  activeCount: { ts: "activeCount()", py: "threading.active_count()" },
  enumerate: { ts: "enumerate()", py: "threading.enumerate()" },
  startNewThread: { ts: "startNewThread(fn, args)", py: "_thread.start_new_thread(fn, args)" },
  Timer: { ts: "new Timer(ms, fn)", py: "threading.Timer(seconds, fn)" },
  local: { ts: "local()", py: "threading.local()" },
  Lock: { ts: "new Lock(), lock.with(fn)", py: "threading.Lock(), with lock:" },
  RLock: { ts: "new RLock()", py: "threading.RLock()" },
  RWLock: { ts: "new RWLock()", py: "(no standard class: a readers-writer lock built from a Condition)" },
  Condition: { ts: "new Condition(lock)", py: "threading.Condition(lock)" },
  Semaphore: { ts: "new Semaphore(n)", py: "threading.Semaphore(n)" },
  BoundedSemaphore: { ts: "new BoundedSemaphore(n)", py: "threading.BoundedSemaphore(n)" },
  Event: { ts: "new Event()", py: "threading.Event()" },
  Barrier: { ts: "new Barrier(n)", py: "threading.Barrier(n)" },
  sleep: { ts: "sleep(ms)", py: "time.sleep(seconds)" },
  now: { ts: "now()", py: "time.perf_counter() * 1000" },
  print: { ts: "print(...)", py: "print(...)" },
  atexit: { ts: "atexit.register(fn)", py: "atexit.register(fn)" },
  exit: { ts: "exit(code)", py: "sys.exit(code)" },
  sharedArray: { ts: "sharedArray(type, n)", py: "multiprocessing.Array(type, n)" },
  Process: { ts: "new Process({ target, args })", py: "multiprocessing.Process(target=..., args=...)" },
  getpid: { ts: "getpid()", py: "os.getpid()" },
  getppid: { ts: "getppid()", py: "os.getppid()" },
  currentProcess: { ts: "currentProcess()", py: "multiprocessing.current_process()" },
  Value: { ts: "new Value(type, v)", py: "multiprocessing.Value(type, v)" },
  Pool: { ts: "new Pool(n)", py: "multiprocessing.Pool(n)" },
  Queue: { ts: "new Queue(maxsize)", py: "queue.Queue(maxsize)" },
  LifoQueue: { ts: "new LifoQueue()", py: "queue.LifoQueue()" },
  PriorityQueue: { ts: "new PriorityQueue()", py: "queue.PriorityQueue()" },
  Full: { ts: "Full", py: "queue.Full" },
  Empty: { ts: "Empty", py: "queue.Empty" },
  Pipe: { ts: "Pipe()", py: "multiprocessing.Pipe()" },
  Connection: { ts: "Connection", py: "multiprocessing.connection.Connection" },
  EOFError: { ts: "EOFError", py: "EOFError" },
  ThreadPoolExecutor: { ts: "new ThreadPoolExecutor(n)", py: "concurrent.futures.ThreadPoolExecutor(n)" },
  asCompleted: { ts: "asCompleted(futures)", py: "concurrent.futures.as_completed(futures)" },
  gilEnabled: { ts: "gilEnabled()", py: "sys._is_gil_enabled()" },
  asyncio: { ts: "asyncio.run / createTask / gather / sleep", py: "asyncio.run / create_task / gather / sleep" },
  assert: { ts: "assert(cond, message)", py: "assert cond, message" },
};

/** The names `code` imports from "playground", in order. */
export function playgroundImports(code: string): string[] {
  const match = /import\s*\{([^}]*)\}\s*from\s*"playground"/.exec(code);
  if (!match) return [];
  return match[1].split(",").map((name) => name.trim().split(/\s+as\s+/)[0]).filter((name) => name.length > 0);
}

/** What Python calls `code` makes, as pairs (print, whose name and use are the same, left out); names without an entry are skipped. */
export function pythonCallsOf(code: string): PythonCall[] {
  return playgroundImports(code).flatMap((name) => (name !== "print" && CALLS[name] ? [CALLS[name]] : []));
}

/** Imported names the table does not know (a test keeps this empty for the gallery). */
export function unknownImports(code: string): string[] {
  return playgroundImports(code).filter((name) => !CALLS[name]);
}
