// A stand-in for Propexo's admin API that records every request reaching it, for the
// guard tests: plugged into test/server.js, it answers /v1/… and /__recorded (what has
// arrived since the last look, as JSON; reading it clears it).
//
// GET /v1/admin/integrations/{id}/ answers the stored integration below as a bare object
// (the `current` the core reads today); /v1/admin/integrations/missing/ answers 404.

/** The stored integration: a Buildium one, so Buildium's credential keys are required. */
export const STORED = { id: 'int_1', vendor: 'BUILDIUM', name: 'Downtown', active: true };

export function apiRecorder() {
  let recorded = [];
  return function handle(request, response, url) {
    if (url.pathname === '/__recorded') {
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(recorded));
      recorded = [];
      return true;
    }
    if (!url.pathname.startsWith('/v1/')) return false;
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      recorded.push({
        method: request.method,
        path: url.pathname + url.search,
        contentType: request.headers['content-type'] ?? null,
        authorization: request.headers.authorization ?? null,
        body,
      });
      const item = /^\/v1\/admin\/integrations\/([^/]+)\/$/.exec(url.pathname);
      if (request.method === 'GET' && item) {
        const found = item[1] !== 'missing';
        response.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
        // As GET /v1/admin/integrations/{id}/ answers: the integration under `results`.
        const meta = { offset: 0, limit: 1, orderBy: [], hasMore: false, total: 1 };
        response.end(JSON.stringify(found ? { meta, results: { ...STORED, id: item[1] } } : { error: { code: 'not_found' } }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ received: true }));
    });
    return true;
  };
}
