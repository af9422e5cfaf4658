// The package's public functions over one wasm build (Node, bundler or web glue).
//
// This file converts and nothing else: JavaScript values become the text the core reads
// (JSON, or host text for a value: see hostText), and the core's JSON text becomes objects. Every rule, message and default is in
// the Rust core; what is written here is only about moving values across the boundary.
//
// The source is an ES module; the build writes a CommonJS copy for `require`.

const objectPrototype = Object.prototype;
const tagOf = (value) => objectPrototype.toString.call(value);
const getTime = Date.prototype.getTime;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
const utf8 = new TextEncoder();
const utf8Text = new TextDecoder();

// The module exports two functions of one signature, `call_text` and `call_bytes`
// (bindings/js/src/lib.rs says why); these are its operations and flags, numbered as
// there (`op`, `flag`).
const Op = { check: 0, errorResponse: 1, effectiveSchedule: 2, weeklySummary: 3, nextSyncs: 4, credentialShapes: 5, limits: 6 };
const HOST = 1;
const ISSUES_ONLY = 2;
const NUMBER = 4;

/** A call's answer: JSON text, or `!` and a usage error's message, thrown as a string. */
function answer(text) {
  if (text.charCodeAt(0) === 0x21) throw text.slice(1);
  return text;
}

/**
 * The core's operations over a wasm build's glue: one function each, with the arguments
 * the package passes, returning JSON text and throwing a usage error's message (a string).
 */
function exportsOf(glue) {
  const text = (op, flags, body, options, from, number) =>
    answer(glue.call_text(op, flags, body, options, from, number));
  const bytes = (op, flags, body, options, from, number) =>
    answer(glue.call_bytes(op, flags, body, options, from, number));
  const hostFlag = (host) => (host ? HOST : 0);
  let limits;
  const limit = (i) => (limits ??= JSON.parse(text(Op.limits, 0, '', undefined, undefined, 0)))[i];
  return {
    check_text: (body, host, options, now, issuesOnly) =>
      text(Op.check, hostFlag(host) | (issuesOnly ? ISSUES_ONLY : 0) | (now == null ? 0 : NUMBER), body, options, undefined, now ?? 0),
    check_bytes: (body, options) => bytes(Op.check, 0, body, options, undefined, 0),
    error_response: (report) => text(Op.errorResponse, HOST, report, undefined, undefined, 0),
    effective_schedule: (body, host, options) => bytes(Op.effectiveSchedule, hostFlag(host), body, options, undefined, 0),
    weekly_summary: (body, host, options) => bytes(Op.weeklySummary, hostFlag(host), body, options, undefined, 0),
    next_syncs: (body, host, options, from, count) => bytes(Op.nextSyncs, hostFlag(host) | NUMBER, body, options, from, count),
    credential_shapes: () => text(Op.credentialShapes, 0, '', undefined, undefined, 0),
    max_depth: () => limit(0),
    max_host_items: () => limit(1),
  };
}

/**
 * How the host text names an object JSON cannot hold (bindings/js/src/lib.rs): `!` and
 * the core's letter for it, or undefined for an object read as its own properties.
 * Only objects that are neither arrays nor plain objects get here.
 */
function foreignObject(value) {
  if (ArrayBuffer.isView(value)) return '!y';
  switch (tagOf(value)) {
    case '[object Date]':
      return '!d';
    case '[object Map]':
      return '!m';
    case '[object Set]':
      return '!t';
    case '[object ArrayBuffer]':
      return '!y';
  }
  return undefined;
}

/**
 * Host text as it is written: UTF-8 bytes into a buffer that grows. The walk writes
 * bytes, not a string: a string built of a body's many short pieces is a tree of pieces
 * that must be flattened and encoded before it enters the module, which cost more than
 * the walk itself (docs/benchmarks.md, "Across the boundary").
 */
class HostWriter {
  constructor(bytes) {
    this.bytes = bytes;
    this.at = 0;
  }

  /** Makes room for `count` more bytes (kept small, so that V8 inlines it). */
  room(count) {
    if (this.at + count > this.bytes.length) this.grow(count);
  }

