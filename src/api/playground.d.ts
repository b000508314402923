// The "playground" module as the editor sees it: Monaco loads this file as an
// extra lib, so every JSDoc comment below is a hover doc a learner reads.
// It declares a subset of shared/API.md; keep names and semantics in step
// with it. All times are milliseconds.

declare module "playground" {
  /** Element types of shared memory, named as in `multiprocessing.Array`. */
  export type SharedType =
    | "int8" | "uint8" | "int16" | "uint16" | "int32" | "uint32"
    | "float32" | "float64" | "bigint64" | "biguint64";

  /** The typed array `sharedArray(type, n)` returns for each element type. */
  export interface SharedArrayOf {
    int8: Int8Array<SharedArrayBuffer>;
    uint8: Uint8Array<SharedArrayBuffer>;
    int16: Int16Array<SharedArrayBuffer>;
    uint16: Uint16Array<SharedArrayBuffer>;
    int32: Int32Array<SharedArrayBuffer>;
    uint32: Uint32Array<SharedArrayBuffer>;
    float32: Float32Array<SharedArrayBuffer>;
    float64: Float64Array<SharedArrayBuffer>;
    bigint64: BigInt64Array<SharedArrayBuffer>;
    biguint64: BigUint64Array<SharedArrayBuffer>;
  }

  /** The JavaScript value held by one element: `bigint` for the 64-bit integer types, else `number`. */
  export type SharedScalar<K extends SharedType> = K extends "bigint64" | "biguint64" ? bigint : number;

  /** Options of `new Thread({...})`, as in Python's `threading.Thread(target=..., args=...)`. */
  export interface ThreadOptions<A extends unknown[]> {
    /** The function the thread runs. It may use the snippet's top-level functions and variables. */
    target?: (...args: A) => unknown;
    /** Arguments for `target`; copied into the thread at `start()`. */
    args?: [...A];
    /** The thread's name; default `Thread-N`, N counting from 1 in each run. */
    name?: string;
    /** A daemon thread does not keep the run alive: it is stopped when the others have finished. */
    daemon?: boolean;
  }

  /**
   * A thread of control, running in its own Web Worker: real parallelism.
   *
   * Pass a `target`, or subclass and override `run()`:
   * ```ts
   * const t = new Thread({ target: work, args: [3] });
   * t.start();
   * t.join();
   * ```
   */
  export class Thread<A extends unknown[] = unknown[]> {
    constructor(options?: ThreadOptions<A>);
    /** The thread's name; default `Thread-N`. Shown on its output lines and timeline lane. */
    name: string;
    /** Identifies the thread once started; `null` before `start()`. */
    readonly ident: number | null;
    /** Whether the thread is a daemon (stopped when the run ends). Settable before `start()` only. */
    daemon: boolean;
    /** Starts the thread: `run()` is called in a new worker. A second call throws `RuntimeError`. */
    start(): void;
    /** What the thread does. The default calls `target(...args)`; override it in a subclass. */
    run(): void;
    /**
     * Blocks the caller until the thread finishes, or until `timeoutMs` has passed.
     * @param timeoutMs give up after this many milliseconds; wait forever when omitted
     * @returns true when the thread has finished. Joining the current thread throws `RuntimeError`.
     */
    join(timeoutMs?: number): boolean;
    /** True from just before `run()` starts until just after it ends. */
    isAlive(): boolean;
  }

  /** The calling thread (its `name`, `ident` and `daemon`). */
  export function currentThread(): Thread;
  /** The run's main thread: the snippet's top level, named `MainThread`. */
  export function mainThread(): Thread;
  /** How many threads are alive now, MainThread included. */
  export function activeCount(): number;
  /** The threads alive now, MainThread included. */
  export function enumerate(): Thread[];
  /** The calling thread's ident (Python's `threading.get_ident`). */
  export function getIdent(): number;
  /**
   * Starts a daemon thread at once that calls `fn(...args)` (Python's low-level `_thread.start_new_thread`).
   * @returns the new thread's ident
   */
  export function startNewThread<A extends unknown[]>(fn: (...args: A) => unknown, args?: [...A]): number;

