// Zod 4 Mini (zod/mini, the tree-shakable functional API): the same schemas as zod.mjs.
import * as z from 'zod/mini';
import { CADENCES, DAYS, HHMM, VENDORS, ZONES, noOverlap } from './vocab.mjs';

const cadence = z.enum(CADENCES);
const time = z.string().check(z.regex(HHMM));
const count = z.int().check(z.minimum(1));
const slot = z
  .strictObject({ start: time, end: time, sync_frequency: count, sync_cadence: cadence })
  .check(z.refine((s) => s.end > s.start, { message: 'end must be after start', path: ['end'] }));
const day = z.strictObject({
  slots: z.array(slot).check(z.refine(noOverlap, { message: 'slots overlap' })),
});
const schedule = z.strictObject({
  type: z.literal('WEEK_BASED'),
  timezone: z.enum(ZONES),
  interval: z.strictObject(Object.fromEntries(DAYS.map((d) => [d, z.optional(day)]))),
});
const fields = {
  integration_vendor: z.optional(z.enum(VENDORS)),
  credentials: z.optional(z.record(z.string(), z.unknown())),
  name: z.optional(z.string()),
  system: z.optional(z.enum(['PRODUCTION', 'SANDBOX'])),
  sync_frequency: z.optional(count),
  sync_cadence: z.optional(cadence),
  max_request_cadence: z.optional(cadence),
  max_request_frequency: z.optional(z.number().check(z.minimum(1))),
  max_job_concurrency: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
  active: z.optional(z.boolean()),
  base_url: z.optional(z.nullable(z.url())),
  new_properties_are_enabled: z.optional(z.boolean()),
  allow_manual_syncs: z.optional(z.boolean()),
  custom_sync_schedule: z.optional(schedule),
  use_custom_sync_schedule: z.optional(z.boolean()),
};
export const Update = z.strictObject(fields);
export const Create = z.strictObject({
  ...fields,
  integration_vendor: z.enum(VENDORS),
  credentials: z.record(z.string(), z.unknown()),
  name: z.string(),
  based_on_integration_id: z.optional(z.string().check(z.minLength(1))),
});

export const name = 'zod 4 (zod/mini)';
export const validate = { update: (body) => Update.safeParse(body), create: (body) => Create.safeParse(body) };
export const issues = (r) => (r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message })));
