// Append-only typed arrays that double when full: the trace model keeps its
// events as structure-of-arrays so that a million events stay a few flat
// buffers the renderer can scan without allocating.

export class GrowableF64 {
  data = new Float64Array(64);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  last(): number {
    return this.data[this.length - 1];
  }
}

export class GrowableI32 {
  data = new Int32Array(64);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  last(): number {
    return this.data[this.length - 1];
  }
}