  /** Blocks the calling thread for `ms` milliseconds; its lane shows it as sleeping. */
  export function sleep(ms: number): void;
  /** Prints one output line, tagged with the calling thread's name and the time. Values are joined by spaces. */
  export function print(...values: unknown[]): void;
  /** Milliseconds since the run started, on one clock shared by every thread. */
  export function now(): number;
  /** Draws a labelled mark at this moment on the calling thread's timeline lane. */
  export function mark(label: string): void;
  /** Runs `fn` and draws it as a labelled span on the calling thread's lane. @returns what `fn` returns */
  export function span<T>(label: string, fn: () => T): T;

  /**
   * A mutual-exclusion lock (Python's `threading.Lock`). Any thread may release it.
   * ```ts
   * lock.with(() => { counter += 1; });
   * ```
   */
  export class Lock {
    constructor();
    /**
     * Takes the lock, waiting for it when `blocking` is true.
     * @param blocking wait for the lock (default true); false returns at once
     * @param timeoutMs give up after this many milliseconds; wait forever when omitted
     * @returns true when the lock was taken
     */
    acquire(blocking?: boolean, timeoutMs?: number): boolean;
    /** Releases the lock. Releasing an unlocked lock throws `RuntimeError`. */
    release(): void;
    /** True while some thread holds the lock. */
    locked(): boolean;
    /** Acquires the lock, runs `fn`, and releases the lock even when `fn` throws. @returns what `fn` returns */
    with<T>(fn: () => T): T;
  }

  /**
   * A re-entrant lock (Python's `threading.RLock`): the thread that holds it may acquire it again,
   * and must release it as many times. Only the owner may release it.
   */
  export class RLock {
    constructor();
    /**
     * Takes the lock, or counts one more level when the caller already owns it.
     * @param blocking wait for the lock (default true); false returns at once
     * @param timeoutMs give up after this many milliseconds; wait forever when omitted
     * @returns true when the lock was taken
     */
    acquire(blocking?: boolean, timeoutMs?: number): boolean;
    /** Releases one level. A thread that does not own the lock gets `RuntimeError`. */
    release(): void;
    /** Acquires the lock, runs `fn`, and releases it even when `fn` throws. @returns what `fn` returns */
    with<T>(fn: () => T): T;
  }

  /**
   * A readers–writers lock (the classic lesson; not in Python's standard library): many threads may
   * read at once, or one may write. A writer that waits keeps new readers out, so it is not starved.
   * ```ts
   * const table = new RWLock();
   * // readers: table.reading(() => lookup(k));     writers: table.writing(() => store(k, v));
   * ```
   */
  export class RWLock {
    constructor();
    /** Takes a read hold, waiting while a writer holds it or waits for it. @returns true when taken */
    acquireRead(blocking?: boolean, timeoutMs?: number): boolean;
    /** Gives back a read hold of this thread; `RuntimeError` if it holds none. */
    releaseRead(): void;
    /** Takes the write hold, waiting while anyone holds the lock. @returns true when taken */
    acquireWrite(blocking?: boolean, timeoutMs?: number): boolean;
    /** Gives back this thread's write hold; `RuntimeError` if it does not hold it. */
    releaseWrite(): void;
    /** Runs `fn` holding a read, and releases it even when `fn` throws. @returns what `fn` returns */
    reading<T>(fn: () => T): T;
    /** Runs `fn` holding the write lock, and releases it even when `fn` throws. @returns what `fn` returns */
    writing<T>(fn: () => T): T;
  }

  /**
   * A typed array on shared memory, seen by every thread and process of the run.
   * `arr[i]++` races for real; `Atomics.add(arr, i, 1)` does not.
   * @param type the element type, e.g. `"int32"` or `"float64"`
   * @param length the number of elements, all starting at zero
   */
  export function sharedArray<K extends SharedType>(type: K, length: number): SharedArrayOf[K];

  /**
   * One shared number (Python's `multiprocessing.Value`). `v.value += 1` is a racy
   * read-modify-write; guard it with `v.getLock()`.
   */
  export class Value<K extends SharedType = "float64"> {
    /**
     * @param type the element type, e.g. `"int32"` or `"float64"`
     * @param initial the starting value (default 0)
     */
    constructor(type: K, initial?: SharedScalar<K>);
    /** The current value; plain reads and writes, no locking. */
    value: SharedScalar<K>;
    /** The `Lock` that came with this value, for guarding read-modify-writes. */
    getLock(): Lock;
  }

  /** Python's `RuntimeError`: e.g. starting a thread twice, or releasing an unlocked lock. */
  export class RuntimeError extends Error {
    constructor(message?: string);
  }

