// Every gallery example's Python version, by example id (one topic file here
// per topic file in ..), for the examples' Python tab.
// python-versions.test.ts checks that each example of the catalog has one.

import { COMMUNICATION_PYTHON } from "./communication";
import { COMPARISON_PYTHON } from "./comparison";
import { COORDINATION_PYTHON } from "./coordination";
import { COROUTINE_PYTHON } from "./coroutines";
import { GIL_PYTHON } from "./gil";
import { LIMIT_PYTHON } from "./limits";
import { LOCK_PYTHON } from "./locks";
import { POOL_PYTHON } from "./pools";
import { PROCESS_PYTHON } from "./processes";
import type { PythonVersion } from "./python-types";
import { QUEUE_PYTHON } from "./queues";
import { THREAD_LIFECYCLE_PYTHON } from "./thread-lifecycle";
import { THREAD_LOCAL_EXIT_PYTHON } from "./thread-local-exit";
import { THREAD_PYTHON } from "./threads";
import { INTERLEAVING_PYTHON } from "./interleavings";

export type { PythonVersion } from "./python-types";
export { pythonCodeZh } from "./python-code-zh";

/** The topic files' tables, in catalog order (the test checks no id is in two). */
export const PYTHON_TOPIC_TABLES: readonly Readonly<Record<string, PythonVersion>>[] = [
  THREAD_PYTHON,
  THREAD_LIFECYCLE_PYTHON,
  THREAD_LOCAL_EXIT_PYTHON,
  LOCK_PYTHON,
  COORDINATION_PYTHON,
  PROCESS_PYTHON,
  POOL_PYTHON,
  COMMUNICATION_PYTHON,
  QUEUE_PYTHON,
  LIMIT_PYTHON,
  GIL_PYTHON,
  COMPARISON_PYTHON,
  COROUTINE_PYTHON,
  INTERLEAVING_PYTHON,
];

/** Example id → its Python version. */
export const PYTHON_VERSIONS: Readonly<Record<string, PythonVersion>> = Object.fromEntries(
  PYTHON_TOPIC_TABLES.flatMap((table) => Object.entries(table)),
);