  grow(count) {
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.at + count));
    bigger.set(this.bytes.subarray(0, this.at));
    this.bytes = bigger;
  }

  byte(code) {
    if (this.at === this.bytes.length) this.grow(1);
    this.bytes[this.at++] = code;
  }

  /** Text known to be ASCII with nothing to escape (numbers, literals, markers). */
  ascii(text) {
    this.room(text.length);
    for (let i = 0; i < text.length; i++) this.bytes[this.at++] = text.charCodeAt(i);
  }

  /**
   * A string as JSON text, as `JSON.stringify` writes it (a lone surrogate as its `\u`
   * escape). A short ASCII string with nothing to escape is copied here: calling
   * `JSON.stringify` and the encoder for each of a body's many short keys and values
   * costs more than the whole rest of the walk.
   */
  string(text) {
    const length = text.length;
    if (length <= 64) {
      this.room(length + 2);
      const bytes = this.bytes;
      const start = this.at;
      let at = start;
      bytes[at++] = 0x22;
      let i = 0;
      for (; i < length; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x20 || c === 0x22 || c === 0x5c || c > 0x7f) break;
        bytes[at++] = c;
      }
      if (i === length) {
        bytes[at++] = 0x22;
        this.at = at;
        return;
      }
      this.at = start;
    }
    // As many bytes as units first (all an ASCII string takes), then room for the rest.
    let quoted = JSON.stringify(text);
    this.room(quoted.length);
    const first = utf8.encodeInto(quoted, this.bytes.subarray(this.at));
    this.at += first.written;
    if (first.read === quoted.length) return;
    quoted = quoted.slice(first.read);
    this.room(quoted.length * 3);
    this.at += utf8.encodeInto(quoted, this.bytes.subarray(this.at)).written;
  }
}

/** The most bytes a walk's buffer keeps for the next walk. */
const SPARE_BYTES = 1 << 16;

/** Whether `object` has an enumerable property, its own or inherited. */
function hasEnumerable(object) {
  for (const _key in object) return true;
  return false;
}

/** Thrown by `normalize` when the body has errors. */
class PreflightError extends Error {
  constructor(report) {
    const errors = report.issues.filter((issue) => issue.severity === 'error');
    super(errors.map((i) => (i.pointer ? `${i.pointer}: ${i.message}` : i.message)).join('\n'));
    this.name = 'PreflightError';
    /** The errors of the report, in report order. */
    this.issues = errors;
    /** The whole report, warnings included. */
    this.report = report;
  }
}

/**
 * The `valid` and `issues` of a verdict answer: JSON (the browser build), or the flat
 * array the Node build writes (`Verdict::to_flat_json` in the core says what it holds),
 * from which the issues are made as object literals: `JSON.parse` makes every issue,
 * path and params object of the JSON form at twice the cost (docs/benchmarks.md, "Across
 * the boundary"). Params keys are the core's names, set as computed keys, which define own
 * properties as `JSON.parse` does (an assignment could meet a setter of a prototype).
 */
function verdictOf(text) {
  if (text.charCodeAt(0) !== 0x5b) return JSON.parse(text);
  const flat = JSON.parse(text);
  const issues = [];
  let at = 1;
  while (at < flat.length) {
    const code = flat[at];
    const severity = flat[at + 1];
    const segments = flat[at + 2];
    const path = flat.slice(at + 3, at + 3 + segments);
    at += 3 + segments;
    const pointer = flat[at];
    const message = flat[at + 1];
    const count = flat[at + 2];
    at += 3;
    let params;
    if (count === 1) {
      params = { [flat[at]]: flat[at + 1] };
    } else if (count === 2) {
      params = { [flat[at]]: flat[at + 1], [flat[at + 2]]: flat[at + 3] };
    } else {
      params = {};
      for (let i = 0; i < count; i++) {
        Object.defineProperty(params, flat[at + 2 * i], { value: flat[at + 2 * i + 1], writable: true, enumerable: true, configurable: true });
      }
    }
    at += 2 * count;
    issues.push({ code, severity, path, pointer, message, params });
  }
  return { valid: flat[0], issues };
}

/** A usage error thrown by the wasm side (a string) becomes a TypeError. */
function usage(error) {
  return typeof error === 'string' ? new TypeError(error) : error;
}

/**
 * A JavaScript string as the text that would be sent: a lone surrogate, which UTF-8
 * cannot carry, is written as its `\u` escape, which `JSON.parse` reads back as the same
 * string (and the core reports it).
 */
