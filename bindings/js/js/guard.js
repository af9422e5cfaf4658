// guardFetch: a fetch that checks integration bodies before they leave the process.
//
// This file routes and nothing else: it recognizes the two requests that carry an
// integration body (POST …/v1/admin/integrations/ and PUT …/v1/admin/integrations/{id}/),
// reads their body and hands it to the package's own `check`. Every rule, message and
// default stays in the Rust core.
//
// The source is an ES module; the build writes a CommonJS copy for `require`.

const CREATE_PATH = /\/v1\/admin\/integrations\/?$/;
const UPDATE_PATH = /\/v1\/admin\/integrations\/[^/]+\/?$/;
const SEND = ['normalized', 'as-given'];
// The options of `check` a guard passes on; `operation` follows the method.
const CHECK_OPTIONS = ['coerce', 'rate_limits', 'now'];

const tagOf = (value) => Object.prototype.toString.call(value);
const isRequest = (value) =>
  value !== null &&
  typeof value === 'object' &&
  typeof value.url === 'string' &&
  typeof value.method === 'string' &&
  typeof value.clone === 'function';

/**
 * The media type fetch would send: the Content-Type header, else the one the body
 * implies (a string's text/plain is what fetch adds when none is set).
 */
function mediaType(headers, body) {
  let type = headers.get('content-type');
  if (type === null) {
    if (typeof body === 'string') type = 'text/plain';
    else if (tagOf(body) === '[object Blob]' || tagOf(body) === '[object File]') type = body.type;
    else type = '';
  }
  return type.split(';')[0].trim().toLowerCase();
}

/**
 * True for JSON text or what may be it: application/json and +json types, text/plain
 * (a string sent without a Content-Type) and no type at all (bytes, streams).
 */
const mayBeJson = (type) =>
  type === '' || type === 'application/json' || type.endsWith('+json') || type === 'text/plain';

/** How a body can be read, or null when it is not JSON text (forms, other objects). */
function bodyKind(body) {
  if (typeof body === 'string') return 'text';
  if (body === null || typeof body !== 'object') return null;
  const tag = tagOf(body);
  if (tag === '[object ArrayBuffer]' || ArrayBuffer.isView(body)) return 'bytes';
  if (tag === '[object Blob]' || tag === '[object File]') return 'blob';
  if (tag === '[object ReadableStream]') return 'stream';
  return null;
}

async function readBody(kind, body) {
  switch (kind) {
    case 'text':
      return body;
    case 'bytes':
      return ArrayBuffer.isView(body) ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : body;
    case 'blob':
      return new Uint8Array(await body.arrayBuffer());
    case 'stream':
      return new Uint8Array(await new Response(body).arrayBuffer());
    default:
      // The body of a Request given without init.body: read from a copy, so the
      // caller's Request stays unread if nothing is sent.
      return new Uint8Array(await body.clone().arrayBuffer());
  }
}

/** Where the request goes, read like fetch reads it; null when it is not a URL. */
function urlOf(input) {
  const base = globalThis.document?.baseURI ?? globalThis.location?.href ?? 'http://localhost/';
  try {
    return new URL(isRequest(input) ? input.url : String(input), base);
  } catch {
    return null;
  }
}

