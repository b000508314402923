// What the timeline calls objects: the snippet's name for each, and two
// objects that got one name told apart.
import { describe, expect, it } from "vitest";
import { TraceModel } from "./model";
import { objectName } from "./names";
import { ObjKind, objRef } from "./object-kinds";

describe("objectName", () => {
  it("names an object after its variable, and two made where one variable was assigned by their Python names too", () => {
    const m = new TraceModel();
    const [a, b, c, q] = [objRef(ObjKind.Lock, 3), objRef(ObjKind.Lock, 5), objRef(ObjKind.Lock, 6), objRef(ObjKind.Queue, 1)];
    m.nameObject(a, "lock");
    m.nameObject(c, "other");
    m.nameObject(q, "lock");
    // one "lock" Lock so far, and a Queue of the same name is another kind of thing
    expect([objectName(m, a), objectName(m, q)]).toEqual(["lock", "lock"]);
    m.nameObject(b, "lock");
    expect([objectName(m, a), objectName(m, b), objectName(m, c)]).toEqual(["lock (Lock 3)", "lock (Lock 5)", "other"]);
    // an object keeps its first name
    m.nameObject(c, "lock");
    expect(objectName(m, c)).toBe("other");
  });
});
