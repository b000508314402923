// `import source from "./entry.ts?classic-source"`: the entry bundled into one
// classic script, as text (scripts/vite-classic-source.ts).
declare module "*?classic-source" {
  const source: string;
  export default source;
}
