// Python's exception names, so snippet authors see the errors the tutorials
// name. `name` is set explicitly because minified builds rename classes.

export class PlaygroundError extends Error {
  constructor(message: string, name: string) {
    super(message);
    this.name = name;
  }
}

export class RuntimeError extends PlaygroundError {
  constructor(message: string) { super(message, "RuntimeError"); }
}

export class AssertionError extends PlaygroundError {
  constructor(message: string) { super(message, "AssertionError"); }
}

export class ValueError extends PlaygroundError {
  constructor(message: string) { super(message, "ValueError"); }
}

export class TimeoutError extends PlaygroundError {
  constructor(message: string) { super(message, "TimeoutError"); }
}

export class TypeError_ extends PlaygroundError {
  constructor(message: string) { super(message, "TypeError"); }
}

export class NameError extends PlaygroundError {
  constructor(message: string) { super(message, "NameError"); }
}
