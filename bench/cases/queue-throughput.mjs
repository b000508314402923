// queue.ints.ops and queue.objects.ops: items per second through a playground
// Queue from one thread to another (small integers; small objects), against a
// baseline measured in the same page: one-way postMessage between two plain
// workers (a MessageChannel between them), messages per second.
import { runMeasured } from "../snippet.mjs";

const ITEMS = 200_000;

const snippet = (make) => `import { Thread, Queue, print, now } from "playground";
const N = ${ITEMS};
function produce(q: Queue<unknown>) { for (let i = 0; i < N; i++) q.put(${make}); q.put(null); }
function measure(): number {
  const q = new Queue<unknown>();
  const t0 = now();
  const producer = new Thread({ target: produce, args: [q] });
  producer.start();
  let n = 0;
  while (q.get() !== null) n++;
  const ms = now() - t0;
  producer.join();
  if (n !== N) throw new Error("lost items: " + n);
  return ms;
}
measure();
let best = Infinity;
for (let r = 0; r < 3; r++) best = Math.min(best, measure());
print("BENCH:" + JSON.stringify({ opsPerSec: N / (best / 1000) }));
`;

/** Messages per second, one way, between two workers of the page. */
async function postMessageRate(page) {
  return page.evaluate(async (count) => {
    const source = (role) => `
      onmessage = (e) => {
        const port = e.data.port;
        if ("${role}" === "sender") {
          port.onmessage = () => { for (let i = 0; i < ${count}; i++) port.postMessage(i); };
        } else {
          let n = 0, t0 = 0;
          port.onmessage = (m) => {
            if (n === 0) t0 = performance.now();
            if (++n === ${count}) postMessage((${count} - 1) / ((performance.now() - t0) / 1000));
          };
          port.postMessage("go");
        }
      };`;
    const make = (role) => new Worker(URL.createObjectURL(new Blob([source(role)], { type: "text/javascript" })));
    let best = 0;
    for (let r = 0; r < 3; r++) {
      const sender = make("sender");
      const receiver = make("receiver");
      const channel = new MessageChannel();
      const rate = new Promise((resolve) => (receiver.onmessage = (e) => resolve(e.data)));
      sender.postMessage({ port: channel.port1 }, [channel.port1]);
      receiver.postMessage({ port: channel.port2 }, [channel.port2]);
      best = Math.max(best, await rate);
      sender.terminate();
      receiver.terminate();
    }
    return best;
  }, 100_000);
}

function queueCase(name, make, note) {
  return {
    name,
    goal: name === "queue.ints.ops" ? ">= 10" : undefined,
    async run(page) {
      const baseline = await postMessageRate(page);
      const { opsPerSec } = await runMeasured(page, snippet(make));
      return { value: opsPerSec, unit: "items/s", baseline, ratio: opsPerSec / baseline, note };
    },
  };
}

export const ints = queueCase("queue.ints.ops", "i", `${ITEMS} small ints, best of 3; baseline: postMessage one-way msgs/s`);
export const objects = queueCase("queue.objects.ops", `({ id: i, name: "item" + (i % 100), tags: ["a", "b"] })`, `${ITEMS} small objects, best of 3`);
