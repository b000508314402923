// The gallery: its topics in menu order, every example in that order, and a
// lookup by id (share links and the editor store name examples by id).

import type { Example, TopicId } from "./example-types";
import { THREAD_EXAMPLES } from "./threads";
import { THREAD_LIFECYCLE_EXAMPLES } from "./thread-lifecycle";
import { THREAD_LOCAL_EXIT_EXAMPLES } from "./thread-local-exit";
import { LOCK_EXAMPLES } from "./locks";
import { COORDINATION_EXAMPLES } from "./coordination";
import { PROCESS_EXAMPLES } from "./processes";
import { POOL_EXAMPLES } from "./pools";
import { COMMUNICATION_EXAMPLES } from "./communication";
import { QUEUE_EXAMPLES } from "./queues";
import { LIMIT_EXAMPLES } from "./limits";
import { GIL_EXAMPLES } from "./gil";
import { comparisonExample } from "./comparison";
import { COROUTINE_EXAMPLES } from "./coroutines";
import { INTERLEAVING_EXAMPLES } from "./interleavings";

export type { Example, TopicId } from "./example-types";

export interface Topic {
  id: TopicId;
  title: { en: string; zh: string };
}

export const TOPICS: readonly Topic[] = [
  { id: "threads", title: { en: "Threads", zh: "线程" } },
  { id: "locks", title: { en: "Locks", zh: "锁" } },
  { id: "coordination", title: { en: "Condition, Event, Barrier", zh: "条件变量、事件与栅栏" } },
  { id: "processes", title: { en: "Processes", zh: "进程" } },
  { id: "pools", title: { en: "Process pools", zh: "进程池" } },
  { id: "communication", title: { en: "Process communication", zh: "进程间通信" } },
  { id: "queues", title: { en: "Queues", zh: "队列" } },
  { id: "limits", title: { en: "Limiting threads", zh: "控制最大线程数" } },
  { id: "gil", title: { en: "The GIL", zh: "全局解释器锁 GIL" } },
  { id: "coroutines", title: { en: "Coroutines", zh: "协程" } },
  { id: "interleavings", title: { en: "Interleavings", zh: "交错与调度" } },
];

const ALL: Example[] = [
  ...THREAD_EXAMPLES,
  ...THREAD_LIFECYCLE_EXAMPLES,
  ...THREAD_LOCAL_EXIT_EXAMPLES,
  ...LOCK_EXAMPLES,
  ...COORDINATION_EXAMPLES,
  ...PROCESS_EXAMPLES,
  ...POOL_EXAMPLES,
  ...COMMUNICATION_EXAMPLES,
  ...QUEUE_EXAMPLES,
  ...LIMIT_EXAMPLES,
  ...GIL_EXAMPLES,
  comparisonExample,
  ...COROUTINE_EXAMPLES,
  ...INTERLEAVING_EXAMPLES,
];

/** Every example, grouped by topic in TOPICS order (the menu's order). */
export const EXAMPLES: readonly Example[] = TOPICS.flatMap((topic) => ALL.filter((e) => e.topic === topic.id));

const BY_ID = new Map(EXAMPLES.map((e) => [e.id, e]));

/** The example with this id, or undefined (an unknown id in an old share link). */
export function findExample(id: string): Example | undefined {
  return BY_ID.get(id);
}

/** The examples of one topic, in menu order. */
export function examplesOf(topic: TopicId): Example[] {
  return EXAMPLES.filter((e) => e.topic === topic);
}