function guards({ check, PreflightError }) {
  /**
   * A function with fetch's signature that checks the body of Create and Update an
   * integration before sending it; see README.md, "Guarding fetch".
   */
  function guardFetch(fetchImpl, options) {
    if (options === undefined && fetchImpl !== null && typeof fetchImpl === 'object') {
      options = fetchImpl;
      fetchImpl = undefined;
    }
    if (fetchImpl !== undefined && fetchImpl !== null && typeof fetchImpl !== 'function') {
      throw new TypeError('guardFetch: the first argument must be a fetch function');
    }
    options ??= {};
    if (typeof options !== 'object') throw new TypeError('guardFetch: options must be an object');
    const send = options.send ?? 'normalized';
    if (!SEND.includes(send)) throw new TypeError(`guardFetch: options.send must be "normalized" or "as-given"`);
    if (options.onWarnings !== undefined && typeof options.onWarnings !== 'function') {
      throw new TypeError('guardFetch: options.onWarnings must be a function');
    }
    if (options.current !== undefined && typeof options.current !== 'boolean') {
      // The stored integration differs per request: the guard reads it, it is not given.
      throw new TypeError('guardFetch: options.current must be true or false');
    }
    const checkOptions = {};
    for (const key of CHECK_OPTIONS) if (options[key] !== undefined) checkOptions[key] = options[key];
    const readCurrent = options.current === true;
    const onWarnings = options.onWarnings;
    // Looked up per call when not given, so a fetch installed later (a polyfill, a test's
    // stub) is the one used.
    const doFetch = fetchImpl ?? ((...args) => globalThis.fetch(...args));

    return function guardedFetch(...args) {
      const [input, init] = args;
      const request = isRequest(input) ? input : undefined;
      const method = String(init?.method ?? request?.method ?? 'GET').toUpperCase();
      const operation = method === 'POST' ? 'create' : method === 'PUT' ? 'update' : undefined;
      if (operation === undefined) return doFetch(...args);
      const url = urlOf(input);
      const path = operation === 'create' ? CREATE_PATH : UPDATE_PATH;
      if (url === null || !path.test(url.pathname)) return doFetch(...args);

      const bodyFromInit = init !== undefined && init !== null && init.body !== undefined;
      const body = bodyFromInit ? init.body : request?.body ?? null;
      if (body === null || body === undefined) return doFetch(...args);
      const kind = bodyFromInit ? bodyKind(body) : 'request';
      const headers = new Headers(init?.headers !== undefined ? init.headers : request?.headers);
      if (kind === null || !mayBeJson(mediaType(headers, bodyFromInit ? body : undefined))) {
        return doFetch(...args);
      }
      return guarded({ args, input, init, request, url, operation, kind, body, headers });
    };

    async function guarded({ args, input, init, request, url, operation, kind, body, headers }) {
      const text = await readBody(kind, kind === 'request' ? request : body);
      const checking = { ...checkOptions, operation };
      if (operation === 'update' && readCurrent) {
        checking.current = await stored(input, init, request, headers, url);
      }
      const report = check(text, checking);
      if (!report.valid) throw new PreflightError(report);
      const warnings = report.issues.filter((issue) => issue.severity === 'warning');
      if (warnings.length > 0 && onWarnings) {
        await onWarnings(warnings, { report, method: operation === 'create' ? 'POST' : 'PUT', url: url.href });
      }

      let response;
      if (send === 'as-given' && kind !== 'stream') {
        response = await doFetch(...args);
      } else {
        const sent = send === 'as-given' ? text : JSON.stringify(report.normalized);
        const replaced = { ...init, body: sent };
        // A Blob's own type was the Content-Type; the text that replaces it keeps it.
        if (kind === 'blob' && !headers.has('content-type') && body.type) {
          headers.set('content-type', body.type);
          replaced.headers = headers;
        }
        response = await doFetch(input, replaced);
      }
      try {
        response.preflightReport = report;
      } catch {
        // A frozen Response keeps its shape; the report also went to onWarnings.
      }
      return response;
    }

    /** The stored integration: GET of the same URL with the same client and headers. */
    async function stored(input, init, request, headers, url) {
      const get = { method: 'GET', headers };
      if (request) {
        for (const key of ['credentials', 'cache', 'redirect', 'signal']) get[key] = request[key];
        if (request.mode !== 'navigate') get.mode = request.mode;
      }
      for (const [key, value] of Object.entries(init ?? {})) {
        if (!['method', 'body', 'headers', 'duplex'].includes(key)) get[key] = value;
      }
      const response = await doFetch(request ? request.url : input, get);
      if (!response.ok) {
        const error = new Error(
          `guardFetch: reading the stored integration (GET ${url.href}) answered ${response.status}; the update was not sent`,
        );
        error.response = response;
        throw error;
      }
      return response.json();
    }
  }

  return { guardFetch };
}

export { guards };