  /** Python's `ValueError`: an argument has the right type but a bad value. */
  export class ValueError extends Error {
    constructor(message?: string);
  }

  /** Python's `AssertionError`: an `assert` failed. */
  export class AssertionError extends Error {
    constructor(message?: string);
  }

  /**
   * Python's `assert condition, message`: throws `AssertionError(message)` when `condition` is false.
   * In a controlled run, "Find a failing interleaving" looks for a schedule where an assert fails.
   */
  export function assert(condition: unknown, message?: string): asserts condition;

  /** Python's `TimeoutError`: a blocking call gave up after its `timeoutMs`. */
  export class TimeoutError extends Error {
    constructor(message?: string);
  }

  /**
   * A thread that calls `fn(...args)` after `intervalMs` (Python's `threading.Timer`),
   * unless `cancel()` is called first. Start it with `start()`.
   */
  export class Timer<A extends unknown[] = unknown[]> extends Thread<A> {
    constructor(intervalMs: number, fn: (...args: A) => unknown, args?: [...A]);
    /** How long the timer waits, in ms. */
    readonly interval: number;
    /** Stops the timer if it is still waiting; it then never calls its function. */
    cancel(): void;
  }

  /**
   * An object whose properties belong to the thread that sets them (Python's `threading.local`).
   * Each thread that receives it starts with an empty one.
   */
  export function local<T extends object = Record<string, any>>(): T;

  /**
   * Ends the calling thread by raising `SystemExit` (Python's `sys.exit`). In MainThread it ends
   * the main program: non-daemon threads are still waited for, then `atexit` functions run.
   * @param code the run's exit code (default 0)
   */
  export function exit(code?: number): never;
  /** Ends the whole run at once, every thread, skipping `atexit` functions (Python's `os._exit`). */
  export function osExit(code?: number): never;
  /** Functions to call when the program ends normally, last registered first (Python's `atexit`). */
  export const atexit: {
    /** Calls `fn(...args)` at exit. Available in MainThread. @returns `fn` */
    register<F extends (...args: any[]) => unknown>(fn: F, ...args: Parameters<F>): F;
    /** Removes `fn` from the functions to call at exit. */
    unregister(fn: (...args: any[]) => unknown): void;
  };
  /** Raised by `exit()`; catching it stops the exit. */
  export class SystemExit extends Error {
    readonly code: number;
  }

  /**
   * A process (Python's `multiprocessing.Process`): like a thread, but it gets a *copy* of
   * everything at `start()` — numbers and booleans included — as `fork()` gives a child its
   * own memory. Only playground objects (locks, queues, shared arrays, ...) stay shared.
   */
  export interface ProcessOptions<A extends unknown[]> extends ThreadOptions<A> {
    /**
     * Run this process with the GIL (`true`) or free-threaded (`false`, like
     * Python 3.13t); default: as its parent. Each process has its own GIL.
     */
    gil?: boolean;
  }
  export class Process<A extends unknown[] = unknown[]> extends Thread<A> {
    constructor(options?: ProcessOptions<A>);
    /** The process id once started, else `null`. */
    readonly pid: number | null;
    /** `null` while running; 0 after a normal end, 1 after an error, -15 after `terminate()`. */
    readonly exitcode: number | null;
    /** Ends the process and its threads now (SIGTERM). Locks it holds stay held, as in Python. */
    terminate(): void;
    /** Same as `terminate()`. */
    kill(): void;
  }
  /** The process the caller runs in: `MainProcess` for the program itself. */
  export function currentProcess(): { name: string; pid: number; daemon: boolean };
  /** The caller's process id. */
  export function getpid(): number;
  /** The parent process's id. */
  export function getppid(): number;
  /** The number of logical processors (`navigator.hardwareConcurrency`). */
  export function cpuCount(): number;
  /**
   * A condition variable (Python's `threading.Condition`): threads holding its lock wait on it
   * until another thread changes shared state and notifies them.
   * ```ts
   * const changed = new Condition();
   * changed.with(() => { while (items.length === 0) changed.wait(); take(); });   // consumer
   * changed.with(() => { put(); changed.notify(); });                               // producer
   * ```
   */
  export class Condition {
    /** @param lock the lock to use, a `Lock` or `RLock`; a new `RLock` when omitted */
    constructor(lock?: Lock | RLock);
    /**
     * Acquires the underlying lock.
     * @param blocking wait for the lock (default true); false returns at once
     * @param timeoutMs give up after this many milliseconds; wait forever when omitted
     * @returns true when the lock was taken
     */
    acquire(blocking?: boolean, timeoutMs?: number): boolean;
    /** Releases the underlying lock. */
    release(): void;
    /** Acquires the lock, runs `fn`, and releases the lock even when `fn` throws. @returns what `fn` returns */
    with<T>(fn: () => T): T;
    /**
     * Releases the lock, blocks until another thread calls `notify()` or `notifyAll()`, then re-acquires
     * the lock. The caller must hold the lock, else `RuntimeError`. Its lane shows it as waiting.
     * @param timeoutMs give up after this many milliseconds; wait forever when omitted
     * @returns false when `timeoutMs` passed without a notify
     */
    wait(timeoutMs?: number): boolean;
    /**
     * Waits until `predicate()` returns a truthy value, checking it first and after every wake-up.
     * @param timeoutMs give up after this many milliseconds in all; wait forever when omitted
     * @returns the predicate's last value (falsy only on timeout)
     */
    waitFor<T>(predicate: () => T, timeoutMs?: number): T;
    /** Wakes up to `n` (default 1) of the threads waiting now, longest-waiting first. The caller must hold the lock, else `RuntimeError`. */
    notify(n?: number): void;
    /** Wakes every thread waiting now. The caller must hold the lock, else `RuntimeError`. */
    notifyAll(): void;
  }

