// A small consumer of the package's types, type-checked with `tsc --strict` (never run).
import {
  check,
  createIntegrationSchema,
  credentialShapes,
  effectiveSchedule,
  jsonSchema,
  nextSyncs,
  normalize,
  PreflightError,
  standardSchema,
  toErrorResponse,
  updateIntegrationSchema,
  weeklySummary,
  type CreateIntegrationBody,
  type CustomSyncSchedule,
  type Issue,
  type Options,
  type Report,
  type StandardSchemaV1,
  type UpdateIntegrationBody,
} from 'propexo-preflight';
import init, { check as checkInBrowser } from 'propexo-preflight/web';

const schedule: CustomSyncSchedule = {
  type: 'WEEK_BASED',
  timezone: 'America/New_York',
  interval: { MONDAY: { slots: [{ start: '09:00', end: '17:00', sync_frequency: 20, sync_cadence: 'MINUTE' }] } },
};
const update: UpdateIntegrationBody = { name: 'Downtown', use_custom_sync_schedule: true, custom_sync_schedule: schedule };
const options: Options = { operation: 'update', coerce: true, now: new Date(), current: { id: 'x' } };

const report: Report = check(update, options);
const valid: boolean = report.valid;
const first: Issue | undefined = report.issues[0];
const pointer: string | undefined = first?.pointer;
const severity: 'error' | 'warning' | undefined = first?.severity;
check('{"name":"x"}');
check(new Uint8Array(0), null);

const created: CreateIntegrationBody = normalize({}, { operation: 'create' });
const name: string = created.name;
const updated: UpdateIntegrationBody = normalize(update);

try {
  normalize({ sync_frequency: 0 });
} catch (error) {
  if (error instanceof PreflightError) {
    const issues: Issue[] = error.issues;
    const whole: Report = error.report;
    console.log(issues.length, whole.valid, error.message);
  }
}

const envelope = toErrorResponse(report);
const code: 'invalid_request' = envelope.error.code;

const effective = effectiveSchedule(update);
if (effective.kind === 'custom') {
  const zone: string = effective.timezone;
  console.log(zone, effective.interval.MONDAY?.[0]?.start);
}
const next = nextSyncs(update, null, new Date(), 10);
const local: string | undefined = next.syncs[0]?.local;
const why: 'no_slots' | 'range_end' | undefined = next.complete ? undefined : next.end?.reason;
const note: string | null = weeklySummary(update).note;
const perWeek: number = weeklySummary(update, options).per_week;
const schema: Record<string, unknown> = jsonSchema('create');
const appfolioKeys: string[] = credentialShapes().APPFOLIO.flatMap((s) => s.required.map((k) => k.name));

// Standard Schema V1
async function viaStandardSchema<S extends StandardSchemaV1>(s: S, value: unknown) {
  const result = await s['~standard'].validate(value);
  return result.issues ? result.issues.map((i) => i.message) : result.value;
}
const out: UpdateIntegrationBody | undefined = (() => {
  const r = updateIntegrationSchema['~standard'].validate({});
  return r instanceof Promise || r.issues ? undefined : r.value;
})();
type Created = StandardSchemaV1.InferOutput<typeof createIntegrationSchema>;
const c: Created | undefined = undefined;
void viaStandardSchema(standardSchema({ coerce: true }), {});

// The web entry: init() first.
await init();
await init(new URL('https://example.test/preflight_wasm_bg.wasm'));
checkInBrowser({});

// What must not type-check.
// @ts-expect-error: no such operation
check({}, { operation: 'delete' });
// @ts-expect-error: rate_limits is spelled with an underscore
check({}, { rateLimits: {} });
// @ts-expect-error: not a zone of the schedule enum
const badZone: CustomSyncSchedule = { ...schedule, timezone: 'Europe/Paris' };
// @ts-expect-error: count is required
nextSyncs(update, null, new Date());
// @ts-expect-error: the result is {syncs, complete, end}, not an array
nextSyncs(update, null, new Date(), 1)[0];
// @ts-expect-error: a create body needs a name
const noName: CreateIntegrationBody = { integration_vendor: 'YARDI', credentials: {} };
// @ts-expect-error: jsonSchema takes an operation
jsonSchema('delete');

console.log(valid, pointer, severity, name, updated, code, local, why, note, perWeek, schema, appfolioKeys, out, c, badZone, noName);
