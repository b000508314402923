// Test support (not shipped): a 200-line snippet in the style of the
// examples, for the compile-speed measurement.

/** A 200-line snippet in the style of the examples: threads, locks, classes, closures, loops. */
export function sampleSnippet(): string {
  const lines = [
    `// playground: gil=off`,
    `import { Thread, Lock, Queue, sleep, print } from "playground";`,
    ``,
  ];
  for (let i = 0; lines.length < 197; i++) {
    lines.push(
      `let counter${i} = 0;`,
      `let running${i}: boolean = true;`,
      `const lock${i} = new Lock();`,
      `const results${i}: number[] = [];`,
      `interface Job${i} { id: number; weight: number }`,
      `class Worker${i} extends Thread {`,
      `  private done = 0;`,
      `  run(): void {`,
      `    for (let k = 0; k < 1000; k++) {`,
      `      lock${i}.with(() => { counter${i} += 1; });`,
      `      if (!running${i}) break;`,
      `    }`,
      `    this.done++;`,
      `  }`,
      `}`,
      `function work${i}(jobs: Job${i}[], scale: number): number {`,
      `  const weigh = (j: Job${i}) => j.weight * scale;`,
      `  let total = 0;`,
      `  for (const job of jobs) total += weigh(job);`,
      `  results${i}.push(total);`,
      `  return total;`,
      `}`,
      `const threads${i} = [1, 2, 3].map((n) => new Thread({ target: () => work${i}([{ id: n, weight: n }], 2) }));`,
      `threads${i}.forEach((t) => t.start());`,
      `threads${i}.forEach((t) => t.join());`,
      `print("round ${i}", counter${i}, results${i}.length);`,
    );
  }
  lines.push(`sleep(1);`, `print("done");`, ``);
  return lines.slice(0, 200).join("\n");
}