  /**
   * A counter of free units (Python's `threading.Semaphore`): `acquire()` takes one, waiting while
   * there are none; `release()` gives one back. Lets at most `value` threads in at once.
   * ```ts
   * const slots = new Semaphore(2);
   * slots.with(() => download());
   * ```
   */
  export class Semaphore {
    /** @param value the number of free units at the start (default 1); a negative value throws `ValueError` */
    constructor(value?: number);
    /**
     * Takes one unit, waiting for one when `blocking` is true; its lane shows it as blocked meanwhile.
     * @param blocking wait for a unit (default true); false returns at once
     * @param timeoutMs give up after this many milliseconds; wait forever when omitted
     * @returns true when a unit was taken
     */
    acquire(blocking?: boolean, timeoutMs?: number): boolean;
    /** Gives back `n` units (default 1), waking up to `n` waiting threads. Any thread may release. */
    release(n?: number): void;
    /** Acquires, runs `fn`, and releases even when `fn` throws. @returns what `fn` returns */
    with<T>(fn: () => T): T;
  }

  /**
   * A `Semaphore` that may not go above its starting value (Python's `threading.BoundedSemaphore`):
   * such a `release()` throws `ValueError`, as it usually means a bug.
   */
  export class BoundedSemaphore extends Semaphore {
    /** @param value the number of free units at the start, and the most there may ever be (default 1) */
    constructor(value?: number);
  }

  /**
   * A flag that threads can wait for (Python's `threading.Event`); it starts clear.
   * ```ts
   * const ready = new Event();
   * // a thread: ready.wait();    MainThread: ready.set();
   * ```
   */
  export class Event {
    constructor();
    /** Sets the flag and wakes every thread waiting for it. */
    set(): void;
    /** Clears the flag: later `wait()` calls block until the next `set()`. */
    clear(): void;
    /** True while the flag is set. */
    isSet(): boolean;
    /**
     * Blocks until the flag is set; returns at once if it already is. Its lane shows it as waiting.
     * @param timeoutMs give up after this many milliseconds; wait forever when omitted
     * @returns true when the flag was set, false on timeout
     */
    wait(timeoutMs?: number): boolean;
  }