function escapeLoneSurrogates(text) {
  const wellFormed =
    typeof text.isWellFormed === 'function' ? text.isWellFormed() : !LONE_SURROGATE.test(text);
  if (wellFormed) return text;
  return text.replace(LONE_SURROGATES, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** Returns the object it is given, so that a subclass stamps its private fields on it. */
class Stamp {
  constructor(object) {
    return object;
  }
}

/**
 * What a lazy report's first read of `normalized` or `changes` needs: the call to make,
 * as a private field stamped on the report itself (the report stays a plain object).
 * JSON, keys, spreading, cloning and deep equality never see a private field, and V8
 * adds one as quickly as a plain property, where a non-enumerable property cost a
 * quarter of a microsecond per report (docs/benchmarks.md, "Across the boundary").
 */
class PendingReport extends Stamp {
  #pending;

  constructor(report, pending) {
    super(report);
    this.#pending = pending;
  }

  /** The lazy report on `object`'s prototype chain (an object made from one reads through). */
  static holder(object) {
    for (let at = object; typeof at === 'object' && at !== null; at = Object.getPrototypeOf(at)) {
      if (#pending in at) return at;
    }
    return undefined;
  }

  /** The call a report still has to make, or undefined once made. */
  static pending(report) {
    return report.#pending;
  }

  static settled(report) {
    report.#pending = undefined;
  }
}

/** Turns a lazy report field into the plain data property it stands for. */
function settleField(report, key, value) {
  const field = Object.getOwnPropertyDescriptor(report, key);
  // A field the caller already assigned keeps the caller's value.
  if (field !== undefined && field.get === undefined) return;
  Object.defineProperty(report, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * The public API over `raw`, the functions wasm-bindgen generated. `ready` throws when
 * the module cannot be used yet (the web entry before `init()`).
 */
function bind(raw, ready, schemas) {
  let depthLimit = 0;
  let itemLimit = 0;
  /** The last walk's buffer, for the next one (undefined while a walk runs). */
  let spare;

  /**
   * Any JavaScript value as the host text the core reads (`preflight::parse_host`): JSON,
   * where a value JSON cannot hold is `!` and a letter. One walk reads every value once —
   * each getter is called once, `toJSON` never (the body is the value given, not what it
   * would turn itself into) — and writes as it reads, so time and memory are linear in
   * what it reads.
   *
   * A property whose value is `undefined` is absent, as `JSON.stringify` and Zod's
   * `optional()` read it; in an array (a hole included) it is `undefined`. A cycle is an
   * infinitely deep value: it is cut where it closes, as the core cuts what is nested too
   * deep. The walk reads at most as many items (array items and object entries) as the
   * core reads from a host: a sparse array makes any length cheap to create, and shared
   * references any size. A container past that is not read, and the core reports it as
   * too big.
   *
   * With `isOptions`, a `Date` as the root's `now` property is written as its RFC 3339 text (the
   * options object).
   */
  function hostText(root, isOptions) {
    if (depthLimit === 0) {
      depthLimit = raw.max_depth();
      itemLimit = raw.max_host_items();
    }
    // A walk started by a getter during another walk gets a buffer of its own.
    const out = new HostWriter(spare ?? new Uint8Array(256));
    spare = undefined;
    const ancestors = [];
    let items = itemLimit;
    const write = (value, depth) => {
      switch (typeof value) {
        case 'string':
          return out.string(value);
        case 'number':
          // 1e400 is what JSON.parse reads as Infinity.
          return out.ascii(value - value === 0 ? `${value}` : value !== value ? '!n' : value > 0 ? '1e400' : '-1e400');
        case 'boolean':
          return out.ascii(value ? 'true' : 'false');
        case 'undefined':
          return out.ascii('!u');
        case 'bigint':
          return out.ascii('!b');
        case 'function':
          return out.ascii('!f');
        case 'symbol':
          return out.ascii('!s');
      }
      if (value === null) return out.ascii('null');
      if (depth >= depthLimit || ancestors.includes(value)) return out.ascii('!z');
      if (Array.isArray(value)) {
        const length = value.length;
        if (!(length <= items)) return out.ascii('!g');
        items -= length;
        ancestors.push(value);
        out.byte(0x5b); // [
        for (let i = 0; i < length; i++) {
          if (i > 0) out.byte(0x2c); // ,
          write(value[i], depth + 1);
        }
        ancestors.pop();
        return out.byte(0x5d); // ]
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== objectPrototype && prototype !== null) {
        const foreign = foreignObject(value);
        if (foreign !== undefined) return out.ascii(foreign);
      }
      const keys = Object.keys(value);
      if (keys.length > items) return out.ascii('!g');
      items -= keys.length;
      ancestors.push(value);
      out.byte(0x7b); // {
      const open = out.at;
      // The same keys in the same order: a plain object's own enumerable keys are all that
      // for-in visits when no prototype adds one, and V8 reads `value[key]` in a for-in
      // from the shape's key cache, where the loop over `keys` looks each key up (a tenth
      // of the walk; docs/benchmarks.md, "Across the boundary").
      if (plainForIn && (prototype === objectPrototype || prototype === null)) {
        for (const key in value) member(key, value[key], depth, open);
      } else {
        for (let i = 0; i < keys.length; i++) member(keys[i], value[keys[i]], depth, open);
      }
      ancestors.pop();
      return out.byte(0x7d); // }
    };
    /** `"key":value` of the object whose `{` ends at `open` (a comma before all but the first). */
    const member = (key, item, depth, open) => {
      if (item === undefined) return;
      if (isOptions && depth === 0 && key === 'now') item = nowText(item);
      if (out.at !== open) out.byte(0x2c); // ,
      out.string(key);
      out.byte(0x3a); // :
      write(item, depth + 1);
    };
    // Whether for-in visits a plain object's own keys only: nothing enumerable inherited.
    const plainForIn = !hasEnumerable(objectPrototype);
    try {
      write(root, 0);
      // A string, not a copy of the bytes: V8 makes a string of ASCII bytes four times
      // quicker than a new Uint8Array, and the module's glue encodes it in one native call.
      return utf8Text.decode(out.bytes.subarray(0, out.at));
    } finally {
      if (out.bytes.length <= SPARE_BYTES) spare = out.bytes;
    }
  }

  /** `options.now` as the core reads it: a `Date` as RFC 3339 text, anything else as it is. */
  function nowText(now) {
    if (typeof now !== 'object' || now === null || tagOf(now) !== '[object Date]') return now;
    let time;
    try {
      time = getTime.call(now);
    } catch {
      return now; // not a real Date, whatever its tag says
    }
    if (time !== time) throw new TypeError('options.now is an invalid Date');
    return new Date(time).toISOString();
  }

  /** A value as host text. */
  function valueInput(value) {
    return { text: hostText(value, false), host: true };
  }

  /** A body: JSON text (a string), UTF-8 bytes, or a value. */
  function bodyInput(body) {
    if (typeof body === 'string') return { text: escapeLoneSurrogates(body), host: false };
    if (body instanceof Uint8Array) return { bytes: body, host: false };
    if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body), host: false };
    return valueInput(body);
  }

  /** The body as bytes, for the functions that read bytes. */
  function bodyBytes(input) {
    return input.bytes ?? utf8.encode(input.text);
  }

  /**
   * Options as host text (undefined for none), read as a body is; a `Date` as `now` is
   * written as RFC 3339.
   */
  function hostOptions(options) {
    if (options === undefined || options === null) return undefined;
    return hostText(options, true);
  }

  function check(body, options) {
    ready();
    const b = bodyInput(body);
    if (b.bytes !== undefined) return checkInput(b, hostOptions(options));
    return lazyReport(b.text, b.host, hostOptions(options));
  }

  /** Calls a wasm export; a usage error it throws becomes a TypeError. */
  function call(fn, ...args) {
    try {
      return fn(...args);
    } catch (error) {
      throw usage(error);
    }
  }

  /**
   * `raw.check_text`, a usage error thrown as a TypeError: `call` without its rest
   * arguments, on the path every check takes.
   */
  function checkText(text, host, options, now, issuesOnly) {
    try {
      return raw.check_text(text, host, options, now, issuesOnly);
    } catch (error) {
      throw usage(error);
    }
  }

  /** The full report of a body. Bytes are read at once: the caller may reuse the buffer. */
  function checkInput(b, options) {
    if (b.bytes !== undefined) return JSON.parse(call(raw.check_bytes, b.bytes, options));
    return JSON.parse(checkText(b.text, b.host, options, Date.now(), false));
  }

  // A lazy report's `normalized` and `changes`: one pair of accessors for every report
  // (V8 then gives every lazy report one shape, where accessors made per report cost a
  // new shape and four closures per call).
  const settle = (report) => {
    const pending = PendingReport.pending(report);
    if (pending === undefined) return;
    const full = JSON.parse(checkText(pending.body, pending.host, pending.options, pending.now, false));
    PendingReport.settled(report);
    settleField(report, 'normalized', full.normalized);
    settleField(report, 'changes', full.changes);
  };
  const lazyField = (key) => ({
    get() {
      const report = PendingReport.holder(this);
      if (report === undefined) return undefined;
      // Both fields are data properties from here on, so this reads no accessor again.
      settle(report);
      return this[key];
    },
    set(value) {
      settleField(this, key, value);
    },
    enumerable: true,
    configurable: true,
  });
  const lazyNormalized = lazyField('normalized');
  const lazyChanges = lazyField('changes');

  /**
   * The report of a body, lazily: the core writes only `valid` and `issues`; the
   * normalized body and the changes are made by a second call with the same text,
   * options and clock when the caller first reads `normalized` or `changes` (a form that
   * shows issues on every keystroke never pays for them). Both are enumerable getters
   * defined in the report's key order, so `JSON.stringify(report)` writes the same bytes
   * as the full report; once read (or assigned) they are plain data properties.
   */
  function lazyReport(body, host, options) {
    const now = Date.now();
    const report = verdictOf(checkText(body, host, options, now, true));
    new PendingReport(report, { body, host, options, now });
    Object.defineProperty(report, 'normalized', lazyNormalized);
    Object.defineProperty(report, 'changes', lazyChanges);
    return report;
  }

  function normalize(body, options) {
    ready();
    const report = checkInput(bodyInput(body), hostOptions(options));
    if (!report.valid) throw new PreflightError(report);
    return report.normalized;
  }

  function toErrorResponse(report) {
    ready();
    const text = hostText(report, false);
    try {
      return JSON.parse(raw.error_response(text));
    } catch (error) {
      throw usage(error);
    }
  }

  /** Runs a schedule function of the core on a body and options. */
  function schedule(fn, body, options, ...rest) {
    ready();
    const b = bodyInput(body);
    const o = hostOptions(options);
    return JSON.parse(call(fn, bodyBytes(b), b.host, o, ...rest));
  }

  const effectiveSchedule = (body, options) => schedule(raw.effective_schedule, body, options);
  const weeklySummary = (body, options) => schedule(raw.weekly_summary, body, options);

  function nextSyncs(body, options, from, count) {
    if (tagOf(from) === '[object Date]') {
      if (from.getTime() !== from.getTime()) throw new TypeError('from is an invalid Date');
      from = from.toISOString();
    } else if (typeof from !== 'string') {
      throw new TypeError('from must be a Date or an RFC 3339 date-time string');
    }
    if (typeof count !== 'number') throw new TypeError('count must be a number');
    return schedule(raw.next_syncs, body, options, from, count);
  }

  // The schemas are the core's json_schema output, shipped as JSON text beside the module
  // (schema.js, generated from bindings/js/schema/): a fresh object on every call; an
  // update's when no operation is given, as in every host.
  function jsonSchema(operation = 'update') {
    ready();
    const name = String(operation);
    if (name !== 'update' && name !== 'create') throw new TypeError('operation must be "update" or "create"');
    return JSON.parse(schemas[name]);
  }

  let shapes;
  function credentialShapes() {
    ready();
    shapes ??= raw.credential_shapes();
    return JSON.parse(shapes);
  }

  /**
   * A Standard Schema (https://standardschema.dev) checking bodies with `options`. The
   * options are read once, here, and bad options fail here (a TypeError); `validated`
   * says whether this is possible yet (the web entry before `init()` is not: the
   * prebuilt schemas are made when the package loads, and read their options on first use).
   */
  function standardSchema(options, validated = true) {
    let text;
    let read = false;
    const readOptions = () => {
      if (!read) {
        text = hostOptions(options);
        try {
          raw.check_text('null', false, text, undefined, true);
        } catch (error) {
          throw usage(error);
        }
        read = true;
      }
      return text;
    };
    if (validated) {
      ready();
      readOptions();
    }
    return {
      '~standard': {
        version: 1,
        vendor: 'preflight',
        validate(value) {
          ready();
          // A value, never JSON text: a string here is a string body.
          const report = checkInput(valueInput(value), readOptions());
          if (report.valid) return { value: report.normalized };
          const issues = report.issues
            .filter((issue) => issue.severity === 'error')
            .map((issue) => ({ message: issue.message, path: issue.path }));
          return { issues };
        },
      },
    };
  }

  return {
    check,
    normalize,
    toErrorResponse,
    effectiveSchedule,
    nextSyncs,
    weeklySummary,
    jsonSchema,
    credentialShapes,
    standardSchema: (options) => standardSchema(options),
    updateIntegrationSchema: standardSchema({ operation: 'update' }, false),
    createIntegrationSchema: standardSchema({ operation: 'create' }, false),
    PreflightError,
  };
}

export { bind, exportsOf, PreflightError };
