// The wire form of values sent to a new thread: structured-cloneable trees in
// which functions, playground objects and instances of the snippet's own
// classes are replaced by tagged records that the receiver can rebuild in its
// copy of the module. Type-only.

export const TAG = "__pg$";

export type EncodedValue = unknown;

export interface EncodedFunction {
  [TAG]: "fn";
  /** a top-level binding of the snippet, looked up by name */
  name?: string;
  /** an export of the "playground" module */
  api?: string;
  /** otherwise the function's source, re-evaluated in the module's scope */
  source?: string;
  /** copies of the enclosing function's locals it captures */
  captures?: { names: string[]; values: EncodedValue[] };
}

export interface EncodedInstance {
  [TAG]: "inst";
  /** a top-level class of the snippet, or (api) a class of the "playground" module */
  cls: string;
  api?: boolean;
  fields: Record<string, EncodedValue>;
  /** number/boolean fields that live in shared memory: name → f64 index */
  shared?: Record<string, { index: number; type: "number" | "boolean" }>;
}

export interface EncodedApiObject {
  [TAG]: "api";
  kind: string;
  data: unknown;
}