  /**
   * A meeting point for a fixed number of threads (Python's `threading.Barrier`): each calls `wait()`,
   * and all go on together once `parties` of them are waiting. It is ready again for the next round.
   * ```ts
   * const step = new Barrier(3, () => print("all three arrived"));
   * // in each of 3 threads: work(); step.wait(); moreWork();
   * ```
   */
  export class Barrier {
    /**
     * @param parties how many threads must call `wait()` before any goes on (at least 1)
     * @param action runs once per round, in the last thread to arrive, before the others go on
     * @param timeoutMs the default timeout of `wait()`
     */
    constructor(parties: number, action?: () => unknown, timeoutMs?: number);
    /**
     * Waits for the other parties; its lane shows it as waiting.
     * @param timeoutMs give up after this many milliseconds (default: the constructor's; forever when
     *   neither is given); giving up breaks the barrier for everyone
     * @returns this thread's arrival index in this round, 0 to `parties - 1`
     * @throws BrokenBarrierError when the barrier is broken, aborted or reset while waiting, or the wait times out
     */
    wait(timeoutMs?: number): number;
    /** Breaks the barrier: threads waiting now and later get `BrokenBarrierError` until `reset()`. */
    abort(): void;
    /** Returns the barrier to its initial state; threads waiting now get `BrokenBarrierError`. */
    reset(): void;
    /** How many threads must call `wait()` for the barrier to open. */
    readonly parties: number;
    /** How many threads are waiting in the current round. */
    readonly nWaiting: number;
    /** True after `abort()`, a timed-out `wait()` or a failed action, until `reset()`. */
    readonly broken: boolean;
  }

  /** Python's `BrokenBarrierError` (a `RuntimeError`): a `Barrier` was aborted, reset, timed out, or its action failed. */
  export class BrokenBarrierError extends RuntimeError {
    constructor(message?: string);
  }

  /** Callbacks of an async pool call; they run in the thread that owns the pool, while it waits on the pool. */
  export interface AsyncOptions<R> {
    /** called with the result when it is ready */
    callback?: (value: R) => unknown;
    /** called with the error when the call failed */
    errorCallback?: (error: Error) => unknown;
  }

  /** The eventual result of `applyAsync` / `mapAsync` (Python's `AsyncResult`). */
  export class AsyncResult<R = unknown> {
    /** Waits for the result and returns it, or throws the worker's error; `TimeoutError` after `timeoutMs`. */
    get(timeoutMs?: number): R;
    /** Waits until the result is ready, or `timeoutMs` passed. */
    wait(timeoutMs?: number): void;
    /** True when the result is ready. */
    ready(): boolean;
    /** True when the call succeeded; `ValueError` if not ready yet. */
    successful(): boolean;
  }

  /**
   * A pool of worker processes named `PoolWorker-N` (Python's `multiprocessing.Pool`). Each worker
   * gets a copy of the program, as a `Process` does. Tasks wait in a shared queue for a free worker.
   * ```ts
   * const pool = new Pool(4);
   * print(pool.map((x: number) => x * x, [1, 2, 3]));
   * pool.close(); pool.join();
   * ```
   */
  export class Pool {
    /** @param processes how many worker processes (default `cpuCount()`) */
    constructor(processes?: number, initializer?: (...args: any[]) => unknown, initargs?: unknown[]);
    /** `fn(item)` for every item, in parallel; results in input order. Items go in chunks of `chunksize`. */
    map<T, R>(fn: (item: T) => R, items: Iterable<T>, chunksize?: number): R[];
    /** `fn(...args)` for every tuple of arguments; results in input order. */
    starmap<A extends unknown[], R>(fn: (...args: A) => R, items: Iterable<A>, chunksize?: number): R[];
    /** Like `map`, one result at a time, in input order. */
    imap<T, R>(fn: (item: T) => R, items: Iterable<T>, chunksize?: number): Generator<R>;
    /** Like `imap`, in the order the results finish. */
    imapUnordered<T, R>(fn: (item: T) => R, items: Iterable<T>, chunksize?: number): Generator<R>;
    /** Runs `fn(...args)` in a worker and waits for its result. */
    apply<A extends unknown[], R>(fn: (...args: A) => R, args?: [...A]): R;
    /** Runs `fn(...args)` in a worker without waiting; `callback` gets the result. */
    applyAsync<A extends unknown[], R>(fn: (...args: A) => R, args?: [...A], options?: AsyncOptions<R>): AsyncResult<R>;
    /** `map` without waiting; `callback` gets the whole list. */
    mapAsync<T, R>(fn: (item: T) => R, items: Iterable<T>, options?: AsyncOptions<R[]> & { chunksize?: number }): AsyncResult<R[]>;
    /** `starmap` without waiting. */
    starmapAsync<A extends unknown[], R>(fn: (...args: A) => R, items: Iterable<A>, options?: AsyncOptions<R[]> & { chunksize?: number }): AsyncResult<R[]>;
    /** No more tasks: workers exit once the queued ones are done. Submitting after it throws `ValueError`. */
    close(): void;
    /** Stops the workers now, whatever they are doing. */
    terminate(): void;
    /** Waits for the workers to exit; only after `close()` or `terminate()`, else `ValueError`. */
    join(): void;
  }

