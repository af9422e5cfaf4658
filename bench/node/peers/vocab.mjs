// The vocabulary the hand-written peer schemas share (SPEC §4): the live API's vendor
// names (the published schema redacts YARDI and APPFOLIO as SAMPLE1 and SAMPLE2), the
// cadences, the eight schedule zones, the weekdays, and the anchored HH:MM pattern.
export const VENDORS = [
  'APPFOLIO', 'BUILDIUM', 'ENTRATA', 'MRI', 'PROPERTYWARE', 'PROPERTYWARE_REST', 'REALPAGE',
  'REALPAGE_RPX', 'RENTMANAGER', 'RENTVINE', 'RESMAN', 'YARDI', 'YARDI_REST',
];
export const CADENCES = ['MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'SECOND'];
export const ZONES = [
  'UTC', 'America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix',
  'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu',
];
export const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
// The whole string, ASCII digits, 00:00-23:59 (the published pattern has no anchors).
export const HHMM = /^(?:[01][0-9]|2[0-3]):[0-5][0-9]$/;

/** True when no two of a day's slots overlap ("HH:MM" strings compare as times). */
export function noOverlap(slots) {
  if (slots.length < 2) return true;
  const sorted = slots.map((s) => [s.start, s.end]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let end = sorted[0][1];
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i][0] < end) return false;
    if (sorted[i][1] > end) end = sorted[i][1];
  }
  return true;
}
