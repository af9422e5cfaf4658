// The Node entries' two builds of the same module (scripts/build, docs/benchmarks.md "Node
// cold start"): a process starts on the small one, whose first call compiles a third of
// the code the fast one's does, and moves to the fast one once it has made many calls.
//
// V8 compiles a wasm function on its first call (Node 20 compiles lazily), so the first
// check of a fresh process pays for compiling every function it reaches: 50 KB of code
// in the small build, 94 KB in the fast one, whose functions are inlined for speed. A
// script that checks a few bodies is done before the fast build would pay off; a server or
// a batch runs the fast build from its SMALL_CALLS-th call on. Both are built from the same
// source and give the same bytes (every vector runs on each: test/builds.test.js).
//
// The source is an ES module; scripts/assemble.mjs inlines it into both Node entries.

/** Calls made on the small build before the fast one is loaded (once, on that call). */
const SMALL_CALLS = 256;

/**
 * The module's two exports over the two builds. `small` and `fast` instantiate a build
 * and return its glue (`call_text`, `call_bytes`); `fast` is called once, lazily.
 */
function twoBuilds(small, fast) {
  let calls = 0;
  let current = small();
  const pick = () => {
    if (calls < SMALL_CALLS && ++calls === SMALL_CALLS) current = fast();
    return current;
  };
  return {
    call_text: (op, flags, body, options, from, number) => pick().call_text(op, flags, body, options, from, number),
    call_bytes: (op, flags, body, options, from, number) => pick().call_bytes(op, flags, body, options, from, number),
  };
}

export { twoBuilds, SMALL_CALLS };