  /** The eventual result of `executor.submit` (Python's `concurrent.futures.Future`). */
  export class Future<R = unknown> {
    /** Waits for the result and returns it, or throws the call's error; `TimeoutError` after `timeoutMs`. */
    result(timeoutMs?: number): R;
    /** The error the call raised, or null. */
    exception(timeoutMs?: number): Error | null;
    /** Cancels the call if it has not started; true when it is cancelled. */
    cancel(): boolean;
    cancelled(): boolean;
    running(): boolean;
    /** True when the call finished or was cancelled. */
    done(): boolean;
    /** Calls `fn(future)` when done (at once if it is), in the thread that owns the executor. */
    addDoneCallback(fn: (future: Future<R>) => unknown): void;
  }

  /** Shared by both executors (Python's `concurrent.futures.Executor`). */
  export interface Executor {
    /** Schedules `fn(...args)`; returns its Future. */
    submit<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Future<R>;
    /** `fn` over the items of the iterables in parallel; results in input order. */
    map<R>(fn: (...args: any[]) => R, ...iterables: Iterable<unknown>[]): R[];
    /** No new tasks; with `wait` (default), waits for the queued ones and the workers. */
    shutdown(wait?: boolean): void;
    /** Runs `fn(executor)`, then `shutdown()`: Python's `with` block. */
    with<T>(fn: (executor: this) => T): T;
  }
  /** Worker threads named `ThreadPoolExecutor-K_N`, started as tasks arrive, up to `maxWorkers`. */
  export class ThreadPoolExecutor implements Executor {
    constructor(maxWorkers?: number);
    submit<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Future<R>;
    map<R>(fn: (...args: any[]) => R, ...iterables: Iterable<unknown>[]): R[];
    shutdown(wait?: boolean): void;
    with<T>(fn: (executor: this) => T): T;
  }
  /** Worker processes named `PoolWorker-N`, started as tasks arrive, up to `maxWorkers`. */
  export class ProcessPoolExecutor implements Executor {
    constructor(maxWorkers?: number);
    submit<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Future<R>;
    map<R>(fn: (...args: any[]) => R, ...iterables: Iterable<unknown>[]): R[];
    shutdown(wait?: boolean): void;
    with<T>(fn: (executor: this) => T): T;
  }
  /** Yields the futures as they finish; `TimeoutError` when `timeoutMs` passes first. */
  export function asCompleted<R>(futures: Iterable<Future<R>>, timeoutMs?: number): Generator<Future<R>>;
  /** Raised by `result()` of a cancelled Future. */
  export class CancelledError extends Error {}

  /** Options of a `Queue` or `Pipe`: the size of its buffer in shared memory. */
  export interface BufferOptions {
    /**
     * A fixed byte budget (a `Pipe` has one per direction, 65,536 bytes by default; a `Queue` has none
     * unless given one, and grows as its items need). `put`/`send` wait while the budget is used up, and
     * an item larger than all of it makes them throw `ValueError`, which names the size needed.
     */
    bufferBytes?: number;
  }

