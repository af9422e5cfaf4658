// The types of guardFetch, type-checked with `tsc --strict` (never run).
import { guardFetch, PreflightError, type GuardedFetch, type Issue, type Report } from 'propexo-preflight';

const guarded: GuardedFetch = guardFetch();
const asFetch: typeof fetch = guardFetch(fetch, { coerce: true, current: true, send: 'as-given' });
const withCallback = guardFetch({
  onWarnings: (warnings: Issue[], { report, method, url }) => {
    console.log(warnings.length, report.valid, method, url);
  },
});

async function update(): Promise<Report | undefined> {
  try {
    const response = await guarded('https://api.propexo.com/v1/admin/integrations/i/', { method: 'PUT', body: '{}' });
    return response.preflightReport;
  } catch (error) {
    if (error instanceof PreflightError) return error.report;
    throw error;
  }
}

// @ts-expect-error: not a send mode
guardFetch({ send: 'raw' });
// @ts-expect-error: current is a flag, not a document
guardFetch({ current: { id: 'x' } });

console.log(asFetch, withCallback, update);
