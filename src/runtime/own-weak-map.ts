// A WeakMap the snippet cannot reach into. A plain WeakMap's get and set are
// looked up on WeakMap.prototype at each call, so a snippet that replaced
// them would be handed every key and value the runtime stores (a thread's
// context among them), or could make lookups fail and wrappers pile up.
// These are taken as the worker boots, before any snippet runs.

const NativeWeakMap = WeakMap;
const { get, set, has, delete: remove } = WeakMap.prototype;
const apply = Reflect.apply;

export class OwnWeakMap<K extends object, V> {
  private readonly map = new NativeWeakMap<K, V>();

  get(key: K): V | undefined {
    return apply(get, this.map, [key]) as V | undefined;
  }

  set(key: K, value: V): void {
    apply(set, this.map, [key, value]);
  }

  has(key: K): boolean {
    return apply(has, this.map, [key]) as boolean;
  }

  delete(key: K): void {
    apply(remove, this.map, [key]);
  }
}