  /**
   * A first-in, first-out queue that every thread and process can use (Python's `queue.Queue`).
   * Items are copied in and out (numbers, strings, arrays, objects, `Map`, `Set`, `Date`, typed arrays, ...);
   * locks, queues and other playground objects travel by reference; functions and instances of the
   * snippet's top-level classes travel as a thread's `args` do.
   * ```ts
   * const jobs = new Queue<number>(10);
   * // producer: jobs.put(n);       consumer: const n = jobs.get(); work(n); jobs.taskDone();
   * ```
   */
  export class Queue<T = any> {
    /**
     * @param maxsize the most items it holds: `put` waits while it is full; 0 (the default) or less: no limit
     * @param options `bufferBytes`: a fixed byte budget for its items (default: none, it grows)
     */
    constructor(maxsize?: number, options?: BufferOptions);
    /** The limit it was made with; 0 means none. */
    readonly maxsize: number;
    /**
     * Adds `item` at the end, waiting for room when `block` is true; its lane shows it as waiting on a queue.
     * @param block wait for room (default true); false throws `Full` at once when there is none (`timeoutMs` is then ignored)
     * @param timeoutMs give up after this many milliseconds and throw `Full`; wait forever when omitted
     */
    put(item: T, block?: boolean, timeoutMs?: number): void;
    /**
     * Removes and returns the next item, waiting for one when `block` is true; its lane shows it as waiting on a queue.
     * @param block wait for an item (default true); false throws `Empty` at once when there is none
     * @param timeoutMs give up after this many milliseconds and throw `Empty`; wait forever when omitted
     */
    get(block?: boolean, timeoutMs?: number): T;
    /** `put(item, false)`: adds the item or throws `Full` at once. */
    putNowait(item: T): void;
    /** `get(false)`: returns an item or throws `Empty` at once. */
    getNowait(): T;
    /** How many items it holds now. Another thread may change that at once, so use it as a hint. */
    qsize(): number;
    /** True when it holds no items now (a hint, like `qsize()`). */
    empty(): boolean;
    /** True when it holds `maxsize` items now (a hint, like `qsize()`); always false without a `maxsize`. */
    full(): boolean;
    /** Tells the queue that one item taken with `get()` has been dealt with. More calls than items put throw `ValueError`. */
    taskDone(): void;
    /**
     * Blocks until every item ever put has been marked done with `taskDone()`.
     * @param timeoutMs give up after this many milliseconds; wait forever when omitted
     * @returns true when all items are done, false on timeout
     */
    join(timeoutMs?: number): boolean;
  }

  /** A last-in, first-out queue, a stack (Python's `queue.LifoQueue`): `get()` returns the item put most recently. */
  export class LifoQueue<T = any> extends Queue<T> {}

  /**
   * A queue that returns its smallest item first (Python's `queue.PriorityQueue`). Put `[priority, value]`
   * arrays: they compare element by element, so equal priorities compare the values next. Items that do not
   * order (two objects, a string and a number) throw `TypeError`; put `[priority, count, value]` to avoid that.
   * ```ts
   * const tasks = new PriorityQueue<[number, string]>();
   * tasks.put([2, "write"]); tasks.put([1, "plan"]);
   * tasks.get();   // [1, "plan"]
   * ```
   */
  export class PriorityQueue<T = any> extends Queue<T> {}

  /** Python's `queue.Full`: `put` found no room without waiting, or none before its timeout. */
  export class Full extends Error {
    constructor(message?: string);
  }

  /** Python's `queue.Empty`: `get` found no item without waiting, or none before its timeout. */
  export class Empty extends Error {
    constructor(message?: string);
  }

  /**
   * One end of a `Pipe` (Python's `multiprocessing.connection.Connection`). Messages are copied,
   * as queue items are; an end can be passed to another thread or process.
   */
  export class Connection<T = any> {
    private constructor();
    /** Sends a copy of `obj` to the other end; waits while the pipe's buffer is full. A closed end throws `OSError`. */
    send(obj: T): void;
    /**
     * Returns the next message, waiting for one; its lane shows it as waiting meanwhile.
     * @throws EOFError when the other end is closed and every message it sent has been received
     */
    recv(): T;
    /**
     * Whether `recv()` would return without waiting: a message is there, or the other end is closed.
     * @param timeoutMs wait up to this many milliseconds for that; 0 (the default) does not wait, `Infinity` or `null` waits for good
     */
    poll(timeoutMs?: number | null): boolean;
    /** Closes this end. The other end's `recv()` then throws `EOFError` once it has read everything; closing twice does nothing. */
    close(): void;
    /** True after `close()`. */
    readonly closed: boolean;
    /** True if this end may `recv()`. */
    readonly readable: boolean;
    /** True if this end may `send()`. */
    readonly writable: boolean;
  }

  /**
   * Two connected ends (Python's `multiprocessing.Pipe`): what one end sends, the other receives, in order.
   * ```ts
   * const [parent, child] = Pipe<string>();
   * // in a thread or process: child.send("hello"); child.close();
   * print(parent.recv());   // "hello"
   * ```
   * @param duplex both ends send and receive (default true); false gives `[receive-only, send-only]`
   * @param options `bufferBytes`: the size of each direction's buffer (default 64 KiB)
   */
  export function Pipe<T = any>(duplex?: boolean, options?: BufferOptions): [Connection<T>, Connection<T>];

  /** Python's `EOFError`: `recv()` on a pipe whose other end is closed, after every message was received. */
  export class EOFError extends Error {
    constructor(message?: string);
  }

