// Process (Python's multiprocessing.Process) and the module functions about
// processes. A process is a thread table entry with a pid of its own and a
// copy of everything at start(), shared globals included, as fork() gives a
// child its own memory (thread.ts does the copying); it runs in its own
// worker like any thread. terminate() asks the page to end the worker of
// every thread of the process at once, as SIGTERM would: like Python, a lock
// or queue the process was in the middle of using is left as it was.

import { context, isDaemon, nextNameNumber, parentPid, pidOf, terminateProcess } from "../runtime/door";
import { Thread, setProcessGil, setThreadRole, type ThreadOptions } from "./thread";

export class Process<A extends unknown[] = unknown[]> extends Thread {
  constructor(options: ThreadOptions<A> = {}) {
    super({
      ...(options as ThreadOptions<never[]>),
      name: options.name ?? `Process-${nextNameNumber("Process")}`,
      daemon: options.daemon ?? false,
    });
    setThreadRole(this, "process");
    if (options.gil !== undefined && typeof options.gil !== "boolean") throw new TypeError("Process option gil must be true or false");
    setProcessGil(this, options.gil);
  }

  /** The process id once started, else null. */
  get pid(): number | null {
    const ident = super.ident;
    return ident ? pidOf(ident) : null;
  }

  /** null while running; 0 after a normal end, 1 after an error, -15 after terminate(). */
  get exitcode(): number | null {
    const ident = super.ident;
    if (!ident) return null;
    const table = context().table;
    return table.isAlive(ident) ? null : table.exitCode(ident);
  }

  /** End the process now (its threads too); its exitcode becomes -15. */
  terminate(): void {
    const pid = this.pid;
    if (pid === null || !this.isAlive()) return;
    terminateProcess(pid);
  }

  /** Kill is terminate here: the page cannot tell SIGKILL from SIGTERM. */
  kill(): void {
    this.terminate();
  }
}

/** The process the caller runs in ("MainProcess" for the program itself). */
export function currentProcess(): { name: string; pid: number; daemon: boolean } {
  const ctx = context();
  const main = ctx.table.processMain(ctx.ident);
  // (Its name is the table's: the process's own code sees its first thread as MainThread.)
  return { name: main === 1 ? "MainProcess" : ctx.table.nameOf(main) ?? "Process", pid: ctx.pid, daemon: isDaemon(main) };
}

export function getpid(): number {
  return context().pid;
}

/** The parent process's pid (the page's tab stands in for MainProcess's parent). */
export function getppid(): number {
  return parentPid();
}

export function cpuCount(): number {
  return navigator.hardwareConcurrency || 1;
}
