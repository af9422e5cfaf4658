// The CommonJS view of the types (require), type-checked with `tsc --strict`.
import preflight = require('propexo-preflight');

const report: preflight.Report = preflight.check({ name: 'x' });
const error: typeof preflight.PreflightError = preflight.PreflightError;
// @ts-expect-error: no web init in the Node entry
preflight.init();
console.log(report.valid, error.name);