  /** Python's `OSError`: e.g. using a pipe end after `close()` ("handle is closed"). */
  export class OSError extends Error {
    constructor(message?: string);
  }

  /** Python's `BrokenPipeError` (an `OSError`): sending on a pipe whose other end is closed. */
  export class BrokenPipeError extends OSError {
    constructor(message?: string);
  }

  /**
   * Sets the simulated GIL's switch interval (Python's `sys.setswitchinterval`, in ms): how long a
   * thread may keep the GIL while another thread waits for it. Only matters when the run has the GIL on
   * (toolbar, `settings.gil`, or a first line `// playground: gil=on switchInterval=5`).
   */
  export function setSwitchInterval(ms: number): void;
  /** The simulated GIL's switch interval in ms (default 5). */
  export function getSwitchInterval(): number;
  /** Whether this process runs with the GIL (Python 3.13: `sys._is_gil_enabled()`). */
  export function gilEnabled(): boolean;

  /** A coroutine scheduled on its thread's event loop (Python's `asyncio.Task`); await it for its result. */
  export interface AsyncioTask<T = unknown> extends PromiseLike<T> {
    readonly name: string;
    getName(): string;
    /** True once the coroutine finished. */
    done(): boolean;
    /** Its result (or its error, raised); an error if it is not done. */
    result(): T;
    /**
     * Asks the task to stop (Python's `Task.cancel()`): `CancelledError` is raised in it where it
     * waits (at once in `asyncio.sleep`). False if it is already done.
     */
    cancel(): boolean;
    /** True if the task ended by the `CancelledError` its `cancel()` raised. */
    cancelled(): boolean;
  }

  /**
   * Coroutines (Python's `asyncio`): async functions that take turns on one thread's event loop.
   * `await asyncio.sleep(ms)` lets the other tasks run; a blocking call (`sleep`, a lock ...) stalls them all.
   * ```ts
   * async function main() { await asyncio.gather(work(1), work(2)); }
   * asyncio.run(main);
   * ```
   */
  export const asyncio: {
    /** Runs `main` on this thread's loop until it completes; the program waits for it. */
    run<T>(main: PromiseLike<T> | (() => PromiseLike<T>)): Promise<T>;
    /** Suspends the current task for `ms` milliseconds. */
    sleep<T = undefined>(ms: number, result?: T): Promise<T>;
    /** Schedules a coroutine as a task (drawn as a sub-lane of its thread). */
    createTask<T>(coro: PromiseLike<T>, options?: { name?: string }): AsyncioTask<T>;
    /** Waits for all; results in order. */
    gather<T extends unknown[]>(...aws: { [K in keyof T]: PromiseLike<T[K]> }): Promise<T>;
    /**
     * The result of `aw`, or `TimeoutError` after `timeoutMs`; then a Task given, or a coroutine given straight in
     * the await (`await asyncio.waitFor(work(), 10)`), is cancelled. Wrap other awaitables with `createTask` to have them cancelled.
     */
    waitFor<T>(aw: PromiseLike<T>, timeoutMs: number): Promise<T>;
    /** Runs `fn(...args)` in a new thread and awaits it without blocking the loop. */
    toThread<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): Promise<R>;
    /** A lock for the tasks of one loop. */
    Lock: new () => { acquire(): Promise<true>; release(): void; locked(): boolean; with<T>(fn: () => T | PromiseLike<T>): Promise<T> };
    /** A semaphore for the tasks of one loop. */
    Semaphore: new (value?: number) => { acquire(): Promise<true>; release(): void; locked(): boolean; with<T>(fn: () => T | PromiseLike<T>): Promise<T> };
    /** An event for the tasks of one loop. */
    Event: new () => { set(): void; clear(): void; isSet(): boolean; wait(): Promise<true> };
    /** Raised in a task by its `cancel()` (the same class as the top-level `CancelledError`). */
    CancelledError: typeof CancelledError;
    /** A FIFO queue for the tasks of one loop. */
    Queue: new <T = any>(maxsize?: number) => {
      put(item: T): Promise<void>; get(): Promise<T>; putNowait(item: T): void; getNowait(): T;
      qsize(): number; empty(): boolean; full(): boolean; taskDone(): void; join(): Promise<void>;
    };
  };

  /**
   * Whether the calling thread records its lock, queue and pool operations on the timeline (default
   * true). State changes (running, blocked, ...) are always recorded.
   */
  export function setTracing(enabled: boolean): void;
}
