// Valibot 1: the same schemas as zod.mjs (strict objects, picklists, integer ranges,
// finite numbers, the anchored HH:MM pattern, end-after-start and overlap checks).
import * as v from 'valibot';
import { CADENCES, DAYS, HHMM, VENDORS, ZONES, noOverlap } from './vocab.mjs';

const cadence = v.picklist(CADENCES);
const time = v.pipe(v.string(), v.regex(HHMM));
const count = v.pipe(v.number(), v.integer(), v.minValue(1));
const slot = v.pipe(
  v.strictObject({ start: time, end: time, sync_frequency: count, sync_cadence: cadence }),
  v.forward(v.check((s) => s.end > s.start, 'end must be after start'), ['end']),
);
const day = v.strictObject({ slots: v.pipe(v.array(slot), v.check(noOverlap, 'slots overlap')) });
const schedule = v.strictObject({
  type: v.literal('WEEK_BASED'),
  timezone: v.picklist(ZONES),
  interval: v.strictObject(Object.fromEntries(DAYS.map((d) => [d, v.optional(day)]))),
});
const fields = {
  integration_vendor: v.optional(v.picklist(VENDORS)),
  credentials: v.optional(v.record(v.string(), v.unknown())),
  name: v.optional(v.string()),
  system: v.optional(v.picklist(['PRODUCTION', 'SANDBOX'])),
  sync_frequency: v.optional(count),
  sync_cadence: v.optional(cadence),
  max_request_cadence: v.optional(cadence),
  max_request_frequency: v.optional(v.pipe(v.number(), v.finite(), v.minValue(1))),
  max_job_concurrency: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
  active: v.optional(v.boolean()),
  base_url: v.optional(v.nullable(v.pipe(v.string(), v.url()))),
  new_properties_are_enabled: v.optional(v.boolean()),
  allow_manual_syncs: v.optional(v.boolean()),
  custom_sync_schedule: v.optional(schedule),
  use_custom_sync_schedule: v.optional(v.boolean()),
};
export const Update = v.strictObject(fields);
export const Create = v.strictObject({
  ...fields,
  integration_vendor: v.picklist(VENDORS),
  credentials: v.record(v.string(), v.unknown()),
  name: v.string(),
  based_on_integration_id: v.optional(v.pipe(v.string(), v.minLength(1))),
});

export const name = 'valibot 1';
export const validate = {
  update: (body) => v.safeParse(Update, body),
  create: (body) => v.safeParse(Create, body),
};
export const issues = (r) =>
  r.success ? [] : r.issues.map((i) => ({ path: (i.path ?? []).map((p) => p.key), message: i.message }));
