// The shape of the Chrome Trace Event JSON the playground exports (the
// subset it uses), which Perfetto and chrome://tracing read.

export interface ChromeTraceEvent {
  /** X slice, i instant, C counter, M metadata */
  ph: "X" | "i" | "C" | "M";
  name: string;
  pid: number;
  tid?: number;
  /** µs */
  ts?: number;
  dur?: number;
  cat?: string;
  /** instant scope: thread, process, global */
  s?: "t" | "p" | "g";
  /**
   * Flow events, "v2" form: a slice with `bind_id` and `flow_out` starts an
   * arrow, the slice with the same `bind_id` and `flow_in` ends it. Unlike
   * "s"/"f" events, which attach to whatever slice encloses their time,
   * these name the very slice each end is.
   */
  bind_id?: number;
  flow_out?: true;
  flow_in?: true;
  args?: Record<string, unknown>;
}

export interface ChromeTrace {
  traceEvents: ChromeTraceEvent[];
  displayTimeUnit: "ms";
  otherData: Record<string, unknown>;
}
