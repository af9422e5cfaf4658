// The package's public functions over one wasm build (Node, bundler or web glue).
//
// This file converts and nothing else: JavaScript values become the JSON text the core
// reads, and the core's JSON text becomes objects. Every rule, message and default is in
// the Rust core; what is written here is only about moving values across the boundary.
//
// The source is an ES module; the build writes a CommonJS copy for `require`.

// Kinds of the values JSON text cannot hold, as bindings/js/src/lib.rs reads them.
const UNDEFINED = 0;
const BIGINT = 1;
const FUNCTION = 2;
const SYMBOL = 3;
const DATE = 4;
const MAP = 5;
const SET = 6;
const BYTES = 7;
const TOO_DEEP = 8;
const NAN = 9;
const INFINITY = 10;
const NEGATIVE_INFINITY = 11;

const objectPrototype = Object.prototype;
const tagOf = (value) => objectPrototype.toString.call(value);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
const utf8 = new TextEncoder();

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

/**
 * The public API over `raw`, the functions wasm-bindgen generated. `ready` throws when
 * the module cannot be used yet (the web entry before `init()`).
 */
function bind(raw, ready, schemas) {
  let depthLimit = 0;

  /**
   * True when `JSON.stringify(value)` is exactly the value: JSON values only, plain
   * objects and arrays, nothing nested deeper than the core reads (so no cycle either).
   */
  function isJson(value, depth) {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return true;
      case 'number':
        return value - value === 0; // finite
      case 'object':
        break;
      default:
        return false;
    }
    if (value === null) return true;
    if (depth >= depthLimit) return false;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (!isJson(value[i], depth + 1)) return false;
      return true;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== objectPrototype && prototype !== null) return false;
    for (const key in value) if (!isJson(value[key], depth + 1)) return false;
    return true;
  }

  /**
   * Any JavaScript value as JSON text plus marks: each value JSON cannot hold is written
   * as `null` and marked with its kind and path (child positions). A property whose
   * value is `undefined` is absent, as `JSON.stringify` and Zod's `optional()` read it.
   * A cycle is an infinitely deep value: it is cut where it closes, as the core cuts
   * what is nested too deep.
   */
  function encode(root) {
    const marks = [];
    const path = [];
    const ancestors = [];
    const mark = (kind) => {
      marks.push(kind, path.length, ...path);
      return 'null';
    };
    const walk = (value, depth) => {
      switch (typeof value) {
        case 'string':
          return JSON.stringify(value);
        case 'boolean':
          return value ? 'true' : 'false';
        case 'number':
          if (value - value === 0) return JSON.stringify(value);
          return mark(value !== value ? NAN : value > 0 ? INFINITY : NEGATIVE_INFINITY);
        case 'undefined':
          return mark(UNDEFINED);
        case 'bigint':
          return mark(BIGINT);
        case 'function':
          return mark(FUNCTION);
        case 'symbol':
          return mark(SYMBOL);
      }
      if (value === null) return 'null';
      if (depth >= depthLimit || ancestors.includes(value)) return mark(TOO_DEEP);
      const tag = tagOf(value);
      if (tag === '[object Date]') return mark(DATE);
      if (tag === '[object Map]') return mark(MAP);
      if (tag === '[object Set]') return mark(SET);
      if (ArrayBuffer.isView(value) || tag === '[object ArrayBuffer]') return mark(BYTES);
      ancestors.push(value);
      const parts = [];
      let text;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          parts.push(walk(value[i], depth + 1));
          path.pop();
        }
        text = `[${parts.join(',')}]`;
      } else {
        for (const key of Object.keys(value)) {
          const item = value[key];
          if (item === undefined) continue;
          path.push(parts.length);
          parts.push(`${JSON.stringify(key)}:${walk(item, depth + 1)}`);
          path.pop();
        }
        text = `{${parts.join(',')}}`;
      }
      ancestors.pop();
      return text;
    };
    const text = walk(root, 0);
    return { text, marks: marks.length > 0 ? marks : undefined };
  }

  /** A value as JSON text (and marks), the fast way when it is plain JSON. */
  function valueInput(value) {
    if (depthLimit === 0) depthLimit = raw.max_depth();
    return isJson(value, 0) ? { text: JSON.stringify(value) } : encode(value);
  }

  /** A body: JSON text (a string), UTF-8 bytes, or a value. */
  function bodyInput(body) {
    if (typeof body === 'string') return { text: escapeLoneSurrogates(body) };
    if (body instanceof Uint8Array) return { bytes: body };
    if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body) };
    return valueInput(body);
  }

  /** The body as bytes, for the functions that read bytes. */
  function bodyBytes(input) {
    return input.bytes ?? utf8.encode(input.text);
  }

  const noOptions = {};

  /** Options as JSON text (and marks); a `Date` as `now` is written as RFC 3339. */
  function optionsInput(options) {
    if (options === undefined || options === null) return noOptions;
    if (typeof options === 'object' && tagOf(options.now) === '[object Date]') {
      const time = options.now.getTime();
      if (time !== time) throw new TypeError('options.now is an invalid Date');
      options = { ...options, now: options.now.toISOString() };
    }
    return valueInput(options);
  }

  function check(body, options) {
    return checkInput(bodyInput(body), options);
  }

  function checkInput(b, options) {
    ready();
    const o = optionsInput(options);
    let json;
    try {
      json =
        b.bytes === undefined
          ? raw.check_text(b.text, b.marks, o.text, o.marks)
          : raw.check_bytes(b.bytes, o.text, o.marks);
    } catch (error) {
      throw usage(error);
    }
    return JSON.parse(json);
  }

  function normalize(body, options) {
    const report = check(body, options);
    if (!report.valid) throw new PreflightError(report);
    return report.normalized;
  }

  function toErrorResponse(report) {
    ready();
    const { text, marks } = valueInput(report);
    try {
      return JSON.parse(raw.error_response(text, marks));
    } catch (error) {
      throw usage(error);
    }
  }

  /** Runs a schedule function of the core on a body and options. */
  function schedule(fn, body, options, ...rest) {
    ready();
    const b = bodyInput(body);
    const o = optionsInput(options);
    try {
      return JSON.parse(fn(bodyBytes(b), b.marks, o.text, o.marks, ...rest));
    } catch (error) {
      throw usage(error);
    }
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
  // (schema.js, generated from bindings/js/schema/): a fresh object on every call.
  function jsonSchema(operation) {
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

  /** A Standard Schema (https://standardschema.dev) checking bodies with `options`. */
  function standardSchema(options) {
    return {
      '~standard': {
        version: 1,
        vendor: 'preflight',
        validate(value) {
          // A value, never JSON text: a string here is a string body.
          const report = checkInput(valueInput(value), options);
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
    standardSchema,
    updateIntegrationSchema: standardSchema({ operation: 'update' }),
    createIntegrationSchema: standardSchema({ operation: 'create' }),
    PreflightError,
  };
}

export { bind, PreflightError };
