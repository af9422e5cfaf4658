// Generated from the Rust core by `cargo run -p propexo-preflight --example gen-host-types`: do not edit.
// The names the core accepts and reports; index.d.ts re-exports them.

export type Operation =
  | 'update'
  | 'create';

export type Vendor =
  | 'APPFOLIO'
  | 'BUILDIUM'
  | 'ENTRATA'
  | 'MRI'
  | 'PROPERTYWARE'
  | 'PROPERTYWARE_REST'
  | 'REALPAGE'
  | 'REALPAGE_RPX'
  | 'RENTMANAGER'
  | 'RENTVINE'
  | 'RESMAN'
  | 'YARDI'
  | 'YARDI_REST';

export type Cadence =
  | 'MINUTE'
  | 'HOUR'
  | 'DAY'
  | 'WEEK'
  | 'MONTH'
  | 'SECOND';

export type System =
  | 'PRODUCTION'
  | 'SANDBOX';

export type Timezone =
  | 'UTC'
  | 'America/New_York'
  | 'America/Chicago'
  | 'America/Denver'
  | 'America/Phoenix'
  | 'America/Los_Angeles'
  | 'America/Anchorage'
  | 'Pacific/Honolulu';

export type Day =
  | 'SUNDAY'
  | 'MONDAY'
  | 'TUESDAY'
  | 'WEDNESDAY'
  | 'THURSDAY'
  | 'FRIDAY'
  | 'SATURDAY';

export type Severity =
  | 'error'
  | 'warning';

export type IssueCode =
  | 'invalid_type'
  | 'unrecognized_keys'
  | 'invalid_enum_value'
  | 'invalid_string'
  | 'too_small'
  | 'too_big'
  | 'not_finite'
  | 'invalid_json'
  | 'lone_surrogate'
  | 'nesting_too_deep'
  | 'too_many_issues'
  | 'slot_end_not_after_start'
  | 'overlapping_slots'
  | 'request_rate_below_floor'
  | 'missing_credential_field'
  | 'invalid_credential_field'
  | 'custom_schedule_missing'
  | 'deprecated_field'
  | 'custom_schedule_ignored'
  | 'fixed_schedule_ignored'
  | 'interval_exceeds_slot'
  | 'cadence_too_coarse'
  | 'sync_too_frequent'
  | 'dst_transition'
  | 'schedule_never_syncs'
  | 'unknown_credential_field'
  | 'credentials_match_no_vendor'
  | 'credentials_unverified'
  | 'vendor_change'
  | 'empty_update'
  | 'exceeds_pms_rate_limit';
