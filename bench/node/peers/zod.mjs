// Zod 4 (classic API): the update (PUT) and create (POST) bodies written as strictly as
// Zod allows: strict objects everywhere, enums, integer ranges, finite numbers, the
// anchored HH:MM pattern, and refinements for a slot's end after its start and for
// overlapping slots. Credentials: any object, as in the published schema (tying a shape
// to the vendor would be a root-level superRefine over a table of shapes).
import * as z from 'zod';
import { CADENCES, DAYS, HHMM, VENDORS, ZONES, noOverlap } from './vocab.mjs';

const cadence = z.enum(CADENCES);
const time = z.string().regex(HHMM);
const slot = z
  .strictObject({ start: time, end: time, sync_frequency: z.int().min(1), sync_cadence: cadence })
  .refine((s) => s.end > s.start, { message: 'end must be after start', path: ['end'] });
const day = z.strictObject({
  slots: z.array(slot).refine(noOverlap, { message: 'slots overlap' }),
});
const schedule = z.strictObject({
  type: z.literal('WEEK_BASED'),
  timezone: z.enum(ZONES),
  interval: z.strictObject(Object.fromEntries(DAYS.map((d) => [d, day.optional()]))),
});
const fields = {
  integration_vendor: z.enum(VENDORS).optional(),
  credentials: z.record(z.string(), z.unknown()).optional(),
  name: z.string().optional(),
  system: z.enum(['PRODUCTION', 'SANDBOX']).optional(),
  sync_frequency: z.int().min(1).optional(),
  sync_cadence: cadence.optional(),
  max_request_cadence: cadence.optional(),
  max_request_frequency: z.number().min(1).optional(),
  max_job_concurrency: z.int().min(1).max(100).optional(),
  active: z.boolean().optional(),
  base_url: z.url().nullable().optional(),
  new_properties_are_enabled: z.boolean().optional(),
  allow_manual_syncs: z.boolean().optional(),
  custom_sync_schedule: schedule.optional(),
  use_custom_sync_schedule: z.boolean().optional(),
};
export const Update = z.strictObject(fields);
export const Create = z.strictObject({
  ...fields,
  integration_vendor: z.enum(VENDORS),
  credentials: z.record(z.string(), z.unknown()),
  name: z.string(),
  based_on_integration_id: z.string().min(1).optional(),
});

export const name = 'zod 4 (classic)';
export const validate = { update: (body) => Update.safeParse(body), create: (body) => Create.safeParse(body) };
/** The issues of a result as [{path (keys and indexes), message}]. */
export const issues = (r) => (r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message })));
